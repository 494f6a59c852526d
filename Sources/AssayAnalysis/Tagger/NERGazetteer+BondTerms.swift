/// A bond issue's terms as the newswire prints them, two or three terms a line after the story
/// (``NERDecoder/annotate()``):
///
///     Borrower Toyota Motor Credit Corp
///     Moody 's Aa1 S&P AAA
///     Listing Lux Pay date 30.DEC.96
///     Denoms ( K ) 1-10-100 Sale limits US / UK / JP
///     Gov law English Home ctry U.S.
///
/// The terms' keys are capitalised and abbreviated, so the weights read them as names ("Dutch Home"
/// an organisation, the "K" of thousands one) and missed the names between them ("Lux", "S&P").
extension NERGazetteer {
    /// The names and the key words of a line of a bond issue's terms:
    /// - the borrower, guarantor or issuer, the rest of a line that opens with its key, is an
    ///   organisation unless the lists have it as a place ("Borrower Toyota Motor Credit Corp";
    ///   "Borrower Argentina" is left to them);
    /// - the place after "Listing" ("Listing Lux", "Listing Frankfurt") and after "Home ctry" ("Home ctry
    ///   Netherlands") is a place;
    /// - the law's nationality after "Gov law" is miscellany ("Gov law English");
    /// - "S&P" is the rating agency; the rating after it or after "Moody 's" is no name ("AAA", "Aa1");
    /// - the keys "Gov" (of "Gov law"), "Home" (of "Home ctry"), "Listing" and "Denoms", and the
    ///   "K" of "Denoms ( K )", are outside every name.
    ///
    /// Only on a line with a key that nothing but such terms use ("ctry", "Denoms", "Gov law", an
    /// agency and its rating, or a key opening it); a name forced as another kind already is left as it is.
    static func bondTerms(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> (names: [(range: Range<Int>, label: NERLabel)], outside: [Int]) {
        guard isBondTermsLine(infos) else { return ([], []) }
        let n = infos.count
        let (openers, ends) = (bondLineOpeners, bondTermValueEnds)
        let (sAndP, gov, law, home, ctry, listing, denoms, openBracket, closeBracket) = (
            sAndPWord, govWord, lawWord, homeWord, ctryWord, listingWord, denomsWord, openBracketWord, closeBracketWord
        )
        let opensWithKey = infos[0].isCapitalised && openers.contains(infos[0].word)
        var names: [(range: Range<Int>, label: NERLabel)] = []
        var outside: [Int] = []
        // (The capitalised words from `start` up to the next key or the line's end, no word of them
        // forced as another kind of name: "Lux" of "Listing Lux Pay date".)
        let connectors = NERFeatureExtractor.runConnectors
        func value(from start: Int, _ label: NERLabel) -> Range<Int>? {
            var end = start
            while end < n, infos[end].isCapitalised || end > start && connectors.contains(infos[end].word),
                  end == start || infos[end].word != ctry && infos[end].word != denoms && !ends.contains(infos[end].word) { end += 1 }
            while end > start, !infos[end - 1].isCapitalised { end -= 1 }
            guard end > start, (start ..< end).allSatisfy({
                infos[$0].forcedTag == 0 || BILOUTag(uncheckedRawValue: infos[$0].forcedTag).label == label
            }) else { return nil }
            return start ..< end
        }
        for k in infos.indices where infos[k].isCapitalised {
            let word = infos[k].word
            if let rating = ratingAfterAgency(k, infos) {
                if word == sAndP, infos[k].forcedTag == 0 { names.append((k ..< k + 1, .org)) }
                outside.append(rating)
            } else if word == gov, k + 1 < n, infos[k + 1].word == law {
                outside.append(k)
                // (The nationality alone: not "British" of "Gov law British Columbia".)
                if k + 2 < n, infos[k + 2].forcedTag == 0,
                   NERFeatureExtractor.listPosition(infos[k + 2], .demonym) == 4 || infos[k + 2].word == englishWord,
                   k + 3 == n || !infos[k + 3].isCapitalised || ends.contains(infos[k + 3].word) {
                    names.append((k + 2 ..< k + 3, .misc))
                }
            } else if word == home, k + 2 < n, infos[k + 1].word == ctry {
                outside.append(k)
                if let place = value(from: k + 2, .loc) { names.append((place, .loc)) }
            } else if word == listing, k + 1 < n {
                outside.append(k)
                if let place = value(from: k + 1, .loc) { names.append((place, .loc)) }
            } else if word == denoms {
                outside.append(k)
                if k + 3 < n, infos[k + 1].word == openBracket, infos[k + 3].word == closeBracket { outside.append(k + 2) }
            } else if k == 0, opensWithKey, let party = value(from: 1, .org), party.upperBound == n,
                      party.contains(where: { infos[$0].gazetteer & listedOrKnownPlaceBits == 0 }) {
                names.append((party, .org))
            }
        }
        return (names, outside)
    }

    /// Whether `infos` is a line of a bond issue's terms (``bondTerms(_:)``): it opens with a key
    /// ("Borrower", "Listing"), or has "ctry", "Denoms", "Gov law" or an agency and its rating. Such a
    /// line is no title-case headline, whose common words the truecaser would lower ("Borrower Acme
    /// Motor Credit Corp").
    static func isBondTermsLine(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        let n = infos.count
        guard n >= 2 else { return false }
        if infos[0].isCapitalised && bondLineOpeners.contains(infos[0].word) { return true }
        let (ctry, denoms, gov, law, sAndP, moody) = (ctryWord, denomsWord, govWord, lawWord, sAndPWord, moodyWord)
        // (The statics are read once, not once a token: each read is a lazy-initialisation check; and
        // six comparisons cost less than a set's lookup on every token of every sentence.)
        return infos.indices.contains {
            let word = infos[$0].word
            return word == ctry || word == denoms || word == gov && $0 + 1 < n && infos[$0 + 1].word == law
                || (word == sAndP || word == moody) && ratingAfterAgency($0, infos) != nil
        }
    }

    /// The index of the rating after an agency's name at `k`, if there is one: "S&P AAA", "Moody 's Aa1".
    private static func ratingAfterAgency(_ k: Int, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Int? {
        let n = infos.count
        func isRating(_ k: Int) -> Bool { k < n && infos[k].isCapitalised && creditRatings.contains(infos[k].word) }
        if infos[k].word == sAndPWord, isRating(k + 1) { return k + 1 }
        if infos[k].word == moodyWord, k + 1 < n, infos[k + 1].word == possessiveWord, isRating(k + 2) { return k + 2 }
        return nil
    }

    /// Keys that open a line of the terms: a party before its name (``bondPartyWords``: "Borrower
    /// Hoechst Finance BV") or "Listing".
    private static let bondLineOpeners = bondPartyWords.union(words(["listing"]))
    /// The capitalised keys that may follow a value on the same line, where the value ends ("Listing Lux
    /// Pay date", "Gov law English Home ctry U.S. Tax provs").
    private static let bondTermValueEnds = words([
        "pay", "denoms", "sale", "neg", "force", "gov", "home", "tax", "mgt", "sell", "praecip", "moody", "listing",
        "amt", "coupon", "issue", "maturity", "type", "fees", "spread", "reoffer", "yield", "notes",
    ])
    /// Credit ratings as Moody's and Standard & Poor's write them ("Aaa", "Aa1", "AA+", "BBB-").
    private static let creditRatings = words([
        "aaa", "aa1", "aa2", "aa3", "a1", "a2", "a3", "baa1", "baa2", "baa3", "ba1", "ba2", "ba3", "b1", "b2", "b3",
        "aa+", "aa", "aa-", "a+", "a", "a-", "bbb+", "bbb", "bbb-", "bb+", "bb", "bb-", "b+", "b", "b-",
    ])
    /// ``NERTokenInfo/word`` of the keys and agencies of ``bondTerms(_:)``; "ctry" and "Denoms" only
    /// the terms use, and either marks a line of them.
    private static let sAndPWord = NERFeatureExtractor.wordHash("S&P")
    private static let moodyWord = NERFeatureExtractor.wordHash("Moody")
    private static let govWord = NERFeatureExtractor.wordHash("Gov")
    /// "English" law, the most common governing law, which the lists have as a language, not a demonym.
    private static let englishWord = NERFeatureExtractor.wordHash("English")
    private static let lawWord = NERFeatureExtractor.wordHash("law")
    private static let homeWord = NERFeatureExtractor.wordHash("Home")
    private static let ctryWord = NERFeatureExtractor.wordHash("ctry")
    private static let listingWord = NERFeatureExtractor.wordHash("Listing")
    private static let denomsWord = NERFeatureExtractor.wordHash("Denoms")
}

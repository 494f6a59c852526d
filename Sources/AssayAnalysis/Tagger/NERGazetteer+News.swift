/// Conventions of general and business news the tagger's decoding knows by rule
/// (``NERDecoder/annotate()``): the firm an analyst works at, the company whose shares moved, a
/// person named with the firm or country they are of, and a nationality standing for a person ("the
/// Briton"). The training files (web text, Wikipedia, PUD) quote few analysts and report few share
/// prices, so the weights read such unknown firms as persons or places, or missed them
/// (docs/ANALYSIS.md, the probes in docs/probes/).
extension NERGazetteer {
    /// The organisations people work at: the capitalised run after a role in small letters (or with a
    /// capital opening the sentence) and "at" (maybe "at the"): "an analyst at BZW", "Analysts at
    /// Panmure Gordon kept", "chief economist at Trinkaus & Burkhardt in Duesseldorf",
    /// "a broker at Clarksons", "a professor at Harvard University" (``workplaceRoleWords``). The run
    /// may hold a name's connectors ("of", "&", "for" …) but not "and", "'s" or a dash, at most six
    /// words; one followed by "and" and a capitalised word is left to the model ("an analyst at Smith
    /// and Nephew"). Left to the model when it holds a forced name, starts with a title, a day or a month,
    /// is one word the casing lexicon has in small letters (`isCommonWord`), or has only places' or
    /// nationalities' words ("workers at Chernobyl", "dealers at London banks").
    static func workplaces(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var workplaces: [Range<Int>] = []
        let at = atWord  // (Read once: a static in the loop costs a lazy-initialisation check per token.)
        for p in infos.indices.dropLast(2) where infos[p + 1].word == at {
            // (In small letters, or with a capital opening the sentence: "Analysts at Panmure Gordon kept".)
            let letters = infos[p].flags & F.flagsOfLetters
            guard letters == F.flagHasLower || p == 0 && letters == F.flagInitialUpper | F.flagHasLower,
                  workplaceRoleWords.contains(infos[p].word) else { continue }
            let start = infos[p + 2].word == theWord && p + 3 < n ? p + 3 : p + 2
            guard let name = namedRun(from: start, infos, maxLength: 6) else { continue }
            // (Not half of a name joined by "and": "an analyst at Smith and Nephew".)
            let end = name.upperBound
            guard end + 1 >= n || infos[end].word != andWord || !infos[end + 1].isCapitalised else { continue }
            guard isPlainName(name, infos, isCommonWord: isCommonWord) else { continue }
            workplaces.append(name)
        }
        return workplaces
    }

    /// The organisations named right before a business role in small letters and the person who holds
    /// it: "Patrick Stevedores managing director Chris Corrigan", "Elektrim chairman Jan Smith" (one
    /// of ``businessRoleWords``, or "managing director", "chief executive", "general manager",
    /// "finance director" or "chief economist"; then a listed given name and another capitalised
    /// word). The name is the capitalised run right before the role, one to four words, as
    /// ``workplaces(_:isCommonWord:)`` reads a plain name (no forced name, title, day or
    /// nationality-only run); not one that holds a known place's, organisation's or person's name
    /// (the knowledge base decides those: "White House spokesman Mike McCurry"), nor one whose every
    /// word is a listed given name or surname ("Bill Smith spokesman"). The weights had read such
    /// firms as persons when their first word was a given name.
    static func organizationsBeforeRoles(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var organizations: [Range<Int>] = []
        let (roles, firsts, seconds) = (businessRoleWords, businessRoleFirstWords, businessRoleSecondWords)
        for r in infos.indices.dropFirst() where infos[r - 1].isCapitalised && infos[r].flags & F.flagsOfLetters == F.flagHasLower {
            // The role: one word, or two ("managing director"); then the person.
            let afterRole: Int
            if roles.contains(infos[r].word) {
                afterRole = r + 1
            } else if r + 1 < n, firsts.contains(infos[r].word), seconds.contains(infos[r + 1].word) {
                afterRole = r + 2
            } else {
                continue
            }
            guard afterRole + 1 < n, F.listPosition(infos[afterRole], .givenName) == 4, infos[afterRole + 1].isCapitalised
            else { continue }
            var start = r - 1
            while start > 0, r - start < 4, infos[start - 1].isCapitalised { start -= 1 }
            if infos[start].word == theWord, start + 1 < r { start += 1 }
            let name = start ..< r
            // (A sentence's first word in small letters in the lexicon opens no firm: "Former ...".)
            if name.count > 1, start == 0, isCommonWord(infos[start].word) { continue }
            guard !name.contains(where: { infos[$0].gazetteer & (knownPlaceBits | knownPersonBits) != 0 }),
                  !name.allSatisfy({ infos[$0].gazetteer & personNameBits != 0 }),
                  isPlainName(name, infos, isCommonWord: isCommonWord)
            else { continue }
            organizations.append(name)
        }
        return organizations
    }
    /// The one-word business roles of ``organizationsBeforeRoles(_:isCommonWord:)``.
    private static let businessRoleWords = words(["chairman", "chairwoman", "spokesman", "spokeswoman", "president"])
    /// The two-word ones: a first word and a second.
    private static let businessRoleFirstWords = words(["managing", "chief", "general", "finance"])
    private static let businessRoleSecondWords = words(["director", "executive", "manager", "economist"])

    /// The organisations an example lists after their kind in the plural: "firms such as Sude and
    /// Gjallica", "banks including Barclays , Lloyds and NatWest", "parties like Likud"
    /// (``organizationKindWords``, in small letters, then "such as", "including" or "like"). Each
    /// name is a capitalised run, as ``workplaces(_:isCommonWord:)`` reads one, and a plain name
    /// (``isPlainName(_:_:isCommonWord:)``; no listed person's name and no people's word either:
    /// "ethnic groups such as Kurds and Tamils"); they are joined by
    /// commas, "and" or "or", and the list stops at any other word. The weights had read unknown
    /// firms there as persons, or missed them.
    static func organizationsOfAKind(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var organizations: [Range<Int>] = []
        let (kinds, suchAs, including, like, separators) = (organizationKindWords, (suchWord, asWord), includingWord, likeWord, listSeparators)
        // (The words after the kind first: most tokens fail them with no set lookup.)
        for p in infos.indices.dropLast(2) {
            var k: Int
            if infos[p + 1].word == suchAs.0, infos[p + 2].word == suchAs.1 { k = p + 3 }
            else if infos[p + 1].word == including || infos[p + 1].word == like { k = p + 2 }
            else { continue }
            guard infos[p].flags & F.flagsOfLetters == F.flagHasLower, kinds.contains(infos[p].word) else { continue }
            while k < n, let name = namedRun(from: k, infos, maxLength: 4),
                  isPlainName(name, infos, isCommonWord: isCommonWord),
                  !name.contains(where: { infos[$0].gazetteer & (personNameBits | knownPersonBits) != 0 || isNationalityWord(infos[$0]) }) {
                // (The name must end the list or be followed by its separator: not "Germany 's Siemens".)
                let end = name.upperBound
                guard end == n || separators.contains(infos[end].word) || !infos[end].isCapitalised && infos[end].word != possessiveWord
                else { break }
                organizations.append(name)
                guard end + 1 < n, separators.contains(infos[end].word) else { break }
                k = end + 1
                if k + 1 < n, separators.contains(infos[k].word), infos[k].word != commaWord { k += 1 }  // (", and")
            }
        }
        return organizations
    }
    /// Whether a word is a nationality's or a people's as ``nationalities(_:inCapitals:isKnownWord:isCommonWord:)``
    /// reads them (a listed demonym's word, or one of ``peopleWords``): "European", "Kurds", "Olympic".
    static func isNationalityWord(_ info: NERTokenInfo) -> Bool {
        NERFeatureExtractor.listPosition(info, .demonym) != 0 || peopleWords.contains(info.word)
    }

    /// The kinds of ``organizationsOfAKind(_:isCommonWord:)``.
    private static let organizationKindWords = words([
        "firms", "companies", "banks", "groups", "carriers", "airlines", "insurers", "brokers", "brokerages",
        "carmakers", "automakers", "manufacturers", "makers", "retailers", "lenders", "miners", "producers",
        "parties", "newspapers", "clubs", "agencies", "conglomerates", "utilities", "operators", "exchanges",
    ])
    private static let suchWord = NERFeatureExtractor.wordHash("such")
    private static let asWord = NERFeatureExtractor.wordHash("as")
    private static let includingWord = NERFeatureExtractor.wordHash("including")
    private static let likeWord = NERFeatureExtractor.wordHash("like")
    /// What joins the names of a list.
    private static let listSeparators = words([",", "and", "or"])

    /// Unknown acronyms before what an organisation has or is, in small letters: "A CNDD spokesman",
    /// "his FUNCINPEC party", "the CGT union", "UDMR leader" (``acronymFollowerWords``), or before a
    /// verb of speech when the casing lexicon does not know it either (`isKnownWord`: "SKF said", "the
    /// BNDES announced"; not "state TV said"). A word of two to ten capitals only that no list has,
    /// not forced, and not the sentence's last word. The
    /// weights had left unknown acronyms outside names nearly everywhere (the web text they were
    /// trained on writes many words in capitals that name nothing), and the document's later mentions with
    /// them.
    static func acronymsBeforeMembers(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isKnownWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var acronyms: [Range<Int>] = []
        let (followers, verbs) = (acronymFollowerWords, speechVerbs)
        let notAcronym = F.flagHasLower | F.flagHasDigit | F.flagHasHyphen | F.flagHasPeriod | F.flagNoAlphanumeric | F.flagNonASCII
        for k in infos.indices.dropLast() where infos[k].flags & F.flagAllUpper != 0 && infos[k].flags & notAcronym == 0 {
            let acronym = infos[k], next = infos[k + 1]
            guard (2 ... 10).contains(acronym.length), acronym.gazetteer == 0, acronym.forcedTag == 0,
                  next.flags & F.flagsOfLetters == F.flagHasLower,
                  followers.contains(next.word) || verbs.contains(next.word) && !isKnownWord(acronym.word)
            else { continue }
            acronyms.append(k ..< k + 1)
        }
        return acronyms
    }
    /// The verbs of speech of ``acronymsBeforeMembers(_:isKnownWord:)``.
    private static let speechVerbs = words(["said", "says", "announced", "reported", "added", "told", "denied", "warned"])
    /// The words of ``acronymsBeforeMembers(_:isKnownWord:)``.
    private static let acronymFollowerWords = words([
        "party", "union", "federation", "movement", "spokesman", "spokeswoman", "leader", "leaders", "chairman",
        "official", "officials", "member", "members", "rebels", "guerrillas", "militia", "fighters", "deputy",
        "deputies", "headquarters", "secretary-general", "chief", "executives",
    ])

    /// The companies whose shares a market report moves: the capitalised run right before "shares"
    /// (or "'s shares") and a word in small letters ("Hoogovens shares fell", "Guinness 's shares
    /// rose"), or right after "shares in" or "shares of" ("shares in Guinness rose", "Shares in Royal
    /// Nedlloyd rose"), as
    /// ``workplaces(_:isCommonWord:)`` reads a run. Not "Japanese shares", "Tokyo shares" or "Bank
    /// shares" (places', nationalities' and common words), nor "B shares" (one letter), and a share
    /// class's letter after the name is left out ("Ericsson B shares"); a run before
    /// "shares" whose first word opens the sentence and is a function word ("But Hoogovens shares",
    /// "On Monday shares", "Its Class B shares") is left to the model.
    static func companiesWhoseSharesMoved(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var companies: [Range<Int>] = []
        let shares = sharesWord
        for s in infos.indices where infos[s].word == shares {
            // (In small letters, or opening the sentence before "in" or "of": "Shares in Royal Nedlloyd rose".)
            let letters = infos[s].flags & F.flagsOfLetters
            guard letters == F.flagHasLower || s == 0 && letters == F.flagInitialUpper | F.flagHasLower else { continue }
            if s + 2 < n, shareOfWords.contains(infos[s + 1].word),
               let name = namedRun(from: s + 2, infos, maxLength: 5), isPlainName(name, infos, isCommonWord: isCommonWord)
            {
                companies.append(name)
            }
            // Before: "Hoogovens shares fell", "Guinness 's shares rose"; a verb or a figure next.
            let end = s > 0 && infos[s - 1].word == possessiveWord ? s - 1 : s
            guard end > 0, s + 1 < n, infos[s + 1].flags & (F.flagInitialUpper | F.flagAllUpper) == 0 else { continue }
            var start = end
            while start > 0, end - start < 5 {
                if infos[start - 1].isCapitalised { start -= 1; continue }
                if start >= 2, infos[start - 2].isCapitalised, nameConnectors.contains(infos[start - 1].word) {
                    start -= 2
                    continue
                }
                break
            }
            if start < end, infos[start].word == theWord { start += 1 }
            // (A descriptor that opens the sentence is no part of it: "Carmaker Proton shares rose".)
            if opensWithDescriptor(start ..< end, infos) { start += 1 }
            // (A function word that opens the sentence is no part of it, and the run is left to the
            // model: "But Hoogovens shares", "On Monday shares", "Its Class B shares"; "Hang Lung
            // shares" is a name, though "hang" is a common word.)
            if start < end, start == 0 || infos[start - 1].flags & F.flagNoAlphanumeric != 0,
               openingQualifiers.contains(infos[start].word) || openingFunctionWords.contains(infos[start].word)
            {
                continue
            }
            // (A share class's letter is no part of the name: "Ericsson B shares".)
            let classLetter = end - start >= 2 && infos[end - 1].length == 1 && infos[end - 1].flags & F.flagHasLower == 0
            let name = start ..< (classLetter ? end - 1 : end)
            guard !name.isEmpty, infos[name.lowerBound].isCapitalised, isPlainName(name, infos, isCommonWord: isCommonWord)
            else { continue }
            companies.append(name)
        }
        return companies
    }

    /// The companies a market report prices: a run of one to three capitalised words before a move
    /// and the price it moved to, or before a move in a currency ("with Driefontein down 1.50 rand at
    /// 52.00", "Anglo American was up 2.50 at 234.50", "Gencor Ltd lost 50 cents to 14.20 rand",
    /// "Johnnic fell 1.25 rand"): maybe "was" or "were", then "up", "down" or "off", or a verb of a
    /// price's move ("fell", "rose", "lost" …), a figure, maybe a currency's unit (``priceUnitWords``)
    /// or "percent" before a price that ends the clause ("Thomson-CSF dropped 2.3 percent to 165.80 ."),
    /// and "at" or "to" and a figure (not "climbed 2 shots to 5 under par", "gained 3 percent to 25
    /// percent"); after a verb, the currency's unit instead will do. The run is one to three words
    /// (``nameBefore(_:_:)``: not an article that opens the sentence), not after a connector; not a run with a forced word or a
    /// knowledge-base place's, an index's name ("The DAX rose 20.5 to 2,800"), a day or month ("the
    /// year to June rose 18 percent to …"), one opening with a title, a sentence's common first word,
    /// nor one word the casing lexicon has in small letters (`isCommonWord`: "Exports rose 5
    /// percent to …"; unless a descriptor opened the sentence before it, ``openingDescriptors``:
    /// "Carmaker Proton gained 30 sen to 13.70") or "Brent" (crude oil's price); a gold mine named after its town is the mine
    /// ("Driefontein"). The weights had read such unknown companies as persons.
    static func companiesWithPriceMoves(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        let (moves, verbs, units, copulas, percents) = (priceMoveWords, priceMoveVerbs, priceUnitWords, copulaWords, percentWords)
        let (at, to, points, brent) = (atWord, toWord, pointsWord, brentWord)
        let (indexWords, indexNames, calendar) = (ownIndexNames, listedIndexNames, calendarWords)
        // (A figure with no hyphen: not a score, "2-0".)
        func isFigure(_ k: Int) -> Bool { k < n && Self.isFigure(infos[k]) && infos[k].flags & F.flagHasHyphen == 0 }
        var companies: [Range<Int>] = []
        for m in infos.indices.dropFirst() where isFigure(m + 1) {
            let isVerb = verbs.contains(infos[m].word)
            guard isVerb || moves.contains(infos[m].word) else { continue }
            // (The price after the move's figure and maybe its unit: "1.50 rand at 52.00", "50 cents
            // to 14.20 rand".)
            var a = m + 2
            var (inCurrency, inPercent) = (false, false)
            if a < n, infos[a].flags & F.flagsOfLetters == F.flagHasLower, infos[a].word != at, infos[a].word != to,
               infos[a].word != points {
                inCurrency = units.contains(infos[a].word)
                inPercent = percents.contains(infos[a].word)
                a += 1
            }
            // (A unit before the price must be a currency's, or a percentage's before a price that ends
            // the clause: "dropped 2.3 percent to 165.80 ."; not "climbed 2 shots to 5 under par",
            // "added 45 runs to 120", "gained 3 percent to 25 percent".)
            let priceEndsClause = a + 2 == n || a + 2 < n && (infos[a + 2].flags & F.flagNoAlphanumeric != 0 || units.contains(infos[a + 2].word))
            let priced = (a == m + 2 || inCurrency || inPercent && priceEndsClause) && a + 1 < n
                && (infos[a].word == at || infos[a].word == to) && isFigure(a + 1)
            guard priced || isVerb && inCurrency else { continue }
            // (The run before the move, ``nameBefore(_:_:)``, not joined to one before it by a connector:
            // "Bank of Tokyo"; the capitalised article it leaves out, "The Kloof", is none.)
            guard let run = nameBefore(copulas.contains(infos[m - 1].word) ? m - 1 : m, infos),
                  run.lowerBound == 0 || infos[run.lowerBound - 1].isCapitalised
                    || !F.runConnectors.contains(infos[run.lowerBound - 1].word)
            else { continue }
            // (Nor a sentence's first word in small letters in the casing lexicon, or one that
            // describes the name: "Heavyweight Driefontein fell …", "Carmaker Proton gained …".)
            let afterDescriptor = opensWithDescriptor(run, infos)
            let opensWithCommonWord = afterDescriptor || run.lowerBound == 0 && run.count > 1 && isCommonWord(infos[0].word)
            // (A gold mine's town is the mine's company here: "Driefontein", "Kloof".)
            let name = run.dropFirst(opensWithCommonWord ? 1 : 0)
            let start = name.lowerBound
            guard !name.contains(where: {
                      infos[$0].forcedTag != 0 || F.listPosition(infos[$0], .location) != 0 || indexWords.contains(infos[$0].word)
                          || calendar.contains(infos[$0].word)
                  }),
                  !indexNames.contains(runHash(name, infos)),
                  infos[start].cues & cueTitle == 0,
                  // (After a descriptor one word will do, a common one too: "Carmaker Proton".)
                  name.count > 1 || afterDescriptor || !isCommonWord(infos[start].word) && infos[start].word != brent
            else { continue }
            companies.append(name)
        }
        return companies
    }
    /// The words of ``companiesWithPriceMoves(_:isCommonWord:)``.
    private static let priceMoveWords = words(["up", "down", "off"])
    private static let priceMoveVerbs = words([
        "fell", "rose", "lost", "gained", "added", "shed", "eased", "firmed", "slipped", "climbed", "dropped", "jumped",
        "slumped", "advanced", "declined", "tumbled", "surged", "dipped", "edged",
    ])
    private static let priceUnitWords = words([
        "cents", "cent", "rand", "pence", "p", "pfennigs", "pfennig", "yen", "francs", "centimes", "marks", "kronor",
        "kroner", "crowns", "baht", "pesos", "rupees", "ringgit", "rupiah", "won", "lire", "schillings", "guilders",
        "dollars", "sen", "paise", "centavos", "forints", "zlotys", "roubles", "rubles",
    ])
    private static let copulaWords = words(["was", "were"])
    private static let percentWords = words(["percent", "pct"])
    private static let pointsWord = NERFeatureExtractor.wordHash("points")
    private static let toWord = NERFeatureExtractor.wordHash("to")

    /// Persons named with what they are of: a run of two or three words before "of" and a capitalised
    /// word, the first a listed given name that is no place's or organisation's, the others written
    /// with a capital and small letters, none a cue (a title, a head word …), in a known name or a
    /// listed organisation: "said Dan Basse of AgResource Co", "beat Nana Miyagi of Japan" ("Miyagi"
    /// is also a prefecture). The weights had read the whole as one organisation. Not "Bank of
    /// England" or "Mary Queen of Scots" (a title); what follows "of" is left to the model.
    static func personsBeforeOf(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        var persons: [Range<Int>] = []
        let of = ofWord
        for o in infos.indices.dropFirst(2).dropLast() where infos[o].word == of && infos[o + 1].isCapitalised {
            var start = o
            while start > 0, o - start < 4, infos[start - 1].isCapitalised { start -= 1 }
            guard start == 0 || !NERFeatureExtractor.runConnectors.contains(infos[start - 1].word),
                  isPersonOfSomething(start ..< o, infos) else { continue }
            persons.append(start ..< o)
        }
        return persons
    }

    /// Whether `run`, the words before an "of", names a person as ``personsBeforeOf(_:)`` reads them.
    static func isPersonOfSomething(_ run: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        typealias F = NERFeatureExtractor
        let first = infos[run.lowerBound]
        return (2 ... 3).contains(run.count) && F.listPosition(first, .givenName) == 4 && !isPlace(first)
            && first.gazetteer & organizationBits == 0
            && run.allSatisfy { k in
                let info = infos[k]
                return info.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
                    && info.gazetteer & (organizationBits | knownPlaceBits | knownPersonBits) == 0
                    && info.cues == 0 && info.forcedTag == 0
            }
    }

    /// Listed organisations that open a capitalised run before a title and a person: "Bundesbank
    /// President Hans Tietmeyer", "Fiat Chairman Gianni Agnelli". The name lists' whole match starts
    /// the run and ends right before a title (``cueTitle``) whose next word is a listed given name;
    /// the knowledge base's names are forced so already (``forceKnownNames(_:_:)``). The weights had
    /// left the organisation out of every name. Not before "Minister" or "Secretary", which make one
    /// title with the word before them ("Treasury Minister Carlo Azeglio Ciampi").
    static func organizationsBeforeTitles(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var organizations: [Range<Int>] = []
        F.forEachCapitalisedRun(infos) { run in
            let start = run.lowerBound
            guard run.count >= 4 else { return }
            var end = start + 1
            switch F.listPosition(infos[start], .organization) {
            case 4: break
            case 1:
                while end < run.upperBound, F.listPosition(infos[end], .organization) == 2 { end += 1 }
                guard end < run.upperBound, F.listPosition(infos[end], .organization) == 3 else { return }
                end += 1
            default: return
            }
            guard end + 2 <= run.upperBound, infos[end].cues & cueTitle != 0, !ministerialTitleWords.contains(infos[end].word),
                  F.listPosition(infos[end + 1], .givenName) == 4,
                  !(start ..< end).contains(where: { infos[$0].forcedTag != 0 })
            else { return }
            organizations.append(start ..< end)
        }
        return organizations
    }

    /// The titles of ``organizationsBeforeTitles(_:)`` that a portfolio's word comes before.
    private static let ministerialTitleWords = words(["minister", "secretary"])

    /// Organisations named by a head word before a title and a person: "Reserve Bank Governor Chris
    /// Stals", "Central Bank of Kenya Governor Micah Cheserem", "the State Department spokesman
    /// Nicholas Burns", "BNB governor Lyubomir Filipov". The name is a capitalised run of one to five
    /// words (no leading "The", nor a word the casing lexicon has in small letters opening the sentence
    /// before two more and is no head word: `isCommonWord`, "Opposition Khmer Nation Party leader Sam
    /// Rainsy"; "Popular Front leader Zenon Poznyak" and "Bank of England Governor Eddie George" are
    /// whole; nothing up to an "and": "Unions and Socialist Party leader Lionel Jospin") right before a title (``cueTitle``, with a capital or in small letters;
    /// not "Minister" or "Secretary") whose next word is a listed given name or who is followed by two
    /// words that look like a person's name (``isPersonLike(_:_:)``); its last word, or the
    /// word before its "of" with only places after it, is an organisation's head word (``cueOrgHead``,
    /// ``groupHeadWords``), or it is one acronym of two to five capitals that is no title, place or
    /// nationality. No word of it is forced. The weights had left such names out when no list had them.
    static func organizationsByHeadWordsBeforeTitles(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var organizations: [Range<Int>] = []
        let (of, the, groupHeads) = (ofWord, theWord, groupHeadWords)
        let isHead = { (k: Int) in infos[k].cues & cueOrgHead != 0 || groupHeads.contains(infos[k].word) }
        F.forEachCapitalisedRun(infos) { run in
            // The title: inside the run, or in small letters right after it.
            let isTitle = { (k: Int) in
                k + 1 < n && infos[k].cues & cueTitle != 0 && !ministerialTitleWords.contains(infos[k].word)
                    && infos[k + 1].isCapitalised && (F.listPosition(infos[k + 1], .givenName) == 4 || isPersonLike(k + 1 ..< k + 3, infos))
            }
            guard let title = run.dropFirst().first(where: isTitle)
                ?? (run.upperBound < n && infos[run.upperBound].flags & F.flagsOfLetters == F.flagHasLower && isTitle(run.upperBound)
                    ? run.upperBound : nil)
            else { return }
            // (A word the casing lexicon has in small letters that opens the sentence before two or more
            // words is no part of it: "Opposition Khmer Nation Party leader"; "Popular Front leader" is a name.)
            let opensSentence = run.lowerBound == 0 || infos[run.lowerBound - 1].word == quoteWord
            let opener = infos[run.lowerBound].word == the
                || opensSentence && title - run.lowerBound >= 3 && infos[run.lowerBound + 1].isCapitalised
                && !isHead(run.lowerBound) && isCommonWord(infos[run.lowerBound].word)
            // (After the run's last "and": "Unions and Socialist Party leader Lionel Jospin".)
            let and = (run.lowerBound ..< title).last(where: { infos[$0].word == andWord })
            let start = and.map { $0 + 1 } ?? (opener ? run.lowerBound + 1 : run.lowerBound)
            guard start < title, title - start <= 5 else { return }
            let name = start ..< title
            let last = title - 1
            let first = infos[start]
            let acronym = name.count == 1 && first.flags & F.flagAllUpper != 0 && first.flags & (F.flagHasDigit | F.flagHasPeriod) == 0
                && (2 ... 5).contains(first.length) && first.cues == 0 && first.gazetteer & (listedOrKnownPlaceBits | demonymBits) == 0
            let ofAt = name.dropFirst().first(where: { infos[$0].word == of })
            let headed = infos[last].isCapitalised && isHead(last)
                || ofAt.map { o in isHead(o - 1) && (o + 1 ..< title).allSatisfy { isPlace(infos[$0]) } } ?? false
            guard acronym || headed, first.cues & cueTitle == 0, !name.contains(where: { infos[$0].forcedTag != 0 }) else { return }
            organizations.append(name)
        }
        return organizations
    }

    /// The company that a line of a share-price table names: the whole line is a capitalised run of
    /// one to four words, then only figures (two or more, the first right after the run) and brackets:
    /// "Hunyani 590 ( 590 )", "TA Holdings 232 ( 232 )", "Volvo B 150.50 +1.50 958,700" (a share
    /// class's letter after the name is no part of it). Not a run of only common words
    /// (`isCommonWord`: "Industrial 8,214.33 ( 8,190.07 )", a commodity's "Gold"), of only places' or
    /// nationalities' words, two or more opening with a listed given name (a golfer's "Greg Norman 69
    /// 70") or one listed surname that no list has as an organisation before fewer than six figures
    /// ("Norman 69 70"; "Brann 21 10 4 7 40 33 34" is a standings line), scores
    /// ("Sampras 6-3 6-4"), or
    /// with a forced name. The weights had left unknown companies out.
    static func companiesInPriceLists(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> Range<Int>? {
        typealias F = NERFeatureExtractor
        let n = infos.count
        guard n >= 3, infos[0].isCapitalised else { return nil }
        let (open, close) = (openBracketWord, closeBracketWord)
        // (A figure, not a score: "Sampras 6-3 6-4" is a tennis line.)
        let score = scoreShape
        let isPrice = { (k: Int) in isFigure(infos[k]) && infos[k].shortShape != score }
        var end = 0
        while end < n, infos[end].isCapitalised || infos[end].word == ampersandWord { end += 1 }
        // (The figure after the run first: most sentences fail it before the rest is counted.)
        guard end < n, isPrice(end), (end ..< n).allSatisfy({ isPrice($0) || infos[$0].word == open || infos[$0].word == close })
        else { return nil }
        let figures = (end ..< n).reduce(0) { $0 + (isPrice($1) ? 1 : 0) }
        guard figures >= 2 else { return nil }
        // (Without a share class's letter: "Outokumpu A 81.20 ( 80.00 )".)
        let classLetter = end >= 2 && infos[end - 1].length == 1 && infos[end - 1].flags & F.flagAllUpper != 0
        let run = 0 ..< end - (classLetter ? 1 : 0)
        // (A standings line has six figures or more: "Brann 21 10 4 7 40 33 34".)
        guard run.count <= 4,
              run.count == 1 ? F.listPosition(infos[0], .surname) == 0 || F.listPosition(infos[0], .organization) != 0 || figures >= 6
                  : F.listPosition(infos[0], .givenName) == 0,
              !run.allSatisfy({ isCommonWord(infos[$0].word) || !infos[$0].isCapitalised }),
              !run.allSatisfy({ isPlace(infos[$0]) || F.listPosition(infos[$0], .demonym) != 0 }),
              !run.contains(where: { infos[$0].forcedTag != 0 })
        else { return nil }
        return run
    }

    /// "U.S." or "U.K." before a title, or before one capitalised word and a title, is a place by
    /// itself: "U.S. District Judge Richard Matsch", "U.S. Senator Bob Dole", "U.K. Chancellor Kenneth
    /// Clarke". The
    /// weights had left it out of every name, or read it into the title's organisation.
    static func placesBeforeTitles(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        let n = infos.count
        var places: [Range<Int>] = []
        let (us, uk) = (usExact, ukExact)
        // (The length and the period first: most tokens fail them with no hash compared.)
        for k in infos.indices.dropLast() where infos[k].length == 4 && infos[k].flags & NERFeatureExtractor.flagHasPeriod != 0 {
            guard infos[k].exact == us || infos[k].exact == uk, infos[k].forcedTag == 0 else { continue }
            guard infos[k + 1].cues & cueTitle != 0
                || k + 2 < n && infos[k + 1].isCapitalised && infos[k + 2].cues & cueTitle != 0 && infos[k + 1].forcedTag == 0
            else { continue }
            places.append(k ..< k + 1)
        }
        return places
    }

    /// ``NERTokenInfo/exact`` of the abbreviations of ``placesBeforeTitles(_:)``.
    private static let usExact = NERFeatureExtractor(hashBits: 8).info(for: "U.S.").exact
    private static let ukExact = NERFeatureExtractor(hashBits: 8).info(for: "U.K.").exact

    /// Whether `run` is two words that look like a person's name: each a capital and small letters, in
    /// no list but the persons' and forced as nothing but a person, and no capitalised word after them.
    static func isPersonLike(_ run: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        typealias F = NERFeatureExtractor
        return run.upperBound <= infos.count && (run.upperBound == infos.count || !infos[run.upperBound].isCapitalised)
            && run.allSatisfy {
                infos[$0].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
                    && infos[$0].gazetteer & ~personNameBits == 0 && infos[$0].cues == 0
                    && (infos[$0].forcedTag == 0 || BILOUTag(rawValue: infos[$0].forcedTag)?.label == .per)
            }
    }

    /// Organisations spelt out before their acronym in brackets: "the Organisation for Security and
    /// Cooperation in Europe ( OSCE )", "the Movement for Multiparty Democracy ( MMD )". The acronym
    /// (two to six capitals) spells the initials of the capitalised words right before the bracket,
    /// in order, with words in small letters between them (``acronymFillers``: "for", "and", "in" …)
    /// skipped; the name holds an organisation's head word (``cueOrgHead``, ``groupHeadWords``) or a
    /// listed organisation's word, and it starts and ends where any name forced in it does. The
    /// weights had split such names at "in", or left them out when their words were unknown.
    static func organizationsSpelledByAcronyms(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var organizations: [Range<Int>] = []
        let (open, close, fillers, groupHeads) = (openBracketWord, closeBracketWord, acronymFillers, groupHeadWords)
        let notAcronym = F.flagHasLower | F.flagHasDigit | F.flagHasHyphen | F.flagHasPeriod | F.flagNoAlphanumeric | F.flagNonASCII
        for i in infos.indices.dropFirst(2) where infos[i].word == open && i + 2 < n && infos[i + 2].word == close {
            let acronym = infos[i + 1]
            guard acronym.flags & notAcronym == 0, acronym.flags & F.flagAllUpper != 0, (2 ... 6).contains(acronym.length),
                  infos[i - 1].isCapitalised
            else { continue }
            // Match the letters from the last; a word in small letters may only stand between two matched words.
            var letter = Int(acronym.length) - 1
            var k = i - 1
            var start = i
            while letter >= 0, k >= 0 {
                let info = infos[k]
                if info.isCapitalised, info.flags & F.flagHasDigit == 0 {
                    guard UInt8(truncatingIfNeeded: info.head) == UInt8(truncatingIfNeeded: acronym.head >> (8 * letter)) else { break }
                    letter -= 1
                    start = k
                } else if !(info.flags & F.flagsOfLetters == F.flagHasLower && fillers.contains(info.word)) {
                    break
                }
                k -= 1
            }
            let name = start ..< i
            guard letter < 0, name.count >= 2,
                  name.contains(where: {
                      infos[$0].cues & cueOrgHead != 0 || infos[$0].gazetteer & organizationBits != 0 || groupHeads.contains(infos[$0].word)
                  }),
                  infos[start].forcedTag == 0 || BILOUTag(rawValue: infos[start].forcedTag).map({ $0.position == .begin || $0.position == .unit }) == true,
                  infos[i - 1].forcedTag == 0 || BILOUTag(rawValue: infos[i - 1].forcedTag).map({ $0.position == .last || $0.position == .unit }) == true
            else { continue }
            organizations.append(name)
        }
        return organizations
    }

    /// Organisations whose name ends in "in" and a continent: "the Organisation for Security and
    /// Cooperation in Europe", "the Conference on Security and Cooperation in Europe". The run before
    /// "in" (capitalised words joined by "for", "on", "of", "and", "the") opens with an organisation's
    /// head word (``cueOrgHead``, ``groupHeadWords``, "Conference") and holds "for", "on" or "of"; the
    /// continent ends the sentence or stands before a word that is not capitalised; nothing in it is
    /// forced but the continent. Not before a town or country ("the Bank for International Settlements
    /// in Basle", "the Party of Democratic Action in Bosnia": newswire names the place apart). The
    /// weights had split such names at "in".
    static func organizationsInContinents(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var organizations: [Range<Int>] = []
        let (inWord, continents, joiners, linkers, groupHeads) = (inWord, continentWords, continentNameJoiners, continentNameLinkers, groupHeadWords)
        for k in infos.indices.dropFirst(3) where infos[k].word == inWord && k + 1 < n && continents.contains(infos[k + 1].exact) {
            guard k + 2 == n || !infos[k + 2].isCapitalised, infos[k - 1].isCapitalised else { continue }
            var start = k - 1
            while start >= 1, infos[start - 1].isCapitalised || start >= 2 && joiners.contains(infos[start - 1].word) && infos[start - 2].isCapitalised {
                start -= 1
            }
            if !infos[start].isCapitalised || infos[start].word == theWord { start += 1 }
            let head = infos[start]
            guard head.cues & cueOrgHead != 0 || groupHeads.contains(head.word) || head.word == conferenceWord,
                  (start ..< k).contains(where: { linkers.contains(infos[$0].word) }),
                  !(start ..< k).contains(where: { infos[$0].forcedTag != 0 })
            else { continue }
            organizations.append(start ..< k + 2)
        }
        return organizations
    }

    /// ``NERTokenInfo/word`` of "in" and of "Conference"; ``NERTokenInfo/exact`` of the continents
    /// of ``organizationsInContinents(_:)``; the words that join its names and those that make it one.
    static let inWord = NERFeatureExtractor.wordHash("in")
    private static let conferenceWord = NERFeatureExtractor.wordHash("Conference")
    private static let continentWords = NERWordSet(
        ["Europe", "Asia", "Africa", "America", "Americas"].map { NERFeatureExtractor(hashBits: 8).info(for: $0).exact }
    )
    private static let continentNameJoiners = words(["for", "on", "of", "and", "the"])
    private static let continentNameLinkers = words(["for", "on", "of"])

    /// Movements, parties and bodies named by a head word, "of" or "for", and what they stand for:
    /// "the Party of Democratic Action", "the Movement for a Democratic Slovakia", "the
    /// Forum for the Restoration of Democracy-Kenya", "the Committee for a Clean Campaign", "his Party
    /// for Bosnia and Herzegovina", "the Council of Europe". The head
    /// word (``cueOrgHead``, ``groupHeadWords``) opens a capitalised run (after no capitalised word
    /// but "The"), then "of" or "for", maybe "the" or "a", then capitalised words joined by "of" or
    /// "for" (maybe with "the" or "a": "the Alliance of Democratic Forces for the Liberation of
    /// Congo-Zaire") or by "and" alone before no other head word ("the Bank of Tokyo and Mitsubishi
    /// Bank" are two; "the Union of Democratic Forces and the Movement for Rights and Freedoms" too); no
    /// day or month ("Copper for March delivery"). The name ends at its last capitalised word, before
    /// a title ("the Bank of Japan Governor", "… Forces Deputy Chairman"), or after "in"
    /// and a country's one-word name ("the Party of Social Democracy in Romania"; not "the Institute
    /// for Regional and International Studies in Sofia", a city; the OSCE's "in Europe" is
    /// ``organizationsInContinents(_:)``'s). Not through "on" ("… on Tuesday"). Every word a capital and small letters (maybe a hyphen), none forced but as
    /// a place ("the Council of Europe"). The
    /// weights had tagged a place inside alone, or a piece of the name as miscellany.
    static func organizationsOfHeadWords(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCountryName: (NERTokenInfo) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var organizations: [Range<Int>] = []
        let (groupHeads, linkers, articles, calendar) = (groupHeadWords, placeNameLinkers, headWordArticles, calendarWords)
        let and = andWord
        func isHead(_ t: NERTokenInfo) -> Bool { t.cues & cueOrgHead != 0 || groupHeads.contains(t.word) }
        // (A word of the body may be a place a rule forced: "in Romania"; not a day or a month, "for
        // March delivery", nor the first word of a title, "Deputy Chairman".)
        func isNameWord(_ k: Int) -> Bool {
            let t = infos[k]
            return t.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
                && (t.forcedTag == 0 || BILOUTag(rawValue: t.forcedTag)?.label == .loc)
                && !isTitle(at: k, infos) && !calendar.contains(t.word)
        }
        for h in infos.indices.dropLast(2) where infos[h].flags & F.flagInitialUpper != 0 && isHead(infos[h]) {
            guard infos[h].forcedTag == 0, isNameWord(h), linkers.contains(infos[h + 1].word),
                  infos[h + 1].flags & F.flagsOfLetters == F.flagHasLower,
                  h == 0 || !infos[h - 1].isCapitalised || infos[h - 1].word == theWord
            else { continue }
            var k = h + 2
            if k < n, articles.contains(infos[k].word) { k += 1 }
            var end = 0
            while k < n {
                if isNameWord(k) { k += 1; end = k; continue }
                guard end > 0, infos[k].word == and || linkers.contains(infos[k].word) else { break }
                // ("of" or "for" maybe with "the" or "a"; "and" alone, and not before another
                // organisation's head word: "the Bank of Tokyo and Mitsubishi Bank" are two.)
                if infos[k].word == and {
                    var last = k + 1
                    while last < n, isNameWord(last) { last += 1 }
                    guard last > k + 1, !(k + 1 ..< last).contains(where: { isHead(infos[$0]) }) else { break }
                    k += 1
                } else {
                    let next = k + 1 < n && articles.contains(infos[k + 1].word) ? k + 2 : k + 1
                    guard next < n, isNameWord(next) else { break }
                    k = next
                }
            }
            guard end > 0 else { continue }
            if end + 1 < n, infos[end].word == inWord, isCountryName(infos[end + 1]), isNameWord(end + 1),
               end + 2 == n || !infos[end + 2].isCapitalised {
                end += 2
            }
            organizations.append(h ..< end)
        }
        return organizations
    }
    /// The words that may open what ``organizationsOfHeadWords(_:isCountryName:)``'s body stands for.
    private static let headWordArticles = words(["the", "a"])

    /// The words after the head word of ``organizationsOfHeadWords(_:isCountryName:)``, which also join its words.
    private static let placeNameLinkers = words(["of", "for"])

    /// The words in small letters that ``organizationsSpelledByAcronyms(_:)`` skips between the spelt words.
    private static let acronymFillers = words(["of", "for", "and", "the", "in", "on", "to", "de", "du", "des", "la", "le", "del", "da", "y", "et", "&"])

    /// Head words of movements' and armed groups' names that the cue list has not: "the Popular Front
    /// for the Liberation of Palestine ( PFLP )" (``NERDecoder/ruleOutOutsideInBracketedAcronyms()``
    /// and the rules that look for an organisation's head word).
    static let groupHeadWords = words([
        "front", "movement", "congress", "league", "force", "forces", "brigade", "brigades", "coalition", "tigers",
    ])

    /// Firms named after persons: a whole capitalised run (or its words after an "of") that is a
    /// name-list organisation of two or three words and starts with a listed given name ("Merrill
    /// Lynch", "Morgan Stanley", "Dean Witter"), forced as no other type already. Forced firmly: the known-name rule's plain forcing
    /// was released when the document's history, the weights' reading, called it a person ("Ted
    /// Arnold of Merrill Lynch said"). Not before ", a", ", the", ", who" … ("John Lewis , a Georgia
    /// Democrat , said": a person).
    static func organizationsNamedLikePersons(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var organizations: [Range<Int>] = []
        let of = ofWord
        F.forEachCapitalisedRun(infos) { whole in
            // (The run may join a person to the firm: "Ted Arnold of Merrill Lynch".)
            let afterOf = whole.dropLast().last(where: { infos[$0].word == of }).map { $0 + 1 } ?? whole.lowerBound
            let run = afterOf ..< whole.upperBound
            // (Not before an appositive that makes it a person: "John Lewis , a Georgia Democrat".)
            let appositive = run.upperBound + 1 < infos.count && infos[run.upperBound].word == commaWord
                && appositiveWords.contains(infos[run.upperBound + 1].word)
            guard !appositive, (2 ... 3).contains(run.count), F.listPosition(infos[run.lowerBound], .givenName) == 4,
                  F.listPosition(infos[run.lowerBound], .organization) == 1,
                  F.listPosition(infos[run.upperBound - 1], .organization) == 3,
                  run.dropFirst().dropLast().allSatisfy({ F.listPosition(infos[$0], .organization) == 2 }),
                  run.allSatisfy({ infos[$0].forcedTag == 0 || BILOUTag(rawValue: infos[$0].forcedTag)?.label == .org })
            else { return }
            organizations.append(run)
        }
        return organizations
    }

    /// The words that open an appositive about a person (``organizationsNamedLikePersons(_:)``).
    private static let appositiveWords = words(["a", "an", "the", "who", "whose"])

    /// Places named after what they are and "of": "near the village of Kiran", "in the village of
    /// Novye Atagi", "the northern town of Kilinochchi" (``placeOfWords``, in small letters, then "of"
    /// and a capitalised run of one to three words up to a day or month, none forced and no title
    /// first: "the town of Hebron Friday" names Hebron). Also (eighteenth session) after "near" or a
    /// compass point and "of" ("positions near Mankulam", "south of Paranthan"), where the run's
    /// words must each be a capital and small letters and none a listed person's or organisation's
    /// ("near Smith", "west of Shell" stay the model's). The weights had read unknown villages as
    /// persons, "Kiran" (a given name too) among them, or missed them.
    static func placesAfterOf(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var places: [Range<Int>] = []
        let (of, near, kinds, points) = (ofWord, nearWord, placeOfWords, compassPointWords)  // (Read once, not per token.)
        for k in infos.indices.dropLast() where infos[k + 1].isCapitalised && infos[k].flags & F.flagsOfLetters == F.flagHasLower {
            let word = infos[k].word
            let afterKind = word == of && k > 0 && infos[k - 1].flags & F.flagsOfLetters == F.flagHasLower && kinds.contains(infos[k - 1].word)
            let afterPoint = !afterKind && (word == near
                || word == of && k > 0 && infos[k - 1].flags & F.flagsOfLetters == F.flagHasLower && points.contains(infos[k - 1].word))
            guard afterKind || afterPoint else { continue }
            var end = k + 1
            while end < n, infos[end].isCapitalised, !calendarWords.contains(infos[end].word) { end += 1 }
            let name = k + 1 ..< end
            guard (1 ... 3).contains(name.count), infos[k + 1].cues & cueTitle == 0,
                  !name.contains(where: { infos[$0].forcedTag != 0 })
            else { continue }
            if afterPoint {
                guard name.allSatisfy({
                    infos[$0].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
                        && infos[$0].gazetteer & (personNameBits | knownPersonBits | organizationBits) == 0
                }) else { continue }
            }
            places.append(name)
        }
        return places
    }

    private static let nearWord = NERFeatureExtractor.wordHash("near")
    /// The compass points before "of" and a place (``placesAfterOf(_:)``): "south of Paranthan".
    private static let compassPointWords = words([
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    ])

    /// The words of ``placesAfterOf(_:)``.
    private static let placeOfWords = words([
        "village", "villages", "town", "towns", "city", "province", "district", "region", "island", "port", "hamlet",
        "municipality", "suburb", "oasis",
    ])

    /// Parties whose name is one word no list has and the casing lexicon does not know, right before
    /// "party" in small letters and after a word that is not capitalised: "the royalist Funcinpec
    /// party", "the ruling KANU party" (`isKnownWord`; "the Labour party" and "the Kurdish party" are
    /// the model's). The
    /// weights had left such parties out.
    static func partiesBeforeParty(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isKnownWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var parties: [Range<Int>] = []
        let party = partyWord
        for k in infos.indices.dropFirst().dropFirst() where infos[k].word == party && infos[k].flags & F.flagsOfLetters == F.flagHasLower {
            let name = infos[k - 1]
            // (An acronym may be a listed surname too: "the ruling KANU party".)
            let letters = name.flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasPeriod)
            let acronym = letters == F.flagInitialUpper | F.flagAllUpper && (2 ... 6).contains(name.length)
            guard letters == F.flagInitialUpper | F.flagHasLower && name.gazetteer == 0 || acronym && name.gazetteer & ~personNameBits == 0,
                  name.forcedTag == 0, !infos[k - 2].isCapitalised, !isKnownWord(name.word)
            else { continue }
            parties.append(k - 1 ..< k)
        }
        return parties
    }

    /// ``NERTokenInfo/word`` of a straight double quote.
    private static let quoteWord = NERFeatureExtractor.wordHash("\"")
    /// ``NERTokenInfo/word`` of "Serie" and ``NERTokenInfo/exact`` of "A" and "B", Italy's leagues
    /// (``miscellanyNames(_:)``).
    private static let serieWord = NERFeatureExtractor.wordHash("Serie")
    private static let seriesLetters = NERWordSet(["A", "B"].map { NERFeatureExtractor(hashBits: 8).info(for: $0).exact })
    /// "Tour" and "Rally", which name a race after its country (``miscellanyNames(_:)``).
    private static let tourWords = words(["tour", "rally"])
    /// What joins "Tour" or "Rally" to its country: "the Tour of Spain", "the Tour de France", "the
    /// Rally of Argentina".
    private static let tourConnectorWords = words(["of", "de", "du"])
    /// ``NERTokenInfo/word`` of "Giro" and "d'Italia" (``miscellanyNames(_:)``).
    private static let giroWord = NERFeatureExtractor.wordHash("giro")
    private static let dItaliaWord = NERFeatureExtractor.wordHash("d'italia")
    /// ``NERTokenInfo/word`` of "Richter" and "scale" (``miscellanyNames(_:)``).
    private static let richterWord = NERFeatureExtractor.wordHash("richter")
    private static let scaleWord = NERFeatureExtractor.wordHash("scale")
    /// ``NERTokenInfo/word`` of "party".
    private static let partyWord = NERFeatureExtractor.wordHash("party")

    /// Names of CoNLL's miscellany that the weights read as places, organisations or persons: a
    /// capitalised run of two to four words (no leading "The") ending in "Prize", "Award", "Trophy",
    /// "Cup", "Shield" or "Indoors" ("the Nobel Peace Prize", "the Lancome Trophy", "the Sahara Cup", "the Sheffield Shield" (after one word), "the Swiss
    /// Indoors"); "Tour of" or "Rally of" (or "de", "du") and one or two places' words, the run's end
    /// or a connector after them ("the Tour of Spain", "the Tour de France", "the Rally of Argentina
    /// on Friday"; not the place alone) and "Giro d'Italia"; "Richter" before "scale" (an earthquake's
    /// magnitude "on the Richter scale"); Italy's leagues,
    /// "Serie A" and "Serie B" (read as organisations);
    /// "Brent", the crude oil, before "crude", "blend", "futures" or "oil" or after a month
    /// ("February Brent was down") or before "for" and a month ("Brent for January delivery"); "Roman Catholic", alone or before a title ("Roman Catholic Bishop Carlos Belo"; not
    /// "the Roman Catholic Church", an organisation).
    static func miscellanyNames(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var names: [Range<Int>] = []
        let (awards, brent, brentNext, roman, catholic, shield) = (awardWords, brentWord, brentFollowers, romanWord, catholicWord, shieldWord)
        let (the, tours, tourConnectors, serie, giro, italia) = (theWord, tourWords, tourConnectorWords, serieWord, giroWord, dItaliaWord)
        let (richter, scale) = (richterWord, scaleWord)
        F.forEachCapitalisedRun(infos) { whole in
            let run = infos[whole.lowerBound].word == the ? whole.dropFirst() : whole
            guard let last = run.last else { return }
            if (2 ... 4).contains(run.count), awards.contains(infos[last].word),
               infos[last].flags & F.flagsOfLetters == F.flagInitialUpper | F.flagHasLower,
               !run.contains(where: { infos[$0].forcedTag != 0 || F.runConnectors.contains(infos[$0].word) }),
               // ("Shield" only after one word: "the Sheffield Shield", not "Blue Cross Blue Shield".)
               infos[last].word != shield || run.count == 2 {
                names.append(run)
            } else if run.count == 2, infos[run.lowerBound].word == serie, seriesLetters.contains(infos[last].exact) {
                names.append(run)
            } else if run.count >= 3, tours.contains(infos[run.lowerBound].word), tourConnectors.contains(infos[run.lowerBound + 1].word) {
                // (The places may end before the run does: "the Tour of Spain on Tuesday", whose run
                // "on" joins to the day.)
                var end = run.lowerBound + 2
                while end < run.upperBound, end - run.lowerBound < 4, isPlace(infos[end]) { end += 1 }
                if end > run.lowerBound + 2, end == run.upperBound || F.runConnectors.contains(infos[end].word) {
                    names.append(run.lowerBound ..< end)
                }
            }
        }
        for k in infos.indices where infos[k].flags & F.flagInitialUpper != 0 {
            let word = infos[k].word
            if word == brent, infos[k].forcedTag == 0,
               k + 1 < n && brentNext.contains(infos[k + 1].word) || k > 0 && calendarWords.contains(infos[k - 1].word)
                   || k + 2 < n && infos[k + 1].word == forWord && calendarWords.contains(infos[k + 2].word) {
                names.append(k ..< k + 1)
            } else if word == giro, k + 1 < n, infos[k + 1].word == italia {
                names.append(k ..< k + 2)
            } else if word == richter, k + 1 < n, infos[k + 1].word == scale, infos[k + 1].flags & F.flagsOfLetters == F.flagHasLower {
                names.append(k ..< k + 1)
            } else if word == roman, k + 1 < n, infos[k + 1].word == catholic, infos[k + 1].flags & F.flagInitialUpper != 0,
                      k + 2 == n || !infos[k + 2].isCapitalised || infos[k + 2].cues & cueTitle != 0 {
                names.append(k ..< k + 2)
            }
        }
        return names
    }

    /// Sports competitions, CoNLL's miscellany ("sports related names (league tables, leagues, cups)" and
    /// "events" in its guidelines), which the weights read as organisations (the knowledge base lists
    /// leagues among sports bodies): a capitalised run of two to five words (no leading "The" or
    /// ``openingDescriptors`` word, "Former Masters champion", nor a
    /// report's word and "of" before it, ``reportWords``: "Results of Premier League matches"; "the Bank
    /// of Boston Classic" stays whole) ending
    /// in "League" after a word that names a competition ("the Premier League", "American League
    /// East", "the Chinese Super League", basketball's "European League"; not "the Arab League", nor "National League for Democracy"
    /// before "for" or "of", nor a sport's governing body, "the Australian Rugby League", which the
    /// probes' writers and wikigold's annotators tag as organisations), or ending in "Masters", "Championship(s)", "Classic"
    /// or "Series" ("the Volvo Masters", "the European Cross Country Championships", "the Singer World
    /// Series") unless it opens with a listed given name (which a "Classic" of three words or more
    /// may: "the Johnnie Walker Classic"); a person's meeting, three to five words that open with a
    /// listed given name and end in "Memorial" ("the Ivo Van Damme Memorial"; not "the Vietnam
    /// Veterans Memorial", a place); "Bundesliga" and "Eredivisie" on their own;
    /// "Formula One" standing alone (not "Formula One Constructors Association"); and a Spanish or
    /// Portuguese cup, "Copa" and one to three capitalised words ("the Copa Libertadores", "Copa America");
    /// and a cup of two to four words after a sports body's acronym (``sportsBodyAcronyms``: "the
    /// UEFA Cup", which the weights read as the body and a word in small letters); such an acronym
    /// may open the other competitions too ("the ATP Tour World Championship", "the UK Championship").
    static func sportsCompetitions(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var names: [Range<Int>] = []
        let (league, leagueWords, divisions, events, single, reportWords, classic, memorial) =
            (leagueWord, sportsLeagueWords, divisionWords, competitionWords, leagueNames, sportsReportWords, classicWord, memorialWord)
        let (the, of, formula, one, copa, cup, bodies) = (theWord, ofWord, formulaWord, oneWord, copaWord, cupWord, sportsBodyAcronyms)
        forEachNameRun(infos) { whole in
            // (Nor a word that opens the sentence to describe the name: "Former Masters champion".)
            var run = infos[whole.lowerBound].word == the || opensWithDescriptor(whole, infos) ? whole.dropFirst() : whole
            // (What a run joins through "of" to the competition is no part of it: "Results of Premier
            // League matches".)
            if let connector = run.last(where: { infos[$0].word == of }), reportWords.contains(infos[run.lowerBound].word) {
                run = connector + 1 ..< run.upperBound
            }
            guard !run.isEmpty else { return }
            // (A competition may open with a sports body's acronym: "the UEFA Cup", "the ATP Tour World
            // Championship", "the UK Championship"; not "the BBC World Cup coverage".)
            let opensWithBody = run.count >= 2 && bodies.contains(infos[run.lowerBound].word)
                && infos[run.lowerBound].flags == F.flagInitialUpper | F.flagAllUpper
            guard run.dropFirst(opensWithBody ? 1 : 0).allSatisfy({
                infos[$0].flags & F.flagsOfLetters == F.flagInitialUpper | F.flagHasLower
            }) else { return }
            var last = run.upperBound - 1
            if run.count >= 3, divisions.contains(infos[last].word), infos[last - 1].word == league { last -= 1 }
            let word = infos[last].word
            if word == league, last > run.lowerBound, leagueWords.contains(infos[last - 1].word), (2 ... 5).contains(run.count),
               run.upperBound == n || infos[run.upperBound].word != of && infos[run.upperBound].word != forWord
            {
                names.append(run)
            } else if opensWithBody, word == cup, last == run.upperBound - 1, run.count <= 4 {
                names.append(run)
            } else if events.contains(word), last == run.upperBound - 1, (2 ... 5).contains(run.count),
                      F.listPosition(infos[run.lowerBound], .givenName) != 4 || run.count >= 3 && word == classic
            {
                names.append(run)
            } else if word == memorial, last == run.upperBound - 1, (3 ... 5).contains(run.count),
                      F.listPosition(infos[run.lowerBound], .givenName) == 4
            {
                names.append(run)
            } else if run.count == 1, single.contains(word) {
                names.append(run)
            } else if run.count == 2, infos[run.lowerBound].word == formula, infos[last].word == one {
                names.append(run)
            } else if (2 ... 4).contains(run.count), infos[run.lowerBound].word == copa,
                      infos[last].newswireWord & companyHeadWord == 0, !run.contains(where: { infos[$0].forcedTag != 0 }) {
                names.append(run)  // (Not "Copa Airlines", a company.)
            }
        }
        return names
    }

    /// The headings of a standings table, CoNLL's miscellany as parts of a league: a region's word and
    /// "Conference" or "Division", both capitalised, and no connector after them ("the Western
    /// Conference", "ATLANTIC DIVISION"; not "the Central Conference of American Rabbis"; a
    /// line of those two words alone may have the second in small letters, as the truecaser leaves a
    /// headline's). The weights had read them as places or organisations.
    static func standingsHeadings(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        let n = infos.count
        var names: [Range<Int>] = []
        let (regions, heads) = (standingsRegionWords, standingsHeadWords)
        // (Whether the sentence's only words are the two at k: the rest is punctuation.)
        func standsAlone(_ k: Int) -> Bool {
            !infos.indices.contains { ($0 < k || $0 > k + 1) && infos[$0].flags & NERFeatureExtractor.flagNoAlphanumeric == 0 }
        }
        for k in infos.indices.dropLast() where infos[k].isCapitalised && regions.contains(infos[k].word) {
            guard heads.contains(infos[k + 1].word), infos[k].forcedTag == 0, infos[k + 1].forcedTag == 0,
                  infos[k + 1].isCapitalised || standsAlone(k),
                  k + 2 == n || !infos[k + 2].isCapitalised && !NERFeatureExtractor.runConnectors.contains(infos[k + 2].word)
            else { continue }
            names.append(k ..< k + 2)
        }
        return names
    }
    private static let standingsRegionWords = words([
        "Eastern", "Western", "Northern", "Southern", "Central", "Atlantic", "Pacific", "Midwest", "Northeast",
        "Northwest", "Southeast", "Southwest",
    ])
    private static let standingsHeadWords = words(["Conference", "Division"])

    /// Calls `body` with each capitalised run (``NERFeatureExtractor/forEachCapitalisedRun(_:_:)``),
    /// cut at an "on" before a day or a month: "the Premier League on Saturday", "told Israel Radio
    /// on Monday" (the runs join words through "on" for "Stratford on Avon").
    static func forEachNameRun(_ infos: UnsafeBufferPointer<NERTokenInfo>, _ body: (Range<Int>) -> Void) {
        let (on, calendar) = (onWord, calendarWords)
        NERFeatureExtractor.forEachCapitalisedRun(infos) { run in
            var start = run.lowerBound
            for k in run.dropFirst() where infos[k].word == on && k + 1 < run.upperBound && calendar.contains(infos[k + 1].word) {
                body(start ..< k)
                start = k + 1
            }
            body(start ..< run.upperBound)
        }
    }

    /// "Commonwealth" standing alone as a capitalised run of its own ("suspended from the
    /// Commonwealth", "Commonwealth foreign ministers"): the organisation of Britain and its former
    /// colonies, which three probes' writers tag as one and the weights, which have no list entry
    /// for it, read as a place. Not in a longer name ("the Commonwealth of Independent States", "the
    /// Commonwealth Games", "the British Commonwealth").
    static func commonwealth(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var names: [Range<Int>] = []
        let word = commonwealthWord
        forEachNameRun(infos) { run in
            guard run.count == 1, infos[run.lowerBound].word == word,
                  infos[run.lowerBound].flags & F.flagsOfLetters == F.flagInitialUpper | F.flagHasLower
            else { return }
            names.append(run)
        }
        return names
    }

    private static let commonwealthWord = NERFeatureExtractor.wordHash("commonwealth")

    /// Broadcasters named by a place and "Radio", "Television" or "TV" ("Israel Radio", "Sarajevo
    /// Television", "Radio Tirana"): a capitalised run of two or three words, the last or the first
    /// one of those, the others each in a listed place's or country's name. The weights had read
    /// "Israel Radio" as a person (Israel is a given name too) and "Radio Tirana" as a place.
    static func broadcastersOfPlaces(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var names: [Range<Int>] = []
        let heads = broadcastWords
        forEachNameRun(infos) { run in
            guard (2 ... 3).contains(run.count) else { return }
            let isPlace = { (k: Int) in infos[k].gazetteer & listedOrKnownPlaceBits != 0 }
            let isHead = { (k: Int) in heads.contains(infos[k].word) && infos[k].flags & F.flagInitialUpper != 0 }
            if isHead(run.upperBound - 1) && run.dropLast().allSatisfy(isPlace) || isHead(run.lowerBound) && run.dropFirst().allSatisfy(isPlace) {
                names.append(run)
            }
        }
        return names
    }

    private static let broadcastWords = words(["radio", "television", "tv"])

    /// The words of ``sportsCompetitions(_:)``.
    private static let leagueWord = NERFeatureExtractor.wordHash("league")
    private static let sportsLeagueWords = words(["premier", "super", "national", "american", "major", "champions", "pro", "europa", "european"])
    private static let divisionWords = words(["east", "west", "central"])
    private static let competitionWords = words(["masters", "championship", "championships", "classic", "series"])
    /// ``NERTokenInfo/word`` of "classic" and "memorial", whose competitions may be named after a
    /// person or a brand ("the Johnnie Walker Classic", "the Ivo Van Damme Memorial").
    private static let classicWord = NERFeatureExtractor.wordHash("classic")
    private static let memorialWord = NERFeatureExtractor.wordHash("memorial")
    /// The words of a report on a competition, before "of" and its name ("Results of Premier League
    /// matches") (``sportsCompetitions(_:)``).
    private static let sportsReportWords = words(["results", "summaries", "summary", "standings", "details", "scorers", "table"])
    private static let leagueNames = words(["bundesliga", "eredivisie"])
    static let formulaWord = NERFeatureExtractor.wordHash("formula")
    static let oneWord = NERFeatureExtractor.wordHash("one")
    private static let copaWord = NERFeatureExtractor.wordHash("copa")
    private static let cupWord = NERFeatureExtractor.wordHash("cup")
    /// Sports bodies whose acronym opens their competitions' names, and "UK" and "US" (``sportsCompetitions(_:)``:
    /// "the UEFA Cup", "the UK Championship").
    private static let sportsBodyAcronyms = words([
        "UEFA", "FA", "AFC", "CAF", "FIFA", "CONCACAF", "CONMEBOL", "OFC", "FIBA", "ICC", "IRB", "EHF", "IAAF", "FIS",
        "UCI", "ATP", "WTA", "NCAA", "FIVB", "IHF", "FINA", "NHL", "NBA", "AFL", "NFL", "UK", "US",
    ])
    static let forWord = NERFeatureExtractor.wordHash("for")

    /// The words of ``miscellanyNames(_:)``.
    private static let awardWords = words(["prize", "award", "trophy", "cup", "shield", "indoors"])
    private static let shieldWord = NERFeatureExtractor.wordHash("shield")
    private static let brentWord = NERFeatureExtractor.wordHash("brent")
    private static let brentFollowers = words(["crude", "blend", "futures", "oil"])
    private static let romanWord = NERFeatureExtractor.wordHash("roman")
    private static let catholicWord = NERFeatureExtractor.wordHash("catholic")

    /// Companies and banks whose name opens with a word that says so in another language, or with
    /// "Bank" as Polish and Indonesian banks' names do: "Banco Frances", "Banque Indosuez", "Companhia Vale do Rio Doce", "Grupo Carso", "Telefonos de Mexico",
    /// "Koninklijke Ahold", "Bank Handlowy" (``foreignFirmWords``,
    /// then capitalised words, maybe joined by "do", "y" …: two to six words in all), or ends in
    /// "Banka", "Banken", "Groupe" or another bank's word (``foreignFirmLastWords``: "Komercni Banka",
    /// "Lagardere Groupe"), or in a country's name in its own language (``countriesInTheirLanguages``:
    /// "Rabobank Nederland"); up to a
    /// title, a possessive or "and" ("Norsk Hydro 's Oseberg field", "Norsk Hydro and Saga
    /// Petroleum"), and without a nationality before it. Not forced names. The weights had read such names
    /// as persons or places.
    static func firmsByForeignHeadWords(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var firms: [Range<Int>] = []
        let (heads, lastHeads, countries) = (foreignFirmWords, foreignFirmLastWords, countriesInTheirLanguages)
        let particles = foreignNameParticles
        F.forEachCapitalisedRun(infos) { whole in
            // (The run goes on through a particle the capitalised runs do not join: "Companhia Vale do
            // Rio Doce".)
            var end = whole.upperBound
            while end + 1 < infos.count, infos[end + 1].isCapitalised, particles.contains(infos[end].word) {
                end += 2
                while end < infos.count, infos[end].isCapitalised { end += 1 }
            }
            // (Not a title and the person after it, nor a nationality before: "Banque Indosuez
            // Chairman Antoine Dupont", "the Czech Komercni Banka"; nor what a possessive joins to it,
            // "Norsk Hydro 's Oseberg field".)
            end = (whole.lowerBound ..< end).first(where: {
                infos[$0].cues & cueTitle != 0 || infos[$0].word == possessiveWord || infos[$0].word == andWord
            }) ?? end
            let start = F.listPosition(infos[whole.lowerBound], .demonym) == 4 ? whole.lowerBound + 1 : whole.lowerBound
            guard start < end else { return }
            let run = start ..< end
            // (A country's own name, which the lists have as the place, may end it: "Rabobank Nederland".)
            let endsInCountry = countries.contains(infos[run.upperBound - 1].word)
            guard (2 ... 6).contains(run.count),
                  heads.contains(infos[run.lowerBound].word) || endsInCountry || lastHeads.contains(infos[run.upperBound - 1].word),
                  !run.dropLast(endsInCountry ? 1 : 0).contains(where: { infos[$0].forcedTag != 0 })
            else { return }
            firms.append(run)
        }
        return firms
    }

    /// Banks named by one word that ends in "bank", as Russian, Dutch and Scandinavian banks' names do:
    /// "chairman of Moskommertsbank", "Inkombank", "Rabobank" (seven letters or more, a capital and
    /// small letters only, no listed place, person or nationality, no word the casing lexicon has in
    /// small letters, no English compound such as "Interbank": "Interbank rates eased"), standing alone but for "The" ("\"
    /// The Bundesbank is …"; not "the Ukrainian Interbank Currency Exchange"). Not a forced name. The weights had
    /// read such unknown banks as places or persons.
    static func banksNamedByTheirWord(_ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let (bank, the, compounds) = (bankSuffix, theWord, bankCompounds)
        let notAName = listedOrKnownPlaceBits | knownPersonBits | demonymBits
        return infos.indices.compactMap { k in
            let info = infos[k]
            guard info.suffixes[3] == bank, info.length >= 7,
                  info.flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasHyphen | F.flagNonASCII | F.flagApostrophe)
                    == F.flagInitialUpper | F.flagHasLower,
                  info.forcedTag == 0, info.gazetteer & notAName == 0, !isCommonWord(info.word), !compounds.contains(info.word),
                  k == 0 || !infos[k - 1].isCapitalised || infos[k - 1].word == the, k + 1 == infos.count || !infos[k + 1].isCapitalised
            else { return nil }
            return k ..< k + 1
        }
    }
    /// English compounds of "bank" that the casing lexicon may lack (``banksNamedByTheirWord(_:isCommonWord:)``).
    private static let bankCompounds = words(["interbank", "databank", "riverbank", "sandbank", "snowbank", "southbank"])
    /// The hash of a word's last four letters when they are "bank" (``banksNamedByTheirWord(_:isCommonWord:)``).
    private static let bankSuffix = NERFeatureExtractor(hashBits: 8).info(for: "Rabobank").suffixes[3]

    /// The words of ``firmsByForeignHeadWords(_:)``.
    private static let foreignFirmWords = words([
        "Banco", "Banca", "Banque", "Bancomer", "Companhia", "Compania", "Compagnie", "Grupo", "Groupe", "Gruppo",
        "Sociedad", "Societe", "Société", "Industrias", "Cementos", "Aktiebolaget",
        "Telefonos", "Telefonica", "Petroleos", "Aerolineas", "Empresas", "Corporacion", "Cerveceria", "Cervejaria",
        "Transportes", "Construcciones", "Inversiones", "Almacenes", "Siderurgica", "Assicurazioni", "Istituto",
        "Koninklijke", "Verenigde", "Svenska", "Skandinaviska", "Norsk", "Nippon", "Bank",
    ])
    private static let foreignFirmLastWords = words(["Banka", "Banken", "Bankverein", "Sparkasse", "Landesbank", "Groupe"])
    private static let foreignNameParticles = words(["do", "dos", "das", "di", "della", "y", "e"])
    /// Countries' names in their own languages that differ from the English ones, which end the names
    /// of national arms of firms ("Rabobank Nederland", "Siemens Deutschland", "Fiat Italia").
    private static let countriesInTheirLanguages = words([
        "Nederland", "Deutschland", "Italia", "Espana", "España", "Polska", "Schweiz", "Suisse", "Osterreich",
        "Österreich", "Danmark", "Norge", "Sverige", "Suomi", "Belgique", "Belgie", "België", "Brasil", "Hellas",
    ])

    /// Stock indices named before "index" or "average" in small letters: "the blue-chip Merval index",
    /// "The Bovespa index", "the IPSA index" (CoNLL's miscellany, as every probe's writer marked
    /// them): a capitalised run of one to three words right before the word, maybe with a number of
    /// up to three digits ("the TSE 300 index") and a qualifier (``indexQualifiers``: "the HEX general
    /// index") between, none forced and none a listed place's or organisation's (but an acronym
    /// before a number or a qualifier: "The PSE composite index"), or an organisation's head word ("the Conference Board
    /// index"). The indices named after a newspaper, a bank or a news firm that the lists have as
    /// organisations ("Nikkei", "Hang Seng", "Dow Jones") are indices before those words, "stock",
    /// "share", "industrial" or "futures", or a verb of a market's move, past or present ("the Nikkei fell", "the Hang
    /// Seng ended"); elsewhere ("the Nikkei newspaper", "Hang Seng Bank") they stay the model's. The
    /// run starts after a possessive ("Hong Kong 's Hang Seng index"). The weights had read unknown
    /// indices as persons, and those three as organisations.
    static func indicesBeforeIndex(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var indices: [Range<Int>] = []
        let (followers, listedFollowers, listedIndices, qualifiers) = (indexWords, listedIndexFollowers, listedIndexNames, indexQualifiers)
        F.forEachCapitalisedRun(infos) { whole in
            guard whole.upperBound < n else { return }
            // A number of up to three digits is part of the name ("the TSE 300 index"); a qualifier
            // may follow ("the HEX general index", "The PSE composite index").
            var end = whole.upperBound
            if infos[end].flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasPeriod) == F.flagHasDigit, infos[end].length <= 3,
               end + 1 < n { end += 1 }
            let qualified = end + 1 < n && qualifiers.contains(infos[end].word) && followers.contains(infos[end + 1].word)
            let after = qualified ? end + 1 : end
            guard infos[after].flags & F.flagsOfLetters == F.flagHasLower else { return }
            let next = infos[after].word
            guard followers.contains(next) || listedFollowers.contains(next) else { return }
            // (What a possessive joins before the name is no part of it: "Hong Kong 's Hang Seng index";
            // looked for only before an index's word, as most runs stand before none.)
            let run = whole.last(where: { infos[$0].word == possessiveWord }).map { $0 + 1 ..< whole.upperBound } ?? whole
            guard !run.isEmpty, run.count <= 3 else { return }
            let start = infos[run.lowerBound].word == theWord ? run.lowerBound + 1 : run.lowerBound
            guard start < run.upperBound else { return }
            if listedIndices.contains(runHash(start ..< run.upperBound, infos)) {
                indices.append(start ..< end)
                return
            }
            // (An exchange's acronym the lists have as an organisation names its index before a number
            // or a qualifier: "the PSE composite index".)
            let acronym = (end > run.upperBound || qualified) && run.upperBound - start == 1 && infos[start].flags & F.flagAllUpper != 0
            guard followers.contains(next),
                  !(start ..< run.upperBound).contains(where: {
                      infos[$0].forcedTag != 0 || infos[$0].gazetteer & placeOrOrganizationBits != 0 && !acronym
                          || infos[$0].cues & cueOrgHead != 0 || infos[$0].word == boardWord
                  })
            else { return }
            indices.append(start ..< end)
        }
        return indices
    }

    /// Stock indices by their own names, Europe's monetary names and treaties named after a place,
    /// CoNLL's miscellany as every probe's writer marked them, which the weights read as places or
    /// organisations: an index's name standing alone ("the DAX index", a French town's name too, "the
    /// Sensex fell 42.17 points", "Merval", "the SMI"; not "Bovespa", the Sao Paulo exchange's name
    /// too), with a number of up to three digits after it ("the FTSE 100", "the CAC 40"; not "DAX
    /// 2,768.37"); "Bund" before "future", "futures" or "yield" ("the Bund future", "the December
    /// Bund future": a month may stand before it); "ERM"
    /// and "EMU"; and a place's one word before "treaty", "criteria", "accord", "accords",
    /// "agreement" or "pact", maybe after "peace" ("the Maastricht treaty", "the Dayton accords", "the
    /// Dayton peace agreement"; "in Maastricht" stays a
    /// place; a known place the gazetteer forced will do right before "accords" or "treaty": "the Oslo
    /// accords", not "the Chechnya peace agreement"). None forced otherwise, and no capitalised word
    /// before it but "The" nor after it.
    static func marketAndTreatyNames(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var names: [Range<Int>] = []
        let (indices, monetary, bundFollowers, treaties, bund, the, calendar, peace) =
            (ownIndexNames, monetaryNames, bundWords, treatyWords, bundWord, theWord, calendarWords, peaceWord)
        let placesTreaties = namedTreatyWords
        let knownPlace = BILOUTag(.unit, .loc).rawValue
        for k in infos.indices where infos[k].flags & F.flagInitialUpper != 0 {
            // (A treaty's place may be a known place the gazetteer forced, not firmly: "the Oslo
            // accords".)
            let isFree = infos[k].forcedTag == 0
            guard isFree || infos[k].forcedTag == knownPlace && !infos[k].forcedTagIsFirm else { continue }
            let word = infos[k].word
            // (A contract's month may stand before "Bund": "the December Bund future".)
            guard k == 0 || !infos[k - 1].isCapitalised || infos[k - 1].word == the
                || word == bund && calendar.contains(infos[k - 1].word) else { continue }
            var end = k + 1
            // (A number of up to three digits right after an index's name is part of it: "FTSE 100";
            // not a figure, "DAX 2,768.37".)
            if end < n, infos[end].flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasPeriod) == F.flagHasDigit,
               infos[end].length <= 3, indices.contains(infos[k].word) {
                end += 1
            }
            guard end == n || !infos[end].isCapitalised else { continue }
            let next = end < n ? infos[end].word : 0
            // (A treaty's word may follow "peace": "the Dayton peace accords".)
            let treaty = next == peace && end + 1 < n ? infos[end + 1].word : next
            // (A known place the gazetteer forced only right before "accords" or "treaty": "the Oslo
            // accords"; not "the Chechnya peace agreement", "the Angola peace accord", what the
            // agreement is about.)
            let isTreatysPlace = infos[k].flags & F.flagsOfLetters == F.flagInitialUpper | F.flagHasLower
                && isOnlyAPlacesWord(infos[k]) && (isFree ? treaties.contains(treaty) : placesTreaties.contains(next))
            if isFree && (indices.contains(word) || monetary.contains(word) && infos[k].flags & F.flagHasLower == 0
                || word == bund && bundFollowers.contains(next)) || isTreatysPlace {
                names.append(k ..< end)
            }
        }
        return names
    }
    private static let ownIndexNames = words(["DAX", "Sensex", "Merval", "SMI", "FTSE", "CAC-40", "CAC", "IBEX", "IPSA"])
    private static let monetaryNames = words(["ERM", "EMU"])
    private static let bundWord = NERFeatureExtractor.wordHash("bund")
    private static let bundWords = words(["future", "futures", "yield", "yields"])
    private static let treatyWords = words(["treaty", "criteria", "accord", "accords", "agreement", "pact"])
    /// The treaty's words after which a known place the gazetteer forced names the treaty
    /// (``marketAndTreatyNames(_:)``: "the Oslo accords").
    private static let namedTreatyWords = words(["accords", "treaty"])
    /// ``NERTokenInfo/word`` of "peace", which may stand before a treaty's word (``marketAndTreatyNames(_:)``).
    private static let peaceWord = NERFeatureExtractor.wordHash("peace")

    /// The words of ``indicesBeforeIndex(_:)``.
    private static let indexWords = words(["index", "average"])
    /// The words that may stand between an index's name and ``indexWords``.
    private static let indexQualifiers = words(["general", "composite", "all-share", "main", "benchmark", "weighted", "blue-chip"])
    /// The listed organisations' names that are also indices (``names(_:)``).
    private static let listedIndexNames = names(["Nikkei", "Hang Seng", "Dow Jones", "Dow", "Topix"])
    private static let listedIndexFollowers = words([
        "stock", "share", "industrial", "industrials", "futures", "fell", "rose", "closed", "ended", "finished", "gained",
        "lost", "dropped", "climbed", "slipped", "eased", "edged", "jumped", "tumbled", "plunged", "surged", "shed",
        "added", "opened", "hit", "slid", "firmed", "recovered", "rallied", "fall", "rise", "falls", "rises",
        "ends", "closes", "gains", "eases", "slips", "edges", "jumps", "tumbles", "climbs", "drops", "hits", "firms",
    ])
    private static let boardWord = NERFeatureExtractor.wordHash("board")

    /// Nationalities, peoples, faiths and regions standing alone (CoNLL's miscellany): "the Briton 's
    /// lead", "The Mexican peso firmed", "Sri Lankan troops", "90 Hutu rebels", "Bosnian Serb
    /// leaders", "Republican senators", "Romanian President Emil Constantinescu", "Mexican Dionicio Ceron". A listed nationality
    /// (one word or several, "East Timorese") or one of ``peopleWords``, each word a capital and small
    /// letters; a listed nationality right after one joins it ("Bosnian Serb", "Greek Cypriot"), a
    /// people's word is a name of its own ("Rwandan Hutu", two names in CoNLL's data). Not next to a hyphen. Before it: no capitalised
    /// word, unless the sentence opens with that word and the casing lexicon has it in small letters
    /// (`isCommonWord`: "The", "Former"; not a compass word, "North American sales", left to the
    /// model). After it: no capitalised word, unless a title follows
    /// ("President", or a word and a title: "Prime Minister") or a person's name ("Canadian Jacques
    /// Villeneuve", or one an earlier rule forced) or a team an earlier rule forced ("the Italian Mapei
    /// team") or words the casing lexicon does not know (``opensUnknownName(at:_:isKnownWord:)``:
    /// "Slovenian Brigita Bukovec"). In a headline in capitals
    /// (`inCapitals`), after the truecaser, also a word it left in capitals. Not a word the lists have as a
    /// given name ("the Dane" stays the model's), nor a nationality they have as a known person,
    /// organisation or place of one word. The weights had left most nationalities outside any name, or read "Briton" as a place.
    static func nationalities(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, inCapitals: Bool = false, isKnownWord: (UInt64) -> Bool = { _ in true },
        isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        var nationalities: [Range<Int>] = []
        // (The word lists read once a sentence, not once a token.)
        let lists = NationalityLists(people: peopleWords, notNationality: notNationalityUnits, notPeople: notPeopleUnits)
        var i = 0
        while i < infos.count {
            guard var end = nationalityEnd(from: i, infos, inCapitals: inCapitals, lists) else { i += 1; continue }
            var names = [i ..< end]
            while let next = nationalityEnd(from: end, infos, inCapitals: inCapitals, lists) {
                if NERFeatureExtractor.listPosition(infos[end], .demonym) != 0 {
                    names[names.count - 1] = names[names.count - 1].lowerBound ..< next
                } else {
                    names.append(end ..< next)
                }
                end = next
            }
            defer { i = end }
            let before = i == 0 || !infos[i - 1].isCapitalised
                || opensSentence(at: i - 1, infos) && isCommonWord(infos[i - 1].word) && !compassWords.contains(infos[i - 1].word)
            let after = end == infos.count || !infos[end].isCapitalised || isTitle(at: end, infos)
                || opensPersonsName(at: end, infos, isCommonWord: isCommonWord) || opensForcedPersonOrTeam(at: end, infos)
                || opensUnknownName(at: end, infos, isKnownWord: isKnownWord)
            // (Not in a hyphenated name: "the American - Arab Discrimination Committee".)
            guard before, after, i == 0 || infos[i - 1].word != dashWord, end == infos.count || infos[end].word != dashWord
            else { continue }
            nationalities += names
        }
        return nationalities
    }

    /// Whether the capitalised run at `i` is one to three words, each a capital and small letters,
    /// that no list has but as a given name or surname, that are no cue, not forced, and that the
    /// casing lexicon does not know (`isKnownWord`: every word of the training files and the English
    /// words): a name of its own after a nationality, whatever its type ("Slovenian Brigita Bukovec
    /// took", "German Billiges Kaufhaus"; not "the Iraqi National Bank").
    private static func opensUnknownName(
        at i: Int, _ infos: UnsafeBufferPointer<NERTokenInfo>, isKnownWord: (UInt64) -> Bool
    ) -> Bool {
        typealias F = NERFeatureExtractor
        var end = i
        while end < infos.count, infos[end].isCapitalised { end += 1 }
        return (1 ... 3).contains(end - i) && infos[i ..< end].allSatisfy {
            $0.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
                && $0.gazetteer & ~personNameBits == 0 && $0.cues == 0 && $0.forcedTag == 0 && !isKnownWord($0.word)
        }
    }

    /// Whether a person or a team forced by an earlier rule opens at `i` ("Mexican Dionicio Ceron was
    /// second", ``personsAfterCues(_:isKnownWord:isCommonWord:)``; "the Italian Mapei team",
    /// ``teamsBeforeTeam(_:isCountryName:)``).
    private static func opensForcedPersonOrTeam(at i: Int, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        guard let tag = BILOUTag(rawValue: infos[i].forcedTag) else { return false }
        return (tag.label == .per || infos[i].forcedAsTeam) && (tag.position == .begin || tag.position == .unit)
    }

    /// Whether the word at `i` opens its sentence, maybe after a quote or a bracket.
    static func opensSentence(at i: Int, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        i == 0 || i == 1 && infos[0].flags & NERFeatureExtractor.flagNoAlphanumeric != 0
    }

    /// The end of the nationality or people's word that starts at `i` (see
    /// ``nationalities(_:inCapitals:isKnownWord:isCommonWord:)``), if one does. In a headline in capitals, once the
    /// truecaser has restored what it knows, the word may be left in capitals ("UZBEK COTTON HARVEST").
    private static func nationalityEnd(
        from i: Int, _ infos: UnsafeBufferPointer<NERTokenInfo>, inCapitals: Bool, _ lists: NationalityLists
    ) -> Int? {
        typealias F = NERFeatureExtractor
        guard i < infos.count, infos[i].flags & F.flagInitialUpper != 0 else { return nil }
        var end = i
        var notNationality = lists.notNationality
        switch F.listPosition(infos[i], .demonym) {
        case 4: end = i + 1
        case 1:
            end = i + 1
            while end < infos.count, F.listPosition(infos[end], .demonym) == 2 { end += 1 }
            guard end < infos.count, F.listPosition(infos[end], .demonym) == 3 else { return nil }
            end += 1
        default:
            guard lists.people.contains(infos[i].word) else { return nil }
            end = i + 1
            notNationality = lists.notPeople
        }
        // (A word of a listed nationality of several words may be a given name: "Sri Lankan".)
        guard end - i > 1 || infos[i].gazetteer & notNationality == 0 else { return nil }
        for token in infos[i ..< end] {
            let letters = token.flags & (F.flagsOfLetters | F.flagHasDigit)
            guard token.forcedTag == 0,
                  letters == F.flagInitialUpper | F.flagHasLower || inCapitals && letters == F.flagInitialUpper | F.flagAllUpper
            else { return nil }
        }
        return end
    }

    /// Whether a person's name opens at `i`: a known person's, or two capitalised words, a listed given
    /// name and another ("Canadian Jacques Villeneuve") or any and a listed surname that the casing
    /// lexicon does not have in small letters and that is no organisation's head word ("Brazilian Sonny
    /// Anderson"; not "the Italian Red Cross", "the Czech National Bank", "the Australian Rugby
    /// League", nor "Philippine Long Distance Telephone").
    private static func opensPersonsName(at i: Int, _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool) -> Bool {
        let person = NERFeatureExtractor.listPosition(infos[i], .person)
        guard person != 1 && person != 4 else { return true }
        // (Two words, the first a listed given name or the second a listed surname.)
        return i + 1 < infos.count && infos[i + 1].isCapitalised && (i + 2 == infos.count || !infos[i + 2].isCapitalised)
            && (NERFeatureExtractor.listPosition(infos[i], .givenName) == 4
                || NERFeatureExtractor.listPosition(infos[i + 1], .surname) == 4 && !isCommonWord(infos[i + 1].word)
                    && infos[i + 1].cues & cueOrgHead == 0 && !groupHeadWords.contains(infos[i + 1].word))
    }

    /// Whether a title opens at `i`: a title cue ("President"), or a word before one that is no
    /// organisation's head word, no known name's and no place's ("Prime Minister", "Foreign
    /// Minister"; not "Japan" in "the Bank of Japan Governor").
    private static func isTitle(at i: Int, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        if infos[i].cues & cueTitle != 0 { return true }
        return i + 1 < infos.count && infos[i + 1].cues & cueTitle != 0 && infos[i].forcedTag == 0
            && infos[i].cues & cueOrgHead == 0 && !groupHeadWords.contains(infos[i].word)
            && infos[i].gazetteer & (NERFeatureExtractor.knowledgeBaseGazetteerMask | listedOrKnownPlaceBits) == 0
    }

    /// The lists' one-word matches that keep a word from being a nationality: a given name, a known
    /// person, organisation or place (a nationality's own entry, a surname such as "French", and the
    /// first word of a longer name, "British Army" in "the British army", do not).
    private static let notNationalityUnits = unitBits([.givenName, .person, .organization, .location, .place])
    /// Those that keep a word of ``peopleWords`` from being a people's: a given name or a known person
    /// (not a place: "Western", a province's name too).
    private static let notPeopleUnits = unitBits([.givenName, .person])

    /// ``peopleWords``, ``notNationalityUnits`` and ``notPeopleUnits``, as ``nationalityEnd(from:_:inCapitals:_:)`` reads them.
    private struct NationalityLists {
        let people: NERWordSet
        let notNationality: UInt32
        let notPeople: UInt32
    }

    /// The bit of a one-word match (position 4) of each of `types` in ``NERTokenInfo/gazetteer``.
    private static func unitBits(_ types: [NERGazetteerType]) -> UInt32 {
        types.reduce(0) { $0 | 4 << (3 * UInt32($1.rawValue)) }
    }

    /// The words that make a compound nationality with the one after them ("North American", "East
    /// European", "Latin American").
    private static let compassWords = words(["north", "south", "east", "west", "central", "latin"])

    /// Peoples, faiths, regions and parties that CoNLL-2003 tags as miscellany and the knowledge base
    /// does not list among the nationalities; and the nationalities it lists only with their exact case
    /// ("French", shared by six countries), which the gazetteer's trie never reaches when a name list
    /// has the same word in any case (the surname "French").
    static let peopleWords = words([
        "French", "Dutch", "Chinese", "Norwegian", "Korean", "Koreans", "Indian", "Indians", "Congolese", "American",
        "Dominican", "Welsh", "English", "Afghan", "Afghans",
        "Hutu", "Hutus", "Tutsi", "Tutsis", "Tamil", "Tamils", "Sinhalese", "Moslem", "Moslems", "Muslim", "Muslims",
        "Islamic", "Islamist", "Islamists", "Arab", "Arabs", "Kurd", "Kurds", "Kurdish", "Jewish", "Jew", "Jews",
        "Christians", "Catholic", "Catholics", "Protestant", "Protestants", "Hindu", "Hindus", "Sikh", "Sikhs",
        "Shi'ite", "Shi'ites", "Sunni", "Sunnis", "Buddhist", "Buddhists", "Zulu", "Zulus", "Xhosa", "Pashtun",
        "Basque", "Basques", "Corsican", "Palestinians", "Uzbek", "Uzbeks", "Kazakh", "Kazakhs", "Tajik", "Tajiks",
        "Kashmiri", "Kashmiris", "Maori", "Afrikaner", "Afrikaners", "Slav", "Slavs", "Ogoni",
        "European", "Europeans", "Asian", "Asians", "African", "Africans", "Western", "Nordic",
        "Scandinavian", "Olympic", "Republican", "Republicans", "Maoist", "Marxist",
    ] + demonymsInManList)

    /// Nationalities in "-man" that the knowledge base's demonyms lack ("Frenchman Jean Alesi").
    static let demonymsInMan = words(demonymsInManList)
    private static let demonymsInManList = [
        "Frenchman", "Frenchwoman", "Englishman", "Englishwoman", "Dutchman", "Dutchwoman", "Scotsman", "Welshman",
        "Irishman", "Irishwoman",
    ]

    /// Bodies named by a head word after a place, nationality or subject: a capitalised run of two to
    /// five words (no connector, and none before it), each a capital and small letters, that ends in
    /// one of ``bodyHeadWords``: "the London Commodity Exchange", "the Australian Stock Exchange",
    /// "the Oslo Bourse", "the Japanese Finance Ministry". A "The" that opens the sentence is no part
    /// of it (one inside a sentence may be: "of The Scout Association", left to the model); a run
    /// whose first word opens the sentence (maybe after a quote) and is one the casing lexicon has in
    /// small letters is left to the model (`isCommonWord`: "Yesterday Finance Ministry officials", "\"
    /// But Finance Ministry officials"). Not a name whose head word the lists have as a place's ("West
    /// Bank", "Soviet Union"), nor one that holds a forced name or a title. The weights had split such names into a place and nothing ("London" alone) or
    /// read a nationality. Since the sixteenth session a nationality before a government body
    /// named by common words is no part of it ("the Japanese Finance Ministry", "the Russian Security
    /// Council": every probe's writer tagged the two apart).
    static func bodiesWithHeadWords(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        namesEnding(in: bodyHeadWords, infos, isCommonWord: isCommonWord, endsBeforeOn: false).map { body in
            isNationalityBeforeGovernmentBody(body, infos, isCommonWord: isCommonWord) ? body.dropFirst() : body
        }
    }

    /// Whether `run` is a nationality, one or two words the casing lexicon has in small letters, and
    /// "Ministry", "Department" or "Council" ("Egyptian Foreign Ministry", "Russian Security
    /// Council"; not "Czech National Bank" or "Bulgarian Socialist Party", proper names).
    private static func isNationalityBeforeGovernmentBody(
        _ run: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> Bool {
        (3 ... 4).contains(run.count) && NERFeatureExtractor.listPosition(infos[run.lowerBound], .demonym) == 4
            && governmentBodyWords.contains(infos[run.upperBound - 1].word)
            && (run.lowerBound + 1 ..< run.upperBound - 1).allSatisfy { isCommonWord(infos[$0].word) }
    }

    /// The head words of ``isNationalityBeforeGovernmentBody(_:_:isCommonWord:)``.
    private static let governmentBodyWords = words(["ministry", "department", "council"])

    /// Places named by a head word, found as ``bodiesWithHeadWords(_:isCommonWord:)`` finds bodies but
    /// ending in one of ``placeHeadWords``: "Skanderbeg Square", "Republic Square", "the Riverside
    /// Stadium", "Elephant Pass" (thirteenth session), also before "on" ("at the Riverside Stadium on
    /// Saturday"; a body's "on" may be its name's: "Commission on Human Rights"); not a person's name
    /// that starts with a listed given name ("Wayne Bridge"). The weights had read such names as
    /// organisations or persons. Also the grounds of ``groundsAfterOpeners(_:)``. "Palace" since the
    /// twenty-fourth session ("the National Palace"), not in a name the lists have as an organisation's
    /// ("the Elysee Palace", "Crystal Palace").
    static func placesWithHeadWords(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        let palace = palaceWord
        return namesEnding(in: placeHeadWords, infos, isCommonWord: isCommonWord, endsBeforeOn: true).filter { name in
            // (Nor a palace the lists have as an organisation: "the Elysee Palace said".)
            !isPersonsName(name, infos)
                && (infos[name.upperBound - 1].word != palace || !name.contains { infos[$0].gazetteer & organizationBits != 0 })
        } + groundsAfterOpeners(infos)
    }

    /// Sports grounds named by a Romance opener: "Stade", "Estadio", "Stadio", "Estadi" or "Stadion",
    /// then capitalised words, maybe joined by particles ("Stade Amedee-Domenech", "Estadio
    /// Monumental", "Stade de la Beaujoire", "Estadio do Maracana"); not inside a longer name, and
    /// none of the words forced already. CoNLL's places (twenty-third session); the weights had read
    /// them as organisations or nothing.
    static func groundsAfterOpeners(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        let n = infos.count
        guard n >= 2 else { return [] }
        let (openers, particles) = (groundOpeners, groundParticles)
        var grounds: [Range<Int>] = []
        for i in 0 ..< n - 1 where infos[i].isCapitalised && openers.contains(infos[i].word) {
            guard i == 0 || !infos[i - 1].isCapitalised else { continue }
            var end = i + 1
            while end < n {
                if infos[end].isCapitalised { end += 1; continue }
                var next = end
                while next < n, particles.contains(infos[next].word), infos[next].flags & NERFeatureExtractor.flagsOfLetters
                    == NERFeatureExtractor.flagHasLower { next += 1 }
                guard next > end, next < n, infos[next].isCapitalised else { break }
                end = next
            }
            guard end > i + 1, end - i <= 6, !(i ..< end).contains(where: { infos[$0].forcedTag != 0 }) else { continue }
            grounds.append(i ..< end)
        }
        return grounds
    }

    /// The first words of ``groundsAfterOpeners(_:)``.
    private static let groundOpeners = words(["Stade", "Estadio", "Stadio", "Estadi", "Stadion"])
    /// The particles inside ``groundsAfterOpeners(_:)``'s names.
    /// (The particles that join a team's words, ``teamParticles``, and French articles: "Stade de la
    /// Beaujoire".)
    private static let groundParticles = teamParticles.union(words(["du", "des", "la", "le"]))

    /// The runs ``bodiesWithHeadWords(_:isCommonWord:)`` describes, ending in one of `heads`; before
    /// "on" too when `endsBeforeOn`.
    private static func namesEnding(
        in heads: NERWordSet, _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool,
        endsBeforeOn: Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var bodies: [Range<Int>] = []
        var i = 0
        while i < infos.count {
            guard infos[i].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower else { i += 1; continue }
            var end = i + 1
            while end < infos.count, infos[end].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower {
                end += 1
            }
            defer { i = end }
            // ("The" is no part of it; a sentence's first common word may or may not be: "Neighborhood
            // Reinvestment Corporation", "Yesterday Finance Ministry officials", left to the model.)
            // A capital "The" inside a sentence may be the name's own ("of The Scout Association").
            let opensSentence = i == 0 || infos[i - 1].flags & F.flagNoAlphanumeric != 0
            if infos[i].word == theWord, !opensSentence { continue }
            let start = infos[i].word == theWord ? i + 1 : i
            if start == i, Self.opensSentence(at: i, infos), isCommonWord(infos[i].word) { continue }
            let last = infos[end - 1]
            // (The whole name: not "Reconciliation Commission" of "Truth and Reconciliation Commission",
            // nor "Environmental Protection Agency" of "U.S. Environmental Protection Agency".)
            let joined = i > 0 && (infos[i - 1].isCapitalised
                || i > 1 && infos[i - 2].isCapitalised && F.runConnectors.contains(infos[i - 1].word))
            guard !joined, (2 ... 5).contains(end - start), heads.contains(last.word),
                  last.gazetteer & listedOrKnownPlaceBits == 0,
                  end == infos.count || !F.runConnectors.contains(infos[end].word) || infos[end].word == possessiveWord
                      || endsBeforeOn && infos[end].word == onWord,
                  !(start ..< end).contains(where: { infos[$0].forcedTag != 0 || infos[$0].cues & cueTitle != 0 })
            else { continue }
            bodies.append(start ..< end)
        }
        return bodies
    }

    /// The last words of ``bodiesWithHeadWords(_:isCommonWord:)``: "Bank", "Court", "Office" and
    /// "Group" are left out, as places ("Left Bank", "Earls Court", "Oval Office") and groups of a
    /// tournament ("Group C") end in them. A wire story's sign-off names its newsroom ("-- Amsterdam
    /// Newsroom +31 20 504 5000").
    private static let bodyHeadWords = words([
        "Exchange", "Bourse", "Commission", "Committee", "Council", "Agency", "Authority", "Bureau", "Federation",
        "Association", "Institute", "Ministry", "Department", "Party", "Union", "University", "Corporation",
        "Foundation", "Society", "Academy", "Organisation", "Organization", "Newsroom", "Board", "Confederation", "Bloc",
        "Front", "Alliance", "Service", "Fund",
    ])

    /// The last words of ``placesWithHeadWords(_:isCommonWord:)``: not "Park" (the surname of "Grace
    /// Park"), "Centre", "Hall", "Cathedral" or "Club", which end organisations' names as often, nor
    /// an address's "Street", "Road" or "Avenue", which the web text of the training files leaves
    /// unannotated ("6565 Fannin Street").
    static let placeHeadWords = words(["Square", "Bridge", "Stadium", "Pass", "Arena", "Oval", "Velodrome", "Palace"])
    /// ``NERTokenInfo/word`` of "Palace" (``placesWithHeadWords(_:isCommonWord:)``).
    private static let palaceWord = NERFeatureExtractor.wordHash("palace")

    /// The place a sentence opens with after "In" and before a comma ("In Denver , Peter Forsberg
    /// scored", "In Frankfurt , the Bundesbank …"): one to three words with a capital and small
    /// letters, one of them in a listed place's name (any words before the colon of a results line
    /// with two brackets each followed by a figure: "In Bruges : Club Brugge ( Belgium ) 2 Schalke 04
    /// ( Germany ) 1"; not "In Brief : Acme ( Germany ) posted 5 million"), none forced, in an organisation's or a known
    /// person's name, or a day or month ("In March ,"); `nil` for any other sentence. Not after "At",
    /// which opens a club's news as often ("At Chelsea , Vialli scored"). The weights had read such
    /// places as persons or clubs.
    static func placeOpeningASentence(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Range<Int>? {
        typealias F = NERFeatureExtractor
        let plain = F.flagInitialUpper | F.flagHasLower
        guard infos.count >= 3, infos[0].flags & (F.flagsOfLetters | F.flagHasDigit) == plain,
              openingPrepositions.contains(infos[0].word) else { return nil }
        var end = 1
        while end < infos.count, end <= 3, infos[end].flags & (F.flagsOfLetters | F.flagHasDigit) == plain { end += 1 }
        let place = 1 ..< end
        // (Or before the colon of a cup's results line, where any town is the venue: "In Bruges : Club
        // Brugge ( Belgium ) 2 Schalke 04 ( Germany ) 1".)
        let opensResultsLine = end < infos.count && infos[end].word == colonWord
            && (end + 1 ..< infos.count - 1).filter({
                infos[$0].word == closeBracketWord && infos[$0 + 1].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagHasDigit
            }).count >= 2
        guard !place.isEmpty, end < infos.count, infos[end].word == commaWord || opensResultsLine,
              opensResultsLine || place.contains(where: { infos[$0].gazetteer & listedOrKnownPlaceBits != 0 }),
              !place.contains(where: {
                  infos[$0].forcedTag != 0 || infos[$0].gazetteer & (organizationBits | knownPersonBits) != 0
                      || calendarWords.contains(infos[$0].word)
              }) else { return nil }
        return place
    }
    private static let openingPrepositions = words(["in"])

    /// Organisations named right before what they are, in small letters: "the official Xinhua news
    /// agency", "the Interfax agency", "the Izvestia newspaper", "the Sumitomo group", "the Sude fund",
    /// "told Caracol radio"
    /// (``descriptorsAfterNames``; not "daily" or "weekly", adjectives too): a capitalised run of one
    /// to three words after a word in small letters or a sentence's "The" or "A". Not a run joined to
    /// another by a connector ("the Andaman and Nicobar group"), one before a descriptor that a name
    /// follows ("the Lebanese Shiite group Hizbollah"), one with a nationality's word ("the official
    /// Iraqi news agency"), only places' words ("the Moscow newspaper"), a day or month, a title, a
    /// forced name, one word of a single letter or one the casing lexicon has in small letters
    /// (`isCommonWord`: "the Energy agency"); before "group", "company", "fund" or "foundation" only
    /// words the casing lexicon does not know (`isKnownWord`) or the lists have as an organisation's,
    /// and no acronym or person's name ("an Islamic group", "the EPM group", "the Kennedy group").
    /// The weights had read such unknown names as places or missed them.
    static func organizationsBeforeDescriptors(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool, isKnownWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var organizations: [Range<Int>] = []
        // (The flags first: most tokens fail them without a set lookup.)
        let (news, agency, descriptors) = (newsWord, agencyWord, descriptorsAfterNames)
        for d in infos.indices.dropFirst() where infos[d - 1].isCapitalised && infos[d].flags & F.flagsOfLetters == F.flagHasLower {
            let isNewsAgency = infos[d].word == news && d + 1 < infos.count && infos[d + 1].word == agency
            guard isNewsAgency || descriptors.contains(infos[d].word) else { continue }
            let end = isNewsAgency ? d + 2 : d + 1
            guard let name = nameBefore(d, infos) else { continue }
            // (Not a run joined to another by a connector, "the Andaman and Nicobar group", nor one
            // the descriptor names an organisation after: "the Lebanese Shiite group Hizbollah".)
            let start = name.lowerBound
            let joined = start >= 2 && F.runConnectors.contains(infos[start - 1].word) && infos[start - 2].isCapitalised
            guard !joined, end == infos.count || !infos[end].isCapitalised,
                  !name.contains(where: { isNationalityWord(infos[$0]) }),
                  isPlainName(name, infos, isCommonWord: isCommonWord) else { continue }
            // Before "group", "company", "fund" or "foundation", only words the casing lexicon does not
            // know or the lists have as an organisation's: no adjective ("an Islamic group", "a
            // London-based company"), no acronym ("the EPM group"), no person ("the Kennedy group",
            // "the Abby Freeman fund").
            if groupWords.contains(infos[d].word) {
                let plain = F.flagInitialUpper | F.flagHasLower
                guard name.allSatisfy({
                    infos[$0].flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasHyphen) == plain
                        && (!isKnownWord(infos[$0].word) || infos[$0].gazetteer & organizationBits != 0)
                }), !isPersonsName(name, infos)
                else { continue }
            }
            organizations.append(name)
        }
        return organizations
    }

    /// The words in small letters ``organizationsBeforeDescriptors(_:isCommonWord:isKnownWord:)`` reads
    /// a name before ("news agency" is read as two words).
    private static let descriptorsAfterNames = words([
        "agency", "newspaper", "magazine", "group", "company", "fund", "foundation", "radio", "television",
    ])
    /// The articles that open a sentence and no name ("The", "A", "An").
    static let articleWords = words(["the", "a", "an"])
    private static let groupWords = words(["group", "company", "fund", "foundation"])
    private static let newsWord = NERFeatureExtractor.wordHash("news")
    private static let agencyWord = NERFeatureExtractor.wordHash("agency")

    /// Airlines named "Air" and a place: "Air Greece", "Air India", "Air Lanka" (one word after "Air"
    /// that the lists have as a place or nationality, and no capitalised word after it). The weights
    /// had tagged the place alone.
    static func airlines(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var airlines: [Range<Int>] = []
        let air = airWord
        for i in infos.indices.dropLast() where infos[i].word == air && infos[i].flags & F.flagInitialUpper != 0 {
            let place = infos[i + 1]
            guard place.isCapitalised, place.gazetteer & (listedOrKnownPlaceBits | demonymBits) != 0,
                  i + 2 == infos.count || !infos[i + 2].isCapitalised,
                  infos[i].forcedTag == 0, place.forcedTag == 0 else { continue }
            airlines.append(i ..< i + 2)
        }
        return airlines
    }

    /// A town named beside a known place by "and", one word the lists lack: "villages around Ardabil
    /// and Meshkinshahr", "between Meshkinshahr and Ardabil". The known place ends (or starts) right at
    /// "and", forced as a place or listed as one and as nothing else; the town is a capital and small letters only, no listed name's
    /// word, no word the casing lexicon knows (`isKnownWord`). The pair follows a preposition
    /// (``placePrepositions``: "Cardiff and Newbridge did not play" are clubs) or "the"; a town after
    /// "and" must end the clause, before punctuation, a preposition, a place's word or the sentence's
    /// end ("talks in Moscow and Zorbanescu said" joins two clauses), and after "the" a place's word
    /// must follow it ("the Woensdrecht and Hoogeveen sites"); a town before "and" may be followed by
    /// anything ("between the Danevirke and Husum had frozen"). The weights had missed such unknown towns.
    static func placesJoinedToPlaces(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isKnownWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        let and = andWord
        let notPlaces = organizationBits | knownPersonBits | demonymBits | personNameBits
        func isUnknownTown(_ k: Int) -> Bool {
            let info = infos[k]
            return k > 0 && info.flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasHyphen | F.flagApostrophe) == F.flagInitialUpper | F.flagHasLower
                && info.gazetteer == 0 && info.forcedTag == 0 && info.cues == 0 && !isKnownWord(info.word)
        }
        // (Whether a place ends at `k` (`last`) or starts there: forced, or listed and nothing else.)
        func isPlaceEdge(_ k: Int, last: Bool) -> Bool {
            let info = infos[k]
            if info.forcedTag != 0 {
                let tag = BILOUTag(uncheckedRawValue: info.forcedTag)
                return tag.label == .loc && (tag.position == .unit || tag.position == (last ? .last : .begin))
            }
            func isEdge(_ position: UInt64) -> Bool { position == 4 || position == (last ? 3 : 1) }
            return info.gazetteer & notPlaces == 0 && (isEdge(F.listPosition(info, .location)) || isEdge(F.listPosition(info, .place)))
        }
        // (A pair with the town after "and" follows a preposition, or "the" when a place's word follows
        // the pair, "at the Woensdrecht and Hoogeveen sites"; and it ends the clause.)
        let prepositions = placePrepositions
        let (descriptors, plurals, the) = (placeDescriptors, pluralPlaceWords, theWord)
        func isPlacesWord(_ k: Int) -> Bool { descriptors.contains(infos[k].word) || plurals.contains(infos[k].word) }
        func followsPreposition(_ k: Int, before end: Int) -> Bool {
            k > 0 && (prepositions.contains(infos[k - 1].word) || infos[k - 1].word == the && end < n && isPlacesWord(end))
        }
        func endsClause(_ k: Int) -> Bool {
            k == n || infos[k].flags & F.flagNoAlphanumeric != 0 || prepositions.contains(infos[k].word) || isPlacesWord(k)
        }
        var places: [Range<Int>] = []
        for k in infos.indices.dropFirst().dropLast() where infos[k].word == and {
            if isPlaceEdge(k - 1, last: true), isUnknownTown(k + 1), endsClause(k + 2) {
                var start = k - 1
                while start > 0, infos[start - 1].isCapitalised { start -= 1 }
                if followsPreposition(start, before: k + 2) { places.append(k + 1 ..< k + 2) }
            } else if isPlaceEdge(k + 1, last: false), isUnknownTown(k - 1),
                      k >= 2 && (prepositions.contains(infos[k - 2].word) || infos[k - 2].word == the) {
                // (The town opens the pair, inside a preposition's phrase: "the wetlands between the
                // Danevirke and Husum had frozen"; what follows the known place is no matter.)
                places.append(k - 1 ..< k)
            }
        }
        return places
    }

    /// The prepositions before two places joined by "and" (``placesJoinedToPlaces(_:isKnownWord:)``).
    private static let placePrepositions = words([
        "in", "at", "near", "around", "between", "from", "to", "of", "towards", "outside", "on", "for", "with",
    ])
    /// Places' words in the plural after two joined places ("the Woensdrecht and Hoogeveen sites"),
    /// besides ``placeDescriptors``.
    private static let pluralPlaceWords = words([
        "sites", "plants", "areas", "villages", "towns", "regions", "provinces", "mines", "islands", "cities",
    ])

    /// Places named right before what they are, in small letters: "stranded at Hellinikon airport",
    /// "the Erez crossing", "the Salang tunnel", "the Mugunga camp", "the Riverside stadium", "the Donbass region", "the
    /// Chirag field", "the Carondelet palace", "the Chuquicamata and El Teniente mines", "the Jaffna
    /// peninsula", not an adjective in "-an" before it, "the Iberian peninsula" (``placeDescriptors``;
    /// CoNLL's place is the name alone), and one word joined to
    /// it by "and" ("the Liaquatabad and Nazimabad districts", no listed name's word). A capitalised run of one to three words, each a capital and small
    /// letters, after a word that is not capitalised; not one with a nationality's, a people's ("the
    /// Nordic region") or an organisation's listed word, a title, a day or month ("on Tuesday prison officials said"), a
    /// forced name, a person's name (``isPersonsName(_:_:)``: "the Kerry camp", "the Vicente Calderon
    /// stadium", "the Jordan river" are the model's), nor a sentence's first word that the casing
    /// lexicon has in small letters (`isCommonWord`: "Left camp in July"). The weights had read such
    /// unknown names as organisations ("Hellinikon") or persons.
    static func placesBeforeDescriptors(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let plain = F.flagInitialUpper | F.flagHasLower
        var places: [Range<Int>] = []
        let (descriptors, peninsula, adjective) = (placeDescriptors, peninsulaWord, adjectiveSuffix)
        /// A word of the place's name: a capital and small letters, not forced, no organisation's,
        /// nationality's or people's word, no title.
        func isPlacesWord(_ k: Int) -> Bool {
            infos[k].flags & (F.flagsOfLetters | F.flagHasDigit) == plain && infos[k].forcedTag == 0
                && infos[k].gazetteer & (organizationBits | demonymBits) == 0 && infos[k].cues & cueTitle == 0
                && !isNationalityWord(infos[k])
        }
        for d in infos.indices.dropFirst() where infos[d - 1].isCapitalised && infos[d].flags & F.flagsOfLetters == F.flagHasLower {
            guard descriptors.contains(infos[d].word) else { continue }
            // (Not a person's name: "the Kerry camp", "the Dole camp", "Kennedy airport" is the model's.)
            guard let name = nameBefore(d, infos), !isPersonsName(name, infos),
                  name.lowerBound > 0 || !isCommonWord(infos[0].word),
                  !calendarWords.contains(infos[name.lowerBound].word),
                  name.allSatisfy(isPlacesWord),
                  // (Not an adjective in "-an" before "peninsula": "the Iberian peninsula".)
                  infos[d].word != peninsula || name.count > 1 || infos[name.lowerBound].suffixes[1] != adjective
            else { continue }
            places.append(name)
            // (And one word joined to it by "and", no listed person's name nor a day or a month: "the
            // Liaquatabad and Nazimabad districts".)
            let first = name.lowerBound
            if first >= 3, infos[first - 1].word == andWord, !infos[first - 3].isCapitalised, isPlacesWord(first - 2),
               infos[first - 2].gazetteer & (personNameBits | knownPersonBits) == 0, !calendarWords.contains(infos[first - 2].word) {
                places.append(first - 2 ..< first - 1)
            }
        }
        return places
    }

    /// The words in small letters ``placesBeforeDescriptors(_:isCommonWord:)`` reads a place before.
    private static let placeDescriptors = words([
        "airport", "airbase", "stadium", "camp", "camps", "prison", "jail", "crossing", "river", "valley",
        "region", "district", "districts", "province", "field", "fields", "mine", "refinery", "island", "barracks",
        "tunnel", "dam", "bridge", "canal", "harbour", "palace", "mines", "peninsula",
    ])
    /// ``NERTokenInfo/word`` of "peninsula", and the two-byte suffix of an adjective before it
    /// (``placesBeforeDescriptors(_:isCommonWord:)``: "the Iberian peninsula").
    private static let peninsulaWord = NERFeatureExtractor.wordHash("peninsula")
    private static let adjectiveSuffix = NERFeatureExtractor(hashBits: 8).info(for: "an").suffixes[1]
    private static let airWord = NERFeatureExtractor.wordHash("Air")

    /// The capitalised run of one to three words right before token `d`, without an article that
    /// opens the sentence ("The", "A", "An"), or `nil` when the run is longer or empty.
    private static func nameBefore(_ d: Int, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Range<Int>? {
        var start = d
        while start > 0, d - start < 4, infos[start - 1].isCapitalised { start -= 1 }
        guard start == 0 || !infos[start - 1].isCapitalised else { return nil }
        if start < d, articleWords.contains(infos[start].word),
           start == 0 || infos[start - 1].flags & NERFeatureExtractor.flagNoAlphanumeric != 0
        {
            start += 1
        }
        return (1 ... 3).contains(d - start) ? start ..< d : nil
    }

    /// Whether `name` reads as a person's: two or more words that start with a listed given name
    /// ("the Abby Freeman fund"), or one word the lists have as a given name or surname or the
    /// knowledge base as a person's, whatever else it is ("the Kerry camp", "the Clinton camp").
    private static func isPersonsName(_ name: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        let first = infos[name.lowerBound]
        return name.count > 1 ? NERFeatureExtractor.listPosition(first, .givenName) == 4
            : first.gazetteer & (personNameBits | knownPersonBits) != 0
    }

    /// The capitalised run from `start`, joined by ``nameConnectors`` between capitalised words,
    /// of one to `maxLength` words, or `nil` when `start` is no capitalised word or the run is longer.
    private static func namedRun(
        from start: Int, _ infos: UnsafeBufferPointer<NERTokenInfo>, maxLength: Int
    ) -> Range<Int>? {
        let n = infos.count
        guard start < n, infos[start].isCapitalised else { return nil }
        var end = start + 1
        while end < n {
            if infos[end].isCapitalised { end += 1; continue }
            if end + 1 < n, infos[end + 1].isCapitalised, nameConnectors.contains(infos[end].word) { end += 2; continue }
            break
        }
        return end - start <= maxLength ? start ..< end : nil
    }

    /// Whether `name` reads as an organisation's own name: no forced name in it, no title, day, month
    /// or "I" first, not one word of one letter or one the casing lexicon has in small letters
    /// (unless the name lists have it as an organisation), and not only places' or nationalities' words.
    private static func isPlainName(
        _ name: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> Bool {
        typealias F = NERFeatureExtractor
        let first = infos[name.lowerBound]
        guard !name.contains(where: { infos[$0].forcedTag != 0 }), first.cues & cueTitle == 0,
              !calendarWords.contains(first.word), first.word != pronounIWord,
              !name.allSatisfy({ isOnlyAPlacesWord(infos[$0]) || F.listPosition(infos[$0], .demonym) != 0 })
        else { return false }
        if name.count == 1 {
            return first.length >= 2 && (!isCommonWord(first.word) || F.listPosition(first, .organization) == 4)
        }
        return true
    }

    /// Roles in small letters of people quoted with the firm or body they work at ("an analyst at …").
    static let workplaceRoleWords = words([
        "analyst", "analysts", "economist", "economists", "strategist", "strategists", "dealer", "dealers",
        "trader", "traders", "broker", "brokers", "manager", "managers", "director", "directors", "executive",
        "executives", "spokesman", "spokeswoman", "spokesperson", "researcher", "researchers", "professor",
        "lecturer", "consultant", "consultants", "banker", "bankers", "chairman", "president", "head",
        "official", "officials", "scientist", "scientists", "expert", "experts", "specialist", "partner",
    ])
    /// The connectors ``namedRun(from:_:maxLength:)`` joins: a name's, not "and", "'s", "on" or a dash.
    private static let nameConnectors = words(["of", "&", "for"]).union(nameParticleConnectors)
    /// Function words that open sentences besides ``openingQualifiers``: possessives and sentence adverbs.
    private static let openingFunctionWords = words([
        "its", "their", "his", "her", "our", "my", "your", "meanwhile", "however", "also", "yesterday", "today",
        "elsewhere", "overall", "here", "there", "then", "so",
    ])
    private static let sharesWord = NERFeatureExtractor.wordHash("shares")
    private static let shareOfWords = words(["in", "of"])
}

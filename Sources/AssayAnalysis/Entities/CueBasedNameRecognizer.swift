/// The rule-based fallback recogniser: capitalised word sequences typed by the cues around them.
///
/// - "President X", "Commerce Minister X", "Mr. X" → PERSON (title cues from `cues.tsv`);
/// - "X, a fellow at the Y" → X is a PERSON (role cues); "said X Y" / "X Y said" → PERSON;
/// - a sequence with an organisation head word or a legal suffix ("Ministry of Z", "Acme Mining",
///   "Foo Ltd") → ORGANIZATION.
/// Anything else is left alone: a single capitalised word at the start of a sentence
/// ("However", "In") is never a name by itself.
public struct CueBasedNameRecognizer: NameRecognizer {
    let knowledgeBase: KnowledgeBase

    /// Lower-case words allowed inside a name ("Council on Foreign Relations", "Bank of China").
    static let connectors: KeySet = ["of", "on", "for", "and", "the", "de", "da", "del", "van", "von", "al", "bin", "&"]
    /// Last words of a company's name: "and" after one starts another name ("Huawei Technologies
    /// and Semiconductor Manufacturing International"), where after "Ministry of Industry" it continues it.
    static let companyEndings: KeySet = [
        "technologies", "technology", "holdings", "holding", "group", "corp", "corporation", "company", "co", "inc",
        "ltd", "plc", "resources", "mining", "materials", "industries", "partners", "metals", "minerals", "electronics",
    ]
    /// Words before a name that make it a place or an institution rather than a person.
    static let placePrepositions: KeySet = ["at", "from", "in"]
    static let speechVerbs: KeySet = ["said", "says", "told", "added", "noted", "wrote", "warned", "argued"]
    /// Two particles inside a name ("Hans van den Broek", "Maria de los Angeles"): the first and the
    /// second, the tagger's lists (``NERGazetteer/firstParticleWords``).
    static let firstParticles = KeySet(NERGazetteer.firstParticleWords)
    static let secondParticles = KeySet(NERGazetteer.secondParticleWords)
    /// Last words of the names of laws, treaties and plans, which are no organisations even with a
    /// head word inside ("Critical Raw Materials Act", "Foreign Exchange and Foreign Trade Act",
    /// "Export Control Law").
    static let lawWords: KeySet = [
        "act", "acts", "law", "laws", "treaty", "accord", "accords", "agreement", "convention", "directive",
        "regulation", "regulations", "protocol", "bill", "amendment", "doctrine", "declaration", "plan",
    ]
    /// The Arabic article before a surname, in small letters ("al-Assad", "el-Din").
    static let articles: KeySet = ["al", "el"]
    /// Capitalised words that never continue a name: "the London Metal Exchange on Friday".
    static let calendarWords = KeySet(NERGazetteer.dayAndMonthNames)

    /// Creates the recogniser over a knowledge base's cue lists.
    public init(knowledgeBase: KnowledgeBase) {
        self.knowledgeBase = knowledgeBase
    }

    public func names(in tokens: [Token], sentence: Range<Int>, covered: [Bool]) -> [RecognizedName] {
        var names: [RecognizedName] = []
        let titleCase = ArticleEntityResolver.isTitleCase(tokens, sentence)
        var index = sentence.lowerBound
        while index < sentence.upperBound {
            guard Self.isNameWord(tokens[index]), !covered[index] else {
                index += 1
                continue
            }
            let end = Self.runEnd(tokens, from: index, sentence: sentence, covered: covered)
            if let name = self.classify(tokens, run: index..<end, sentence: sentence, titleCase: titleCase) {
                names.append(name)
            }
            index = end
        }
        return names
    }

    /// The end of the run of capitalised name words that starts at `start`, joined by hyphens
    /// ("Jean-Pierre"), connectors ("Bank of China"), two particles ("Hans van den Broek") and the
    /// Arabic article ("Hafez al-Assad"), stopping at covered tokens.
    static func runEnd(_ tokens: [Token], from start: Int, sentence: Range<Int>, covered: [Bool]) -> Int {
        var end = start + 1
        while end < sentence.upperBound, !covered[end] {
            if Self.isNameWord(tokens[end]) {
                end += 1
            } else if tokens[end].key == "-", !tokens[end].spaceBefore, end + 1 < sentence.upperBound,
                !tokens[end + 1].spaceBefore, tokens[end + 1].kind == .word, !covered[end + 1]
            {
                end += 2  // "Jean-Pierre", "Ching-te"
            } else if Self.articles.contains(tokens[end]), end + 2 < sentence.upperBound, tokens[end + 1].key == "-",
                !tokens[end + 1].spaceBefore, !tokens[end + 2].spaceBefore, Self.isNameWord(tokens[end + 2]),
                !covered[end + 1], !covered[end + 2]
            {
                end += 3  // "Hafez al-Assad"
            } else if Self.firstParticles.contains(tokens[end]), end + 2 < sentence.upperBound,
                Self.secondParticles.contains(tokens[end + 1]), Self.isNameWord(tokens[end + 2]), !covered[end + 2]
            {
                end += 3  // "Hans van den Broek"
            } else if Self.connectors.contains(tokens[end]), end + 1 < sentence.upperBound,
                Self.isNameWord(tokens[end + 1]), !covered[end + 1],
                tokens[end].key != "and" || (end > start + 1 && !Self.companyEndings.contains(tokens[end - 1])),
                !Self.calendarWords.contains(tokens[end + 1])
            {
                end += 2
            } else {
                break
            }
        }
        return end
    }

    /// When the place named by `place` begins a longer organisation name ("Shanghai Metals
    /// Market", "China Development Bank"), the end of that name: the capitalised words after the
    /// place contain an organisation head word or end with a legal suffix.
    func organizationName(startingWith place: Range<Int>, in tokens: [Token], sentence: Range<Int>, covered: [Bool]) -> Int? {
        guard place.upperBound < sentence.upperBound, Self.isNameWord(tokens[place.upperBound]) else { return nil }
        let end = Self.runEnd(tokens, from: place.upperBound, sentence: sentence, covered: covered)
        let rest = place.upperBound..<end
        if Self.lawWords.contains(tokens[end - 1]) { return nil }
        if self.endsWithLegalSuffix(tokens, rest) { return end }
        return self.lastCueEnd(.organizationHead, in: tokens, range: rest) == nil ? nil : end
    }

    /// Types one run of capitalised words, or nil. In a title-case sentence (a headline) capitals
    /// say nothing, so only title cues and legal suffixes count there.
    private func classify(_ tokens: [Token], run: Range<Int>, sentence: Range<Int>, titleCase: Bool) -> RecognizedName? {
        var run = run
        // A title inside the run ("Commerce Minister Wang Wentao") or right before it ("President X").
        if let titleEnd = self.lastCueEnd(.titleBefore, in: tokens, range: run), titleEnd < run.upperBound {
            return RecognizedName(tokens: titleEnd..<run.upperBound, type: .person, confidence: 0.75, source: .rule)
        }
        if self.cueEnds(.titleBefore, in: tokens, at: run.lowerBound, lowerBound: sentence.lowerBound)
            || (run.lowerBound > sentence.lowerBound && tokens[run.lowerBound - 1].key == ","
                && self.cueEnds(.titleBefore, in: tokens, at: run.lowerBound - 1, lowerBound: sentence.lowerBound)
                && run.count >= 2)
        {
            // "President X", and the appositive "the mines minister, Jean-Pierre Kalenga,".
            return RecognizedName(tokens: run, type: .person, confidence: 0.75, source: .rule)
        }
        // Sentence-initial capitals say nothing: drop a leading function word ("The", "However").
        if run.lowerBound == sentence.lowerBound || Self.opensQuote(tokens, before: run.lowerBound, sentence: sentence) {
            if TextSegmentation.sentenceStarters.contains(tokens[run.lowerBound]) {
                run = (run.lowerBound + 1)..<run.upperBound
            }
            // "Shares of Acme Mining Company fell": a capitalised common word joined by "of" is not
            // the name's start, unless it is an organisation's head word ("Ministry of Commerce").
            if run.count >= 3, tokens[run.lowerBound + 1].key == "of",
                !self.knowledgeBase.organizationHeadWords.contains(tokens[run.lowerBound])
            {
                run = (run.lowerBound + 2)..<run.upperBound
            }
            guard run.count >= 2 || self.hasOrganizationHead(tokens, run) else { return nil }
        }
        if titleCase {
            guard run.count >= 2, self.endsWithLegalSuffix(tokens, run) else { return nil }
            return RecognizedName(tokens: run, type: .organization, confidence: 0.7, source: .rule)
        }
        if self.hasOrganizationHead(tokens, run) {
            return RecognizedName(tokens: run, type: .organization, confidence: 0.7, source: .rule)
        }
        if self.startsCue(.roleAfter, in: tokens, at: run.upperBound, upperBound: sentence.upperBound), run.count <= 4 {
            return RecognizedName(tokens: run, type: .person, confidence: 0.7, source: .rule)
        }
        let saidBefore = run.lowerBound > sentence.lowerBound && Self.speechVerbs.contains(tokens[run.lowerBound - 1])
        let saidAfter = run.upperBound < sentence.upperBound && Self.speechVerbs.contains(tokens[run.upperBound])
        // "analysts at Goldman Sachs said": after "at" or "from" a speaker is an organisation, and untyped.
        let afterPreposition = run.lowerBound > sentence.lowerBound && Self.placePrepositions.contains(tokens[run.lowerBound - 1])
        if (saidBefore || saidAfter), !afterPreposition, (2...4).contains(run.count), run.allSatisfy({ tokens[$0].isCapitalized }),
            !Self.lawWords.contains(tokens[run.upperBound - 1])
        {
            return RecognizedName(tokens: run, type: .person, confidence: 0.6, source: .rule)
        }
        return nil
    }

    /// Whether the run names an organisation: a legal suffix or a head word ("Ministry of",
    /// "Mining") with at least one other word, so a bare "Energy" or "Group" is not a name, and no
    /// law's last word (``lawWords``).
    private func hasOrganizationHead(_ tokens: [Token], _ run: Range<Int>) -> Bool {
        guard run.count >= 2, !Self.lawWords.contains(tokens[run.upperBound - 1]) else { return false }
        if self.endsWithLegalSuffix(tokens, run) { return true }
        let headWords = self.knowledgeBase.organizationHeadWords
        guard run.contains(where: { !headWords.contains(tokens[$0]) && !Self.connectors.contains(tokens[$0]) }) else {
            return false
        }
        return self.lastCueEnd(.organizationHead, in: tokens, range: run) != nil
    }

    /// Whether the run's last word is a legal suffix ("Ltd", "Inc."). In capitals, a suffix that is
    /// also a common word is the word: "A.S." (the Czech and Turkish form) has the key "as", and "…
    /// EXPORT LICENSING AS US WEIGHS …" or "OIL UP AS 3 RIGS SHUT" names no company.
    private func endsWithLegalSuffix(_ tokens: [Token], _ run: Range<Int>) -> Bool {
        let last = tokens[run.upperBound - 1]
        return self.knowledgeBase.legalSuffixes.contains(last)
            && !(last.isAllCaps && TextSegmentation.sentenceStarters.contains(last))
    }

    /// Whether the cue's keys match the tokens starting at `start` (within `upperBound`).
    private static func matches(_ cue: NameCue, _ tokens: [Token], at start: Int, upperBound: Int) -> Bool {
        guard start >= 0, start + cue.keys.count <= upperBound else { return false }
        for offset in cue.keys.indices where tokens[start + offset].key != cue.keys[offset] {
            return false
        }
        return true
    }

    /// The end of the last cue of `kind` found inside `range`.
    private func lastCueEnd(_ kind: NameCue.Kind, in tokens: [Token], range: Range<Int>) -> Int? {
        let table = self.knowledgeBase.cues(kind)
        var found: Int?
        for start in range {
            for cue in table.cues(startingWith: tokens[start]) where Self.matches(cue, tokens, at: start, upperBound: range.upperBound) {
                found = max(found ?? 0, start + cue.keys.count)
            }
        }
        return found
    }

    /// Whether a title ("President", "Minister", "Mr") ends right before `position`.
    func titleEnds(at position: Int, in tokens: [Token], lowerBound: Int) -> Bool {
        self.cueEnds(.titleBefore, in: tokens, at: position, lowerBound: lowerBound)
    }

    /// Whether a cue of `kind` ends exactly at `position`.
    private func cueEnds(_ kind: NameCue.Kind, in tokens: [Token], at position: Int, lowerBound: Int) -> Bool {
        let table = self.knowledgeBase.cues(kind)
        for start in stride(from: position - 1, through: max(lowerBound, position - 6), by: -1) {
            for cue in table.cues(startingWith: tokens[start])
            where start + cue.keys.count == position && Self.matches(cue, tokens, at: start, upperBound: position) {
                return true
            }
        }
        return false
    }

    /// Whether a cue of `kind` starts exactly at `position`.
    private func startsCue(_ kind: NameCue.Kind, in tokens: [Token], at position: Int, upperBound: Int) -> Bool {
        guard position < upperBound else { return false }
        return self.knowledgeBase.cues(kind).cues(startingWith: tokens[position]).contains { Self.matches($0, tokens, at: position, upperBound: upperBound) }
    }

    /// Whether a token can be part of a capitalised name (a capitalised word, not the possessive "'s").
    static func isNameWord(_ token: Token) -> Bool {
        token.kind == .word && token.isCapitalized && token.key != "'s"
    }

    private static func opensQuote(_ tokens: [Token], before index: Int, sentence: Range<Int>) -> Bool {
        index > sentence.lowerBound && tokens[index - 1].kind == .punctuation
            && (tokens[index - 1].key == "\"" || tokens[index - 1].key == "'" || tokens[index - 1].key == "(")
    }
}

import Foundation

/// One mention the resolver added, with the entity it belongs to.
struct ResolvedMention {
    var entityID: String
    /// The entity's position in ``ArticleEntityResolver/entities``.
    var position: Int
    var type: EntityType
    var mention: EntityMention
}

/// Links an article's matches and recognised names to one entity per real-world thing.
///
/// One resolver per article, fed sentence by sentence in order. It decides ambiguous aliases by
/// context ("Washington" the government, the city or the state), links shortened names to the
/// person named in full earlier ("Liu" → "Zongyuan Zoe Liu"), learns acronyms defined in the
/// text ("Council on Foreign Relations (CFR)"), and never merges when in doubt (a surname shared
/// by two people in the article links to neither).
struct ArticleEntityResolver {
    let knowledgeBase: KnowledgeBase
    /// This article's own copies of the engine's recognisers (they may remember the article so far).
    var recognizers: [any NameRecognizer]
    /// The cue rules' view of organisation names, for places that begin one.
    let organizationRecognizer: CueBasedNameRecognizer

    /// Entities in order of first mention, and each one's position there by id.
    private(set) var entities: [ArticleEntity] = []
    private var positionByID: [String: Int] = [:]
    /// Positions of knowledge-base entities by their index in the knowledge base (plus one).
    private var positionByKnowledgeIndex = IntegerTable()
    /// Each entity's raw salience score (see ``Salience``), kept up to date as mentions arrive,
    /// by position; and the largest of them.
    private(set) var rawSalience: [Double] = []
    private(set) var maximumRawSalience: Double = 0
    /// How many of each entity's mentions have been reported, by position.
    private var reportedMentionCounts: [Int] = []
    /// Positions of entities with mentions not yet reported (few per paragraph).
    private var touched: [Int] = []
    /// Ids of names found by recognisers, by type and surface text (slugging is not free).
    private var derivedIDs: [String: String] = [:]
    /// Single-token keys (by ``Token/keyHash``) that stand for a person named in full (surname,
    /// given name): the person's position, or −1 when two people share the key.
    private var partialNames = IntegerTable()
    /// Positions (plus one) of the people whose partial names are registered.
    private var peopleWithPartialNames = IntegerTable()
    /// Initials of the organisations and places found so far (by key hash): the entity's position,
    /// or −1 when two share them.
    private var initials = IntegerTable()
    /// How many entities (from the first) have their initials in ``initials``.
    private var entitiesWithInitials = 0
    /// Acronyms defined in this article (by key hash): the position of the entity they stand for.
    private var localAcronyms = IntegerTable()
    /// Per token of the current paragraph: matched by the knowledge base or a coreference rule
    /// (`covered`), or by any recogniser (`claimed`). Reused from sentence to sentence; only the
    /// current sentence's range is meaningful.
    private var covered: [Bool] = []
    private var claimed: [Bool] = []

    /// Prepositions after which a capital city or state name means the place, not its government.
    static let locativeWords: KeySet = [
        "in", "at", "near", "outside", "across", "around", "visit", "visited", "visiting", "via", "downtown",
        "central",
    ]

    /// Words that, before "to", make the next place a destination: "flew to Beijing".
    static let motionWords: KeySet = [
        "flew", "fly", "flying", "travel", "travelled", "traveled", "travelling", "traveling", "trip", "trips",
        "went", "go", "going", "moved", "move", "returned", "return", "arrived", "journey", "visit", "visits",
        "route", "routes", "shipped", "exported", "flights", "back",
    ]

    init(knowledgeBase: KnowledgeBase, recognizers: [any NameRecognizer]) {
        self.knowledgeBase = knowledgeBase
        self.recognizers = recognizers
        self.organizationRecognizer = CueBasedNameRecognizer(knowledgeBase: knowledgeBase)
    }

    /// The end of a listed organisation's name, longer than `place`, that starts with it ("British
    /// Airways", "American Airlines", "Swiss Re"), as a recogniser would name it.
    private func listedOrganizationName(startingWith place: Range<Int>, in tokens: [Token], sentence: Range<Int>) -> Int? {
        // (A word must follow the place: "France 2, Italy 1" is a score, not the channel.)
        guard place.upperBound < sentence.upperBound, CueBasedNameRecognizer.isNameWord(tokens[place.upperBound]) else { return nil }
        for recognizer in self.recognizers {
            if let end = recognizer.organizationName(startingAt: place.lowerBound, in: tokens, sentence: sentence, covered: self.covered),
                end > place.upperBound
            {
                return end
            }
        }
        return nil
    }

    /// The entity with this id, if the article mentions it.
    func entity(withID id: String) -> ArticleEntity? {
        self.positionByID[id].map { self.entities[$0] }
    }

    /// Shows the recognisers one sentence of the body ahead of time (see ``NameRecognizer/preview(_:sentence:)``).
    mutating func preview(_ tokens: [Token], sentence: Range<Int>) {
        for index in self.recognizers.indices { self.recognizers[index].preview(tokens, sentence: sentence) }
    }

    /// Resolves every mention in one sentence and returns the mentions it added, in order.
    @discardableResult
    mutating func resolve(
        sentence: Sentence,
        tokens: [Token],
        paragraph: Paragraph,
        text: UnsafeBufferPointer<UInt8>,
        repeated: Bool
    ) -> [ResolvedMention] {
        let range = sentence.tokens
        if self.covered.count < tokens.count {
            self.covered += repeatElement(false, count: tokens.count - self.covered.count)
            self.claimed += repeatElement(false, count: tokens.count - self.claimed.count)
        }
        for index in range { self.covered[index] = false }
        var added: [ResolvedMention] = []
        /// Adds a mention of the entity at `position`; with `covers`, its tokens are the knowledge
        /// base's and no recogniser looks at them.
        func add(_ tokenRange: Range<Int>, position: Int, kind: MentionKind, confidence: Double, covers: Bool = true) {
            if covers {
                for index in tokenRange { self.covered[index] = true }
            }
            let span = TextSpan(field: paragraph.field, start: tokens[tokenRange.lowerBound].start, end: tokens[tokenRange.upperBound - 1].end)
            let mention = EntityMention(
                span: span,
                text: String(decoding: UnsafeBufferPointer(rebasing: text[span.start..<span.end]), as: UTF8.self),
                kind: kind,
                sentence: sentence.index,
                paragraph: paragraph.index,
                repeated: repeated,
                confidence: confidence
            )
            if self.touched.last != position && !self.touched.contains(position) {
                self.touched.append(position)
            }
            self.entities[position].mentions.append(mention)
            self.entities[position].confidence = max(self.entities[position].confidence, confidence)
            self.rawSalience[position] += Salience.rawScore(mention)
            self.maximumRawSalience = max(self.maximumRawSalience, self.rawSalience[position])
            added.append(
                ResolvedMention(entityID: self.entities[position].id, position: position, type: self.entities[position].type, mention: mention)
            )
            self.learnAcronym(after: tokenRange.upperBound, in: tokens, sentence: range, position: position)
        }

        // 1. The knowledge base.
        // The end of an organisation name that starts with a place ("Shanghai Metals Market"): the
        // recognisers name it whole, so the knowledge base's matches inside it are skipped.
        var organizationEnd = range.lowerBound
        let titleCase = Self.isTitleCase(tokens, range)
        let inCapitals = Self.isInCapitals(tokens, range)
        for match in self.knowledgeBase.dictionaryMatches(in: tokens, range: range, inCapitals: inCapitals)
        where match.tokens.lowerBound >= organizationEnd {
            guard let (entry, confidence) = self.choose(match, tokens: tokens, sentence: range, titleCase: titleCase) else { continue }
            let type = self.knowledgeBase.entities[entry.entity].type
            // (Not in a title-case headline, where every word is capitalised.)
            if type == .location, !titleCase,
                let end = self.organizationRecognizer.organizationName(
                    startingWith: match.tokens, in: tokens, sentence: range, covered: self.covered
                ) ?? self.listedOrganizationName(startingWith: match.tokens, in: tokens, sentence: range)
            {
                organizationEnd = end
                // A country named as such still has its mention ("China" in "China Development
                // Bank"), as in "US Treasury"; a city or region inside a company's name does not,
                // nor does a capital read as its government ("Beijing" in "Beijing Rare Metals").
                if self.knowledgeBase.entities[entry.entity].subtype == .country && entry.kind != .metonym {
                    add(
                        match.tokens, position: self.position(ofKnown: entry.entity), kind: entry.kind,
                        confidence: confidence, covers: false
                    )
                }
                continue
            }
            // "China's Ministry of Commerce" mentions China, then the ministry as "Ministry of Commerce";
            // "Chinese customs" and "US Treasury" mention the country inside the organisation's name.
            var mentionTokens = match.tokens
            if type == .organization, match.tokens.count >= 2,
                let owner = self.knowledgeBase.dictionaryMatches(
                    in: tokens, range: match.tokens.lowerBound..<(match.tokens.upperBound - 1), inCapitals: inCapitals
                ).first,
                owner.tokens.lowerBound == match.tokens.lowerBound,
                let (ownerEntry, ownerConfidence) = self.choose(owner, tokens: tokens, sentence: range, titleCase: titleCase),
                self.knowledgeBase.entities[ownerEntry.entity].subtype == .country
            {
                add(owner.tokens, position: self.position(ofKnown: ownerEntry.entity), kind: ownerEntry.kind, confidence: ownerConfidence)
                if tokens[owner.tokens.upperBound].key == "'s", owner.tokens.upperBound + 1 < match.tokens.upperBound {
                    mentionTokens = (owner.tokens.upperBound + 1)..<match.tokens.upperBound
                }
            }
            let position = self.position(ofKnown: entry.entity)
            add(mentionTokens, position: position, kind: entry.kind, confidence: confidence)
            if type == .person { self.registerPartialNames(ofPersonAt: position) }
        }

        // 2. Acronyms defined earlier in the article, and shortened names of people named in full.
        for index in range where !self.covered[index] && tokens[index].kind == .word && tokens[index].isCapitalized {
            if tokens[index].isAllCaps,
                let position = self.localAcronyms.value(for: tokens[index].keyHash).map(Int.init)
                    ?? self.entityWithInitials(tokens[index])
            {
                add(index..<(index + 1), position: position, kind: .abbreviation, confidence: 0.8)
            } else if let position = self.partialNames.value(for: tokens[index].keyHash), position >= 0,
                !Self.isInsideLongerName(index, tokens: tokens, sentence: range)
            {
                add(index..<(index + 1), position: Int(position), kind: .partialName, confidence: 0.8)
            }
        }

        // 3. Other recognisers (the tagger, the cue rules): what the knowledge base does not know.
        for index in range { self.claimed[index] = self.covered[index] }
        for index in self.recognizers.indices {
            for name in self.recognizers[index].names(in: tokens, sentence: range, covered: self.claimed)
            where !name.tokens.contains(where: { self.claimed[$0] }) {
                for index in name.tokens { self.claimed[index] = true }
                let surface = Self.surface(of: name.tokens, in: tokens)
                let cacheKey = "\(name.type.rawValue)|\(surface)"
                let id = self.derivedIDs[cacheKey] ?? "\(name.type.idPrefix):\(Self.slug(surface))"
                self.derivedIDs[cacheKey] = id
                let position = self.position(
                    of: id,
                    orMake: ArticleEntity(
                        id: id, name: surface, type: name.type, subtype: nil, wikidataID: nil, description: "",
                        source: name.source, mentions: [], salience: 0, confidence: name.confidence
                    )
                )
                add(name.tokens, position: position, kind: .name, confidence: name.confidence)
                if name.type == .person { self.registerPartialNames(ofPersonAt: position) }
            }
        }
        return added
    }

    /// Positions (in ``entities``) of entities with mentions not yet reported, in order of first
    /// mention, each with how many of its mentions were reported before; marks them reported.
    mutating func takeNewMentions() -> [(position: Int, reportedBefore: Int)] {
        let positions = self.touched.sorted()
        self.touched.removeAll(keepingCapacity: true)
        return positions.map { position in
            defer { self.reportedMentionCounts[position] = self.entities[position].mentions.count }
            return (position, self.reportedMentionCounts[position])
        }
    }

    /// The position of the knowledge base's entity at `index`, added on its first mention.
    private mutating func position(ofKnown index: Int) -> Int {
        let key = UInt64(index + 1)
        if let position = self.positionByKnowledgeIndex.value(for: key) { return Int(position) }
        let known = self.knowledgeBase.entities[index]
        let position = self.position(of: known.id, orMake: Self.entity(from: known))
        self.positionByKnowledgeIndex.set(Int32(position), for: key)
        return position
    }

    /// The position of the entity with this id; `make` is added when the article has not mentioned it yet.
    private mutating func position(of id: String, orMake make: @autoclosure () -> ArticleEntity) -> Int {
        if let position = self.positionByID[id] { return position }
        let position = self.entities.count
        self.positionByID[id] = position
        self.entities.append(make())
        self.rawSalience.append(0)
        self.reportedMentionCounts.append(0)
        return position
    }

    // MARK: - Choosing among candidates

    /// Picks the entity an alias refers to here, or nil when the context says it is not a mention;
    /// `titleCase`: whether the sentence is a title-case headline (``isTitleCase(_:_:)``, computed
    /// once per sentence by the caller).
    private func choose(
        _ match: DictionaryMatch, tokens: [Token], sentence: Range<Int>, titleCase: Bool
    ) -> (AliasEntry, Double)? {
        let before = match.tokens.lowerBound > sentence.lowerBound ? tokens[match.tokens.lowerBound - 1] : nil
        let after = match.tokens.upperBound < sentence.upperBound ? tokens[match.tokens.upperBound] : nil
        let isSentenceStart = match.tokens.lowerBound == sentence.lowerBound
            || (before.map { $0.kind == .punctuation } ?? true)
        let nextIsName = after.map(CueBasedNameRecognizer.isNameWord) ?? false
        let previousIsName = before.map { $0.kind == .word && $0.isCapitalized && !isSentenceStart } ?? false

        var candidates = match.candidates
        if nextIsName || previousIsName {
            // A lower-case alias written with capitals inside a longer name is part of that name:
            // "Copper" in "Kamoto Copper Company".
            func isLowercase(_ entry: AliasEntry) -> Bool { !(entry.capitalized.first ?? false) }
            if tokens[match.tokens.lowerBound].isCapitalized && candidates.contains(where: isLowercase) {
                candidates.removeAll(where: isLowercase)
            }
            // An ambiguous alias inside a longer capitalised sequence is part of another name
            // ("Jordan Peterson", "Georgia Power").
            // (Title-case headlines capitalise every word, so there only the alias's own evidence counts.)
            func isPartOfAnotherName(_ entry: AliasEntry) -> Bool {
                entry.ambiguous && (entry.kind == .name || entry.kind == .partialName || (entry.kind == .metonym && nextIsName))
            }
            if !titleCase && candidates.contains(where: isPartOfAnotherName) {
                candidates.removeAll(where: isPartOfAnotherName)
            }
        }
        // A person's surname after another capitalised word that is no title is someone else's:
        // "Hunter Biden", "Melania Trump", and with the Arabic article "Hafez al-Assad" (not
        // "President Biden" or "President al-Assad"; not in capitals, "TRUMP MEETS XI").
        let start = match.tokens.lowerBound
        let articleBefore = start >= sentence.lowerBound + 3 && tokens[start - 1].key == "-"
            && CueBasedNameRecognizer.articles.contains(tokens[start - 2]) && CueBasedNameRecognizer.isNameWord(tokens[start - 3])
            && !TextSegmentation.sentenceStarters.contains(tokens[start - 3])
        // ("But Biden said", "On Monday Biden said": no given names.)
        let givenNameBefore = previousIsName && !(before?.isAllCaps ?? false)
            && !(before.map { TextSegmentation.sentenceStarters.contains($0) || CueBasedNameRecognizer.calendarWords.contains($0) } ?? false)
        if !titleCase, givenNameBefore || articleBefore, candidates.contains(where: { $0.kind == .partialName }),
            !self.organizationRecognizer.titleEnds(at: articleBefore ? start - 2 : start, in: tokens, lowerBound: sentence.lowerBound)
        {
            candidates.removeAll { $0.kind == .partialName }
        }
        guard !candidates.isEmpty else { return nil }
        if candidates.count == 1 {
            return (candidates[0], candidates[0].ambiguous ? 0.7 : 0.95)
        }

        // "Washington state", "the state of Washington" → the region.
        let stateContext = after?.key == "state"
            || (match.tokens.lowerBound >= sentence.lowerBound + 2 && tokens[match.tokens.lowerBound - 1].key == "of"
                && tokens[match.tokens.lowerBound - 2].key == "state")
        // "in Beijing", "flew to Beijing" → the city; "matters to Beijing" → the government.
        let beforeBefore = match.tokens.lowerBound >= sentence.lowerBound + 2 ? tokens[match.tokens.lowerBound - 2] : nil
        // A dateline ("LONDON, Jan. 12 (Reuters) -", "JAKARTA —") names the city the story is filed from.
        let isDateline = match.tokens.lowerBound == 0 && match.tokens.allSatisfy { tokens[$0].isAllCaps }
            && after.map { $0.key == "," || $0.key == "-" || $0.key == "(" } ?? false
        let locative = before.map { Self.locativeWords.contains($0) } ?? false
            || (before?.key == "to" && beforeBefore.map { Self.motionWords.contains($0) } ?? false)
            || isDateline
        func subtype(_ entry: AliasEntry) -> EntitySubtype? { self.knowledgeBase.entities[entry.entity].subtype }

        func score(_ entry: AliasEntry) -> Int {
            var score = 0
            if stateContext { score += subtype(entry) == .region ? 100 : 0 }
            if locative { score += subtype(entry) == .city || subtype(entry) == .region ? 50 : 0 }
            if !locative && !stateContext { score += entry.kind == .metonym ? 40 : 0 }
            if self.positionByID[self.knowledgeBase.entities[entry.entity].id] != nil { score += 20 }
            if subtype(entry) == .country { score += 10 }
            if entry.kind == .name { score += 5 }
            return score
        }
        // Highest score, then the most prominent entity, then the lowest index: deterministic.
        let ranked = candidates.map { (entry: $0, score: score($0), prominence: self.knowledgeBase.prominence[$0.entity]) }
            .sorted { lhs, rhs in
                if lhs.score != rhs.score { return lhs.score > rhs.score }
                if lhs.prominence != rhs.prominence { return lhs.prominence > rhs.prominence }
                return lhs.entry.entity < rhs.entry.entity
            }
            .map(\.entry)
        return (ranked[0], 0.7)
    }

    // MARK: - Coreference

    /// The one organisation or place named earlier whose initials spell the token's key ("LME" →
    /// London Metal Exchange).
    private mutating func entityWithInitials(_ token: Token) -> Int? {
        guard token.key.utf8.count >= 2 else { return nil }
        // Names never change: each entity's initials are worked out once, when first needed.
        while self.entitiesWithInitials < self.entities.count {
            self.registerInitials(ofEntityAt: self.entitiesWithInitials)
            self.entitiesWithInitials += 1
        }
        guard let position = self.initials.value(for: token.keyHash), position >= 0 else { return nil }
        return Int(position)
    }

    /// Registers the initials of an organisation or place: its position, or −1 once two share them.
    private mutating func registerInitials(ofEntityAt position: Int) {
        let entity = self.entities[position]
        guard entity.type == .organization || entity.type == .location else { return }
        let initials = entity.name.split(whereSeparator: { $0 == " " || $0 == "-" })
            .filter { $0.first?.isUppercase ?? false }
            .compactMap { $0.first?.lowercased() }
            .joined()
        guard initials.count >= 2 else { return }
        let hash = KeyHash.of(initials)
        self.initials.set(self.initials.value(for: hash) == nil ? Int32(position) : -1, for: hash)
    }

    /// Registers the first and last names of the person at `position` (once per person).
    private mutating func registerPartialNames(ofPersonAt position: Int) {
        guard self.peopleWithPartialNames.value(for: UInt64(position + 1)) == nil else { return }
        self.peopleWithPartialNames.set(1, for: UInt64(position + 1))
        let parts = Tokenizer().tokenize(self.entities[position].name).filter { $0.kind == .word && $0.isCapitalized && $0.key.utf8.count > 1 }
        guard parts.count >= 2 else { return }
        for part in [parts.first!, parts.last!] {
            if let existing = self.partialNames.value(for: part.keyHash), existing != Int32(position) {
                self.partialNames.set(-1, for: part.keyHash)  // shared by two people: link to neither
            } else {
                self.partialNames.set(Int32(position), for: part.keyHash)
            }
        }
    }

    /// "Council on Foreign Relations (CFR)": remember "CFR" for the rest of the article.
    private mutating func learnAcronym(after end: Int, in tokens: [Token], sentence: Range<Int>, position: Int) {
        guard end + 2 < sentence.upperBound, tokens[end].key == "(", tokens[end + 2].key == ")",
            tokens[end + 1].isAllCaps, self.localAcronyms.value(for: tokens[end + 1].keyHash) == nil
        else { return }
        self.localAcronyms.set(Int32(position), for: tokens[end + 1].keyHash)
    }

    // MARK: - Helpers

    /// Whether a sentence is written in capitals (a headline, a dateline): two or more words in
    /// capitals, and no word with a small ASCII letter.
    static func isInCapitals(_ tokens: [Token], _ sentence: Range<Int>) -> Bool {
        var capitals = 0
        for token in tokens[sentence] where token.kind == .word {
            if token.isAllCaps { capitals += 1; continue }
            if token.surface.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) { return false }
        }
        return capitals >= 2
    }

    /// Whether nearly all longer words of the sentence (at least 4 words of 4+ letters, 85%) are
    /// capitalised, as in a title-case headline; a sentence with many names still has lower-case verbs.
    static func isTitleCase(_ tokens: [Token], _ sentence: Range<Int>) -> Bool {
        var words = 0
        var capitalized = 0
        for token in tokens[sentence] where token.kind == .word && token.key.utf8.count > 3 {
            words += 1
            if token.isCapitalized { capitalized += 1 }
        }
        return words >= 4 && capitalized * 20 >= words * 17
    }

    /// Whether a capitalised word at `index` has capitalised name words right before or after it.
    static func isInsideLongerName(_ index: Int, tokens: [Token], sentence: Range<Int>) -> Bool {
        func isNameWord(_ position: Int) -> Bool {
            let token = tokens[position]
            return CueBasedNameRecognizer.isNameWord(token)
                && !(token.endsWithPeriod && TextSegmentation.nonTerminalAbbreviations.contains(token))
        }
        let nextIsName = index + 1 < sentence.upperBound && isNameWord(index + 1)
        let previousIsName = index - 1 > sentence.lowerBound && isNameWord(index - 1)
            && tokens[index - 2].kind != .punctuation
        return nextIsName || previousIsName
    }

    static func entity(from known: KnowledgeEntity) -> ArticleEntity {
        ArticleEntity(
            id: known.id, name: known.name, type: known.type, subtype: known.subtype, wikidataID: known.wikidataID,
            description: known.description, source: .knowledgeBase, mentions: [], salience: 0, confidence: 0
        )
    }

    static func surface(of range: Range<Int>, in tokens: [Token]) -> String {
        var text = ""
        for index in range {
            if index > range.lowerBound && tokens[index].spaceBefore { text += " " }
            text += tokens[index].surface
        }
        return text
    }

    /// ASCII slug: lower case, runs of other characters → "-".
    static func slug(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiSlug(text) }
        let decomposed = text.decomposedStringWithCanonicalMapping
        var slug = ""
        var pendingHyphen = false
        for scalar in decomposed.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value)).properties.lowercaseMapping.unicodeScalars.first!)
                pendingHyphen = false
            } else if !scalar.properties.isDiacritic && scalar.properties.generalCategory != .nonspacingMark {
                pendingHyphen = true
            }
        }
        return slug
    }

    /// ``slug(_:)`` of ASCII text, byte by byte.
    private static func asciiSlug(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for byte in text.utf8 {
            let lower = byte | 0x20
            if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                if pendingHyphen && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                bytes.append(byte >= 0x30 && byte <= 0x39 ? byte : lower)
                pendingHyphen = false
            } else if byte != UInt8(ascii: "^") && byte != UInt8(ascii: "`") {  // ASCII diacritics join
                pendingHyphen = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

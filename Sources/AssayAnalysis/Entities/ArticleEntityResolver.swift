import Foundation

/// Links an article's matches and recognised names to one entity per real-world thing.
///
/// One resolver per article, fed sentence by sentence in order. It decides ambiguous aliases by
/// context ("Washington" the government, the city or the state), links shortened names to the
/// person named in full earlier ("Liu" → "Zongyuan Zoe Liu"), learns acronyms defined in the
/// text ("Council on Foreign Relations (CFR)"), and never merges when in doubt (a surname shared
/// by two people in the article links to neither).
struct ArticleEntityResolver {
    let knowledgeBase: KnowledgeBase
    let recognizers: [any NameRecognizer]

    /// Entities by id, and their ids in order of first mention.
    private(set) var entities: [String: ArticleEntity] = [:]
    private(set) var order: [String] = []
    /// Each entity's raw salience score (see ``Salience``), kept up to date as mentions arrive,
    /// and the largest of them.
    private(set) var rawSalience: [String: Double] = [:]
    private(set) var maximumRawSalience: Double = 0
    /// Each entity's position in ``order``.
    private var orderIndex: [String: Int] = [:]
    /// Positions in ``order`` of entities with mentions not yet reported (few per paragraph).
    private var touched: [Int] = []
    /// Ids of names found by recognisers, by surface text (slugging is not free).
    private var derivedIDs: [String: String] = [:]
    /// Mentions not yet reported, per entity id.
    private var reportedMentionCounts: [String: Int] = [:]
    /// Single-token keys that stand for a person named in full (surname, given name); nil when shared.
    private var partialNames: [String: String?] = [:]
    /// People whose partial names are registered.
    private var peopleWithPartialNames: Set<String> = []
    /// Acronyms defined in this article.
    private var localAcronyms: [String: String] = [:]

    /// Prepositions after which a capital city or state name means the place, not its government.
    static let locativeWords: Set<String> = [
        "in", "at", "near", "outside", "across", "around", "visit", "visited", "visiting", "via", "downtown",
        "central",
    ]

    /// Words that, before "to", make the next place a destination: "flew to Beijing".
    static let motionWords: Set<String> = [
        "flew", "fly", "flying", "travel", "travelled", "traveled", "travelling", "traveling", "trip", "trips",
        "went", "go", "going", "moved", "move", "returned", "return", "arrived", "journey", "visit", "visits",
        "route", "routes", "shipped", "exported", "flights", "back",
    ]

    init(knowledgeBase: KnowledgeBase, recognizers: [any NameRecognizer]) {
        self.knowledgeBase = knowledgeBase
        self.recognizers = recognizers
    }

    /// Resolves every mention in one sentence and returns the mentions it added, in order.
    @discardableResult
    mutating func resolve(
        sentence: Sentence,
        tokens: [Token],
        paragraph: Paragraph,
        text: UnsafeBufferPointer<UInt8>,
        repeated: Bool
    ) -> [(entityID: String, mention: EntityMention)] {
        let range = sentence.tokens
        var covered = [Bool](repeating: false, count: tokens.count)
        var added: [(entityID: String, mention: EntityMention)] = []
        /// Adds a mention; `make` builds the entity the first time (nil: the entity must exist already).
        func add(_ tokenRange: Range<Int>, entityID: String, make: (() -> ArticleEntity)?, kind: MentionKind, confidence: Double) {
            guard self.entities[entityID] != nil || make != nil else { return }
            for index in tokenRange { covered[index] = true }
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
            if self.entities[entityID] == nil, let make {
                self.entities[entityID] = make()
                self.orderIndex[entityID] = self.order.count
                self.order.append(entityID)
            }
            let position = self.orderIndex[entityID]!
            if self.touched.last != position && !self.touched.contains(position) {
                self.touched.append(position)
            }
            self.entities[entityID]!.mentions.append(mention)
            let raw = (self.rawSalience[entityID] ?? 0) + Salience.rawScore(mention)
            self.rawSalience[entityID] = raw
            self.maximumRawSalience = max(self.maximumRawSalience, raw)
            added.append((entityID, mention))
            self.entities[entityID]!.confidence = max(self.entities[entityID]!.confidence, confidence)
            self.learnAcronym(after: tokenRange.upperBound, in: tokens, sentence: range, entityID: entityID, covered: &covered)
        }

        // 1. The knowledge base.
        for match in self.knowledgeBase.dictionaryMatches(in: tokens, range: range) {
            guard let (entry, confidence) = self.choose(match, tokens: tokens, sentence: range) else { continue }
            let known = self.knowledgeBase.entities[entry.entity]
            // "China's Ministry of Commerce" mentions China, then the ministry as "Ministry of Commerce";
            // "Chinese customs" and "US Treasury" mention the country inside the organisation's name.
            var mentionTokens = match.tokens
            if known.type == .organization, match.tokens.count >= 2,
                let owner = self.knowledgeBase.dictionaryMatches(in: tokens, range: match.tokens.lowerBound..<(match.tokens.upperBound - 1)).first,
                owner.tokens.lowerBound == match.tokens.lowerBound,
                let (ownerEntry, ownerConfidence) = self.choose(owner, tokens: tokens, sentence: range),
                self.knowledgeBase.entities[ownerEntry.entity].subtype == .country
            {
                let ownerEntity = self.knowledgeBase.entities[ownerEntry.entity]
                add(owner.tokens, entityID: ownerEntity.id, make: { Self.entity(from: ownerEntity) }, kind: ownerEntry.kind, confidence: ownerConfidence)
                if tokens[owner.tokens.upperBound].key == "'s", owner.tokens.upperBound + 1 < match.tokens.upperBound {
                    mentionTokens = (owner.tokens.upperBound + 1)..<match.tokens.upperBound
                }
            }
            add(mentionTokens, entityID: known.id, make: { Self.entity(from: known) }, kind: entry.kind, confidence: confidence)
            if known.type == .person { self.registerPartialNames(of: known.name, id: known.id) }
        }

        // 2. Acronyms defined earlier in the article, and shortened names of people named in full.
        for index in range where !covered[index] && tokens[index].kind == .word && tokens[index].isCapitalized {
            if tokens[index].isAllCaps, let id = self.localAcronyms[tokens[index].key] ?? self.entityWithInitials(tokens[index].key) {
                add(index..<(index + 1), entityID: id, make: nil, kind: .abbreviation, confidence: 0.8)
            } else if let candidate = self.partialNames[tokens[index].key], let id = candidate,
                !Self.isInsideLongerName(index, tokens: tokens, sentence: range)
            {
                add(index..<(index + 1), entityID: id, make: nil, kind: .partialName, confidence: 0.8)
            }
        }

        // 3. Other recognisers (the tagger, the cue rules): what the knowledge base does not know.
        var claimed = covered
        for recognizer in self.recognizers {
            for name in recognizer.names(in: tokens, sentence: range, covered: claimed)
            where !name.tokens.contains(where: { claimed[$0] }) {
                for index in name.tokens { claimed[index] = true }
                let surface = Self.surface(of: name.tokens, in: tokens)
                let cacheKey = "\(name.type.rawValue)|\(surface)"
                let id = self.derivedIDs[cacheKey] ?? "\(name.type.idPrefix):\(Self.slug(surface))"
                self.derivedIDs[cacheKey] = id
                add(
                    name.tokens,
                    entityID: id,
                    make: {
                        ArticleEntity(
                            id: id, name: surface, type: name.type, subtype: nil, wikidataID: nil, description: "",
                            source: name.source, mentions: [], salience: 0, confidence: name.confidence
                        )
                    },
                    kind: .name,
                    confidence: name.confidence
                )
                if name.type == .person { self.registerPartialNames(of: surface, id: id) }
            }
        }
        return added
    }

    /// Entities with mentions not yet reported, in order of first mention, and marks them reported.
    mutating func takeNewMentions() -> [(entity: ArticleEntity, newMentions: [EntityMention], isNew: Bool)] {
        var result: [(ArticleEntity, [EntityMention], Bool)] = []
        result.reserveCapacity(self.touched.count)
        for position in self.touched.sorted() {
            let id = self.order[position]
            let entity = self.entities[id]!
            let reported = self.reportedMentionCounts[id] ?? 0
            result.append((entity, Array(entity.mentions[reported...]), reported == 0))
            self.reportedMentionCounts[id] = entity.mentions.count
        }
        self.touched.removeAll(keepingCapacity: true)
        return result
    }

    // MARK: - Choosing among candidates

    /// Picks the entity an alias refers to here, or nil when the context says it is not a mention.
    private func choose(_ match: DictionaryMatch, tokens: [Token], sentence: Range<Int>) -> (AliasEntry, Double)? {
        let before = match.tokens.lowerBound > sentence.lowerBound ? tokens[match.tokens.lowerBound - 1] : nil
        let after = match.tokens.upperBound < sentence.upperBound ? tokens[match.tokens.upperBound] : nil
        let isSentenceStart = match.tokens.lowerBound == sentence.lowerBound
            || (before.map { $0.kind == .punctuation } ?? true)
        let nextIsName = after.map { $0.kind == .word && $0.isCapitalized && $0.key != "'s" } ?? false
        let previousIsName = before.map { $0.kind == .word && $0.isCapitalized && !isSentenceStart } ?? false

        var candidates = match.candidates
        // A lower-case alias written with capitals inside a longer name is part of that name:
        // "Copper" in "Kamoto Copper Company".
        let textIsCapitalized = tokens[match.tokens.lowerBound].isCapitalized
        candidates.removeAll { entry in
            let aliasIsLowercase = !(entry.capitalized.first ?? false)
            return aliasIsLowercase && textIsCapitalized && (nextIsName || previousIsName)
        }
        // An ambiguous alias inside a longer capitalised sequence is part of another name
        // ("Jordan Peterson", "Georgia Power").
        // (Title-case headlines capitalise every word, so there only the alias's own evidence counts.)
        if (nextIsName || previousIsName) && !Self.isTitleCase(tokens, sentence) {
            candidates.removeAll { entry in
                entry.ambiguous && (entry.kind == .name || entry.kind == .partialName || (entry.kind == .metonym && nextIsName))
            }
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
        let locative = before.map { Self.locativeWords.contains($0.key) } ?? false
            || (before?.key == "to" && beforeBefore.map { Self.motionWords.contains($0.key) } ?? false)
        func subtype(_ entry: AliasEntry) -> EntitySubtype? { self.knowledgeBase.entities[entry.entity].subtype }

        func score(_ entry: AliasEntry) -> Int {
            var score = 0
            if stateContext { score += subtype(entry) == .region ? 100 : 0 }
            if locative { score += subtype(entry) == .city || subtype(entry) == .region ? 50 : 0 }
            if !locative && !stateContext { score += entry.kind == .metonym ? 40 : 0 }
            if self.entities[self.knowledgeBase.entities[entry.entity].id] != nil { score += 20 }
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

    /// The one organisation or place named earlier whose initials spell `key` ("lme" → London Metal Exchange).
    private func entityWithInitials(_ key: String) -> String? {
        guard key.utf8.count >= 2 else { return nil }
        let matching = self.order.filter { id in
            let entity = self.entities[id]!
            guard entity.type == .organization || entity.type == .location else { return false }
            let initials = entity.name.split(whereSeparator: { $0 == " " || $0 == "-" })
                .filter { $0.first?.isUppercase ?? false }
                .compactMap { $0.first?.lowercased() }
                .joined()
            return initials.count >= 2 && initials == key
        }
        return matching.count == 1 ? matching[0] : nil
    }

    private mutating func registerPartialNames(of name: String, id: String) {
        guard self.peopleWithPartialNames.insert(id).inserted else { return }
        let parts = Tokenizer().tokenize(name).filter { $0.kind == .word && $0.isCapitalized && $0.key.utf8.count > 1 }
        guard parts.count >= 2 else { return }
        for part in [parts.first!, parts.last!] {
            if let existing = self.partialNames[part.key], existing != id {
                self.partialNames[part.key] = .some(nil)  // shared by two people: link to neither
            } else {
                self.partialNames[part.key] = id
            }
        }
    }

    /// "Council on Foreign Relations (CFR)": remember "CFR" for the rest of the article.
    private mutating func learnAcronym(
        after end: Int,
        in tokens: [Token],
        sentence: Range<Int>,
        entityID: String,
        covered: inout [Bool]
    ) {
        guard end + 2 < sentence.upperBound, tokens[end].key == "(", tokens[end + 2].key == ")",
            tokens[end + 1].isAllCaps, self.localAcronyms[tokens[end + 1].key] == nil
        else { return }
        self.localAcronyms[tokens[end + 1].key] = entityID
    }

    // MARK: - Helpers

    /// Whether most words of the sentence are capitalised, as in a title-case headline.
    static func isTitleCase(_ tokens: [Token], _ sentence: Range<Int>) -> Bool {
        var words = 0
        var capitalized = 0
        for token in tokens[sentence] where token.kind == .word && token.key.utf8.count > 3 {
            words += 1
            if token.isCapitalized { capitalized += 1 }
        }
        return words >= 3 && capitalized * 4 >= words * 3
    }

    /// Whether a capitalised word at `index` has capitalised name words right before or after it.
    static func isInsideLongerName(_ index: Int, tokens: [Token], sentence: Range<Int>) -> Bool {
        func isNameWord(_ position: Int) -> Bool {
            let token = tokens[position]
            return token.kind == .word && token.isCapitalized && token.key != "'s"
                && !(token.endsWithPeriod && TextSegmentation.nonTerminalAbbreviations.contains(token.key))
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
        let decomposed = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.decomposedStringWithCanonicalMapping
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
}

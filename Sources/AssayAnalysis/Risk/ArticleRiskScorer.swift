import Foundation

/// The risk scoring of one article, fed one paragraph at a time (after its entities are resolved).
///
/// Deterministic and explainable: every value is the noisy-OR of listed contributions, each with
/// its cue, source, modality, evidence span, speaker and entities. See `docs/RISK-MODEL.md`.
struct ArticleRiskScorer: Sendable {
    /// One sentence as the engine hands it over.
    struct SentenceInput {
        var sentence: Sentence
        var repeated: Bool
        var mentions: [ResolvedMention]
    }

    // MARK: Constants (change ``RiskModel/scorerVersion`` with any of them)

    /// Multiplier of a hedged cue.
    static let hedgeFactor = 0.5
    /// Each further occurrence of the same cue counts half the previous one (strongest first).
    static let repeatDamping = 0.5
    /// Most de-escalation can take off tension, trade restriction and the overall value.
    static let deEscalationCap = 0.25
    /// Weight of "the dominant producer is named with a restriction", times its share.
    static let dominantProducerBoost = 0.3
    /// Category weights in the overall noisy-OR.
    static let overallWeights: [RiskCategory: Double] = [
        .tradeRestriction: 0.8, .supplyConcentration: 0.5, .geopoliticalTension: 0.8,
        .securityAndDefence: 0.8, .marketDisruption: 0.6,
    ]
    static let overallRule =
        "1 − Π(1 − w·v) over categories before de-escalation (w: trade 0.8, supply 0.5, tension 0.8, security 0.8, market 0.6), minus de-escalation (noisy-OR of de-escalation cues, at most 0.25)"
    static let maximumListed = 10

    /// A contribution before repetition damping. Never changes once recorded, but for its rank.
    private struct Raw {
        var category: RiskCategory
        var weight: Double
        var isDeEscalation: Bool
        /// Its note has no repetition suffix yet.
        var contribution: RiskContribution
        /// Index in `groups`.
        var group = 0
        /// Its position in its cue group (strongest first): each earlier positive occurrence halves it.
        var rank = 0
        /// The note with the repetition suffix of `rank`, kept in step with it.
        var rankedNote = ""
        /// The contribution's entity ids as ``ArticleRiskScorer/entityNumber(_:)`` numbers them.
        var entityNumbers: [Int] = []
    }

    /// What makes raws repetitions of each other: one lexicon cue group, or the dominant-producer rule for one commodity.
    private enum GroupKey: Hashable {
        case cue(Int)
        case boost(String)
    }

    /// The occurrences of one cue in one category: repetition damping happens within it.
    private struct CueGroup {
        /// "category|kind:cue" ("category|boost:commodity id"): what orders groups when all else ties.
        var key: String
        /// Indices in `raws`, strongest first (``order(_:_:)`` before damping; equal ones in reading
        /// order). Invariant: each member's `rank` is its position here. Zero weights sort last, so
        /// the rank of a positive weight counts only positive occurrences.
        var members: [Int] = []
    }

    /// A commodity mentioned in the article, for supply concentration.
    private struct Commodity {
        var id: String
        var facts: ProductionShares.Concentration
        var count: Int
        var evidence: RiskEvidence
        var entityIDs: [String]
        var entityNumbers: [Int]
        /// The HHI note up to its prominence, which changes with the mention counts.
        var notePrefix: String
    }

    let model: RiskModel
    let versions: RiskVersions
    private var raws: [Raw] = []
    /// Entity ids named by contributions, numbered in order of first use: exposures add up by number.
    private var entityNumbers: [String: Int] = [:]
    private var entityNames: [String] = []
    private var groups: [CueGroup] = []
    private var groupIndex: [GroupKey: Int] = [:]
    /// Cue groups (de-escalation excluded) by ``RiskCategory/ordinal``.
    private var categoryGroups: [[Int]] = Array(repeating: [], count: RiskCategory.allCases.count)
    private var deEscalationGroups: [Int] = []
    /// Sorted by id (the order HHIs are listed in when all else ties).
    private var commodityList: [Commodity] = []
    private var maximumCommodityCount = 0
    private var lastSpeaker: String?
    /// Lexicon entries suppressed by a `later=` exclusion of an earlier sentence of the article.
    private var excludedFromNowOn: Set<Int> = []
    /// Categories (bit ``RiskCategory/ordinal``) with evidence added since the last ``changedScores()``.
    private var touched = 0
    /// The outcome last published for each category.
    private var lastOutcomes = Array(repeating: Outcome.empty, count: RiskCategory.allCases.count)

    init(model: RiskModel, knowledgeBaseVersion: String) {
        self.model = model
        self.versions = RiskVersions(
            scorer: RiskModel.scorerVersion,
            lexicon: model.lexicon.version,
            productionShares: model.shares.version,
            knowledgeBase: knowledgeBaseVersion
        )
    }

    // MARK: - Reading a paragraph

    /// Adds the evidence of one paragraph's sentences; repeated sentences add none.
    mutating func add(
        paragraph sentences: [SentenceInput],
        tokens: [Token],
        text: UnsafeBufferPointer<UInt8>,
        entities: ArticleEntityResolver
    ) {
        let lexicon = self.model.lexicon
        // Quotation state: whether an odd number of quote marks come before each token.
        var insideQuote = [Bool](repeating: false, count: tokens.count)
        var open = false
        for (index, token) in tokens.enumerated() {
            insideQuote[index] = open
            if token.kind == .punctuation && token.key == "\"" { open.toggle() }
        }
        let matchesBySentence = sentences.map { lexicon.matches(in: tokens, range: $0.sentence.tokens) }
        let speakers = zip(sentences, matchesBySentence).map { Self.speaker(of: $0.0, matches: $0.1, tokens: tokens, lexicon: lexicon, entities: entities, text: text) }
        let paragraphSpeaker = speakers.compactMap { $0 }.first ?? self.lastSpeaker

        for (position, input) in sentences.enumerated() where !input.repeated {
            let matches = matchesBySentence[position]
            // Only cues and de-escalations add evidence: most sentences have neither.
            if matches.contains(where: { lexicon.entries[$0.entry].addsEvidence }) {
                let hasSpeech = matches.contains { lexicon.entries[$0.entry].kind == .speech }
                self.addCues(
                    input, matches: matches, tokens: tokens, text: text, entities: entities,
                    speaker: { extent in
                        if hasSpeech { return speakers[position] ?? paragraphSpeaker }
                        return insideQuote[extent.lowerBound] ? paragraphSpeaker : nil
                    }
                )
            }
            // `later=` exclusions reach every later sentence (their own is handled in addCues).
            for match in matches { self.excludedFromNowOn.formUnion(lexicon.entries[match.entry].laterExcluded) }
            // Commodity mentions for supply concentration.
            for resolved in input.mentions where resolved.type == .commodity && !resolved.mention.repeated {
                let (id, mention) = (resolved.entityID, resolved.mention)
                guard let facts = self.model.shares.concentrations[id] else { continue }
                self.countCommodity(
                    id, facts: facts,
                    evidence: RiskEvidence(
                        span: mention.span, text: mention.text, sentence: input.sentence.index,
                        sentenceSpan: input.sentence.span, speaker: nil
                    )
                )
            }
        }
        if let speaker = speakers.compactMap({ $0 }).last { self.lastSpeaker = speaker }
    }

    private mutating func addCues(
        _ input: SentenceInput,
        matches: [RiskLexicon.Match],
        tokens: [Token],
        text: UnsafeBufferPointer<UInt8>,
        entities: ArticleEntityResolver,
        speaker: (Range<Int>) -> String?
    ) {
        let lexicon = self.model.lexicon
        let range = input.sentence.tokens
        func entry(_ match: RiskLexicon.Match) -> RiskLexicon.Entry { lexicon.entries[match.entry] }

        // Clauses: punctuation, a spaced dash, quote marks and clause words end one.
        // `clauses[index - range.lowerBound]`: the clause number of each token of the sentence.
        var clauses = [Int](repeating: 0, count: range.count)
        var clauseWords: [Int] = []
        for match in matches where lexicon.entries[match.entry].kind == .clause { clauseWords.append(match.tokens.lowerBound) }
        var current = 0
        for index in range {
            let token = tokens[index]
            if clauseWords.contains(index) || (token.kind == .punctuation && Self.endsClause(token)) {
                current += 1
            }
            clauses[index - range.lowerBound] = current
        }
        func clause(_ index: Int) -> Int { clauses[index - range.lowerBound] }

        // Exclusions.
        var excludedCategories = 0  // bit `ordinal` per category
        var excludedSpans: [(Range<Int>, RiskCategory?)] = []
        for match in matches where lexicon.entries[match.entry].kind == .exclusion {
            if lexicon.entries[match.entry].sentenceScope {
                if let category = lexicon.entries[match.entry].category { excludedCategories |= 1 << category.ordinal } else {
                    excludedCategories = ~0
                }
            } else {
                excludedSpans.append((match.tokens, lexicon.entries[match.entry].category))
            }
        }
        // `later=` exclusions of this sentence reach the cues that start at or after them.
        let laterHere = matches.filter { !lexicon.entries[$0.entry].laterExcluded.isEmpty }
        func excludedByLaterRule(_ match: RiskLexicon.Match) -> Bool {
            self.excludedFromNowOn.contains(match.entry)
                || laterHere.contains {
                    $0.tokens.lowerBound <= match.tokens.lowerBound && lexicon.entries[$0.entry].laterExcluded.contains(match.entry)
                }
        }

        // `not-before=place` cues: a place's name right after the cue makes it a verb ("strikes Iranian sites").
        func placeFollows(_ cue: Range<Int>) -> Bool {
            guard cue.upperBound < range.upperBound else { return false }
            let next = tokens[cue.upperBound].start
            return input.mentions.contains { $0.type == .location && $0.mention.span.start == next }
        }

        // A cue inside an organisation's name ("Bureau of Industry and Security") is part of the name.
        let names = input.mentions.filter { $0.type == .organization }.map(\.mention.span)
        func insideName(_ cue: Range<Int>) -> Bool {
            names.contains { $0.start <= tokens[cue.lowerBound].start && tokens[cue.upperBound - 1].end <= $0.end }
        }

        // De-escalations first (they claim their tokens), then cues per category, leftmost-longest.
        func leftmostLongest(_ candidates: [RiskLexicon.Match]) -> [RiskLexicon.Match] {
            let sorted = candidates.sorted {
                ($0.extent.lowerBound, -$0.extent.count, $0.entry) < ($1.extent.lowerBound, -$1.extent.count, $1.entry)
            }
            var kept: [RiskLexicon.Match] = []
            for match in sorted where !kept.contains(where: { $0.extent.overlaps(match.extent) || $0.tokens.overlaps(match.tokens) }) {
                kept.append(match)
            }
            return kept
        }
        let deEscalations = leftmostLongest(matches.filter { lexicon.entries[$0.entry].kind == .deEscalation })
        var cues: [RiskLexicon.Match] = []
        // Act and threat cues by category, in match order.
        var byCategory = Array(repeating: [RiskLexicon.Match](), count: RiskCategory.allCases.count)
        for match in matches {
            let kind = lexicon.entries[match.entry].kind
            guard kind == .act || kind == .threat, let category = lexicon.entries[match.entry].category else { continue }
            byCategory[category.ordinal].append(match)
        }
        for category in RiskCategory.allCases where excludedCategories & (1 << category.ordinal) == 0 {
            let candidates = byCategory[category.ordinal].filter { match in
                return !excludedSpans.contains { $0.0.overlaps(match.extent) && ($0.1 == nil || $0.1 == category) }
                    && !excludedByLaterRule(match)
                    && !(lexicon.entries[match.entry].notBeforePlace && placeFollows(match.tokens))
                    && !deEscalations.contains { $0.extent.overlaps(match.tokens) }
                    && !insideName(match.tokens)
            }
            cues += leftmostLongest(candidates)
        }

        // Modality: the nearest negation or hedge before the cue in its clause.
        let negations = matches.filter { lexicon.entries[$0.entry].kind == .negation }
        let hedges = matches.filter { lexicon.entries[$0.entry].kind == .hedge }
        func modality(_ extent: Range<Int>) -> (RiskModality, String?) {
            let start = extent.lowerBound
            func governs(_ modifier: RiskLexicon.Match) -> Bool {
                modifier.tokens.upperBound <= start && start - modifier.tokens.upperBound <= lexicon.entries[modifier.entry].reach
                    && clause(modifier.tokens.lowerBound) == clause(start)
            }
            func words(_ range: Range<Int>) -> String { Self.text(text, tokens: range, in: tokens) }
            if let negation = negations.last(where: governs) { return (.negated, words(negation.tokens)) }
            for index in stride(from: start - 1, through: max(range.lowerBound, start - 6), by: -1)
            where clause(index) == clause(start) && tokens[index].key.hasSuffix("n't") {
                return (.negated, tokens[index].surface)
            }
            if let hedge = hedges.last(where: governs) { return (.hedged, words(hedge.tokens)) }
            return (.asserted, nil)
        }

        // Entities the sentence concerns.
        var entityIDs: [String] = []
        for resolved in input.mentions {
            let type = resolved.type
            guard type == .location || type == .commodity || type == .organization, !entityIDs.contains(resolved.entityID)
            else { continue }
            entityIDs.append(resolved.entityID)
        }

        func evidence(_ extent: Range<Int>) -> RiskEvidence {
            let span = TextSpan(field: input.sentence.span.field, start: tokens[extent.lowerBound].start, end: tokens[extent.upperBound - 1].end)
            return RiskEvidence(
                span: span,
                text: String(decoding: UnsafeBufferPointer(rebasing: text[span.start..<span.end]), as: UTF8.self),
                sentence: input.sentence.index,
                sentenceSpan: input.sentence.span,
                speaker: speaker(extent)
            )
        }

        var strongestRestriction: (weight: Double, factor: Double, cue: String, evidence: RiskEvidence, tokens: Range<Int>)?
        for match in cues + deEscalations {
            let rule = entry(match)
            let (mode, trigger) = modality(match.extent)
            let factor = mode == .negated ? 0 : mode == .hedged ? Self.hedgeFactor : 1
            let isThreat = rule.kind == .threat || mode == .hedged
            var note = rule.kind == .deEscalation ? "de-escalation" : isThreat ? "threat" : "act"
            if rule.nearWindow > 0 { note += "; proximity rule (within \(rule.nearWindow) words)" }
            if let trigger { note += mode == .negated ? "; negated by '\(trigger)': weight 0" : "; hedged by '\(trigger)': ×\(Self.hedgeFactor)" }
            let found = evidence(match.extent)
            if let speaker = found.speaker { note += "; reported speech (\(speaker))" }
            let weight = rule.weight * factor
            let category = rule.category ?? .geopoliticalTension
            self.record(
                Raw(
                    category: category,
                    weight: weight,
                    isDeEscalation: rule.kind == .deEscalation,
                    contribution: RiskContribution(
                        cue: rule.cue, cueSource: rule.source, weight: weight, modality: mode, isThreat: isThreat,
                        evidence: found, entityIDs: entityIDs, note: note
                    )
                ),
                in: .cue(lexicon.cueGroups[match.entry]),
                name: "\(rule.kind.rawValue):\(rule.cue)"
            )
            if category == .tradeRestriction, rule.kind != .deEscalation, weight > 0,
                weight > (strongestRestriction?.weight ?? 0)
            {
                strongestRestriction = (weight, factor, rule.cue, found, match.tokens)
            }
        }

        // Supply concentration rises when a commodity's dominant producer is named with a restriction.
        guard let restriction = strongestRestriction else { return }
        // The dominant producer must be the cue's subject (named before it) or in the cue's clause.
        let cueClause = clause(restriction.tokens.lowerBound)
        let cueStart = tokens[restriction.tokens.lowerBound].start
        func clauseOf(_ span: TextSpan) -> Int? {
            range.first { tokens[$0].start >= span.start }.map { clause($0) }
        }
        let producers = Set(input.mentions.filter { $0.mention.span.start < cueStart || clauseOf($0.mention.span) == cueClause }.map(\.entityID))
        for id in entityIDs {
            guard let facts = self.model.shares.concentrations[id], producers.contains("country:\(facts.topCountry)") else { continue }
            let weight = Self.dominantProducerBoost * facts.topShare * restriction.factor
            let name = entities.entity(withID: id)?.name ?? id
            self.record(
                Raw(
                    category: .supplyConcentration,
                    weight: weight,
                    isDeEscalation: false,
                    contribution: RiskContribution(
                        cue: "dominant producer restricted",
                        cueSource: "Assay rule (docs/RISK-MODEL.md); shares: \(facts.source)",
                        weight: weight,
                        modality: restriction.factor < 1 ? .hedged : .asserted,
                        isThreat: restriction.factor < 1,
                        evidence: restriction.evidence,
                        entityIDs: ["country:\(facts.topCountry)", id],
        note: "\(facts.topCountry) holds \(Self.format(facts.topShare)) of \(name) \(facts.stage) and is the subject or object of '\(restriction.cue)' in this sentence: \(Self.dominantProducerBoost) × \(Self.format(facts.topShare))"
                            + (restriction.factor < 1 ? " × \(restriction.factor) (hedged)" : "")
                    )
                ),
                in: .boost(id),
                name: "boost:\(id)"
            )
        }
    }

    /// Adds a raw to its cue group, keeping the group's order and ranks, and touches what it changes.
    private mutating func record(_ raw: Raw, in key: GroupKey, name: @autoclosure () -> String) {
        var raw = raw
        if let known = self.groupIndex[key] {
            raw.group = known
        } else {
            raw.group = self.groups.count
            self.groups.append(CueGroup(key: "\(raw.category.rawValue)|\(name())"))
            self.groupIndex[key] = raw.group
            if raw.isDeEscalation {
                self.deEscalationGroups.append(raw.group)
            } else {
                self.categoryGroups[raw.category.ordinal].append(raw.group)
            }
        }
        raw.entityNumbers = raw.contribution.entityIDs.map { self.entityNumber($0) }
        let index = self.raws.count
        // After every member it does not precede: a stable sort's place.
        let count = self.groups[raw.group].members.count
        var position = count
        while position > 0
            && Self.order(raw.contribution, self.raws[self.groups[raw.group].members[position - 1]].contribution)
        {
            position -= 1
        }
        self.raws.append(raw)
        self.groups[raw.group].members.insert(index, at: position)
        for rank in position..<count + 1 {
            let member = self.groups[raw.group].members[rank]
            self.raws[member].rank = rank
            var note = self.raws[member].contribution.note
            if self.raws[member].weight > 0 && rank > 0 {
                note += "; occurrence \(rank + 1) of this cue: ×\(Self.dampingText(rank: rank))"
            }
            self.raws[member].rankedNote = note
        }
        // De-escalation lowers trade restriction and tension; the rest scores its own category.
        if raw.isDeEscalation {
            self.touched |= 1 << RiskCategory.tradeRestriction.ordinal | 1 << RiskCategory.geopoliticalTension.ordinal
        } else {
            self.touched |= 1 << raw.category.ordinal
        }
    }

    /// Counts one (unrepeated) mention of a commodity with production shares.
    private mutating func countCommodity(_ id: String, facts: ProductionShares.Concentration, evidence: @autoclosure () -> RiskEvidence) {
        let index = self.commodityList.firstIndex { $0.id >= id } ?? self.commodityList.count
        if index == self.commodityList.count || self.commodityList[index].id != id {
            let entityIDs = [id, "country:\(facts.topCountry)"]
            let entityNumbers = entityIDs.map { self.entityNumber($0) }
            let name = id.hasPrefix("commodity:") ? String(id.dropFirst("commodity:".count)) : id
            let bound =
                facts.producers == 1
                ? "top share squared, a lower bound" : "\(facts.producers) producers, unknown remainder as small producers (lower bound)"
            self.commodityList.insert(
                Commodity(
                    id: id, facts: facts, count: 0, evidence: evidence(), entityIDs: entityIDs,
                    entityNumbers: entityNumbers,
                    notePrefix:
                        "HHI \(Self.format(facts.hhi)) for \(name) (\(facts.stage); \(bound), at most \(Self.format(facts.upperBound)); top \(facts.topCountry) \(Self.format(facts.topShare))) × prominence "
                ),
                at: index
            )
        }
        self.commodityList[index].count += 1
        self.maximumCommodityCount = max(self.maximumCommodityCount, self.commodityList[index].count)
        self.touched |= 1 << RiskCategory.supplyConcentration.ordinal
    }

    /// Punctuation that ends a clause: , ; : ( ) " and a spaced dash.
    private static func endsClause(_ token: Token) -> Bool {
        switch token.key {
        case ",", ";", ":", "(", ")", "\"": true
        case "-": token.spaceBefore
        default: false
        }
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, tokens range: Range<Int>, in tokens: [Token]) -> String {
        let start = tokens[range.lowerBound].start
        let end = tokens[range.upperBound - 1].end
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The speaker of a sentence with a reported-speech verb: the person mentioned nearest the verb,
    /// else the nearest organisation, else a group noun ("analysts"); nil for a pronoun ("she said").
    private static func speaker(
        of input: SentenceInput,
        matches: [RiskLexicon.Match],
        tokens: [Token],
        lexicon: RiskLexicon,
        entities: ArticleEntityResolver,
        text: UnsafeBufferPointer<UInt8>
    ) -> String? {
        let speech = matches.filter { lexicon.entries[$0.entry].kind == .speech }
        guard let verb = speech.first else { return nil }
        // Byte position of the speech verb: the mentions carry byte spans.
        func distance(_ span: TextSpan, _ position: Int) -> Int { min(abs(span.start - position), abs(span.end - position)) }
        let position = tokens[verb.tokens.lowerBound].start
        var candidates: [(distance: Int, start: Int, name: String)] = input.mentions.compactMap { resolved in
            let mention = resolved.mention
            guard resolved.type == .person || resolved.type == .organization || mention.kind == .metonym else { return nil }
            return (distance(mention.span, position), mention.span.start, entities.entities[resolved.position].name)
        }
        for group in matches where lexicon.entries[group.entry].kind == .speaker {
            let span = TextSpan(field: input.sentence.span.field, start: tokens[group.tokens.lowerBound].start, end: tokens[group.tokens.upperBound - 1].end)
            candidates.append((distance(span, position), span.start, Self.text(text, tokens: group.tokens, in: tokens)))
        }
        return candidates.min { ($0.distance, $0.start) < ($1.distance, $1.start) }?.name
    }

    // MARK: - Scores
    //
    // Incremental scoring. `add(paragraph:…)` only records evidence: each raw joins its cue group,
    // which stays sorted strongest first, and marks the categories it can change as touched. A
    // category's published score is a function of its cue groups (and, for trade restriction and
    // tension, of the de-escalation groups; for supply concentration, of the commodity counts), so a
    // category nobody touched since the last call cannot have changed. For a touched category,
    // `changedScores()` first computes its ``Outcome`` (numbers only: value, which evidence is listed
    // at which damping, exposures) and builds the full ``RiskScore`` with its notes only when the
    // outcome differs from the last published one. Equal outcomes publish equal scores and
    // different outcomes different scores, so the events are exactly those of recomputing everything.

    /// A contribution in a category's ranking: its damped weight and where it comes from.
    private struct Ranked {
        var weight: Double
        var span: TextSpan
        /// Index in `raws`, or −1 for a commodity's HHI.
        var raw: Int
        /// The raw's rank in its cue group; for an HHI, the commodity's index in `commodityList`.
        var rank: Int
    }

    /// A category's contributions, ranked as the scores list them.
    private struct CategoryView {
        /// Positive weights, strongest first.
        var positive: [Ranked]
        /// Negated cues (weight 0).
        var negated: [Ranked]
        /// The noisy-OR of the positive weights, before de-escalation.
        var raw: Double
    }

    /// All de-escalation, which lowers trade restriction, tension and the overall value.
    private struct DeEscalationView {
        /// Positive weights, strongest first.
        var lowering: [Ranked]
        var reduction: Double
    }

    /// One listed contribution, as numbers: its evidence and what decides its weight and note.
    private struct ListedKey: Equatable {
        /// Index in `raws`; −1 − commodity index for an HHI.
        var source: Int
        /// The rank in its cue group (0 for a negated cue); an HHI's mention count.
        var rank: Int
        /// 0 for a positive cue, 1 for a de-escalation lowering, 2 for a negated cue; an HHI's maximum count.
        var role: Int
    }

    /// What a category's published score is made of, as numbers: equal outcomes publish equal scores.
    private struct Outcome: Equatable {
        /// The rounded value.
        var value: Double
        var listed: [ListedKey]
        /// The de-escalation reduction as the lowering notes print it (0 when none is listed).
        var loweringNote: Double
        var exposures: [RiskExposure]

        static let empty = Outcome(value: 0, listed: [], loweringNote: 0, exposures: [])
    }

    /// The categories whose score changed since the last call (the first time: every category with evidence).
    mutating func changedScores() -> [RiskScore] {
        guard self.touched != 0 else { return [] }
        defer { self.touched = 0 }
        var deEscalation: DeEscalationView?
        var changed: [RiskScore] = []
        for category in RiskCategory.allCases where self.touched & (1 << category.ordinal) != 0 {
            let view = self.view(category)
            if category.isLowered && deEscalation == nil { deEscalation = self.deEscalationView() }
            let lowering = category.isLowered ? deEscalation : nil
            let outcome = self.outcome(category, view, lowering)
            guard outcome != self.lastOutcomes[category.ordinal] else { continue }
            self.lastOutcomes[category.ordinal] = outcome
            changed.append(self.score(category, view, outcome, lowering))
        }
        return changed
    }

    /// Every category, the overall value and the versions.
    func assessment() -> RiskAssessment {
        let deEscalation = self.deEscalationView()
        var scores: [RiskScore] = []
        var product = 1.0
        for category in RiskCategory.allCases {
            let view = self.view(category)
            let lowering = category.isLowered ? deEscalation : nil
            scores.append(self.score(category, view, self.outcome(category, view, lowering), lowering))
            product *= 1 - Self.overallWeights[category]! * view.raw
        }
        let overallRaw = 1 - product
        let overall = max(0, overallRaw - deEscalation.reduction)
        return RiskAssessment(
            scores: scores,
            overall: OverallRisk(
                score: Int((Self.rounded(overall) * 100).rounded()),
                value: Self.rounded(overall),
                deEscalation: Self.rounded(overallRaw - overall),
                rule: Self.overallRule
            ),
            versions: self.versions
        )
    }

    /// A raw's weight after repetition damping: each further occurrence of a cue (strongest first) counts half.
    private func dampedWeight(_ index: Int) -> Double {
        let raw = self.raws[index]
        return raw.weight > 0 ? raw.weight * pow(Self.repeatDamping, Double(raw.rank)) : raw.weight
    }

    /// One category's contributions (de-escalation excluded), ranked.
    private func view(_ category: RiskCategory) -> CategoryView {
        var positive: [Ranked] = []
        var negated: [Ranked] = []
        for group in self.categoryGroups[category.ordinal] {
            for (rank, index) in self.groups[group].members.enumerated() {
                let item = Ranked(weight: self.dampedWeight(index), span: self.raws[index].contribution.evidence.span, raw: index, rank: rank)
                if item.weight > 0 { positive.append(item) } else { negated.append(item) }
            }
        }
        // Supply concentration from facts: HHI of each commodity, weighted by its prominence.
        if category == .supplyConcentration {
            for (index, commodity) in self.commodityList.enumerated() {
                let weight = commodity.facts.hhi * (Double(commodity.count) / Double(self.maximumCommodityCount))
                let item = Ranked(weight: weight, span: commodity.evidence.span, raw: -1, rank: index)
                if weight > 0 { positive.append(item) } else { negated.append(item) }
            }
        }
        let ranking = self.ranking
        positive.sort(by: ranking.precedes)
        negated.sort(by: ranking.precedes)
        return CategoryView(positive: positive, negated: negated, raw: Self.noisyOR(strongestFirst: positive))
    }

    private func deEscalationView() -> DeEscalationView {
        var lowering: [Ranked] = []
        for group in self.deEscalationGroups {
            for (rank, index) in self.groups[group].members.enumerated() {
                let weight = self.dampedWeight(index)
                if weight > 0 { lowering.append(Ranked(weight: weight, span: self.raws[index].contribution.evidence.span, raw: index, rank: rank)) }
            }
        }
        lowering.sort(by: self.ranking.precedes)
        return DeEscalationView(lowering: lowering, reduction: min(Self.deEscalationCap, Self.noisyOR(strongestFirst: lowering)))
    }

    private var ranking: Ranking { Ranking(raws: self.raws, groups: self.groups, commodities: self.commodityList) }

    /// The ranking order of ``order(_:_:)`` (strongest first, then by position in the text, then by
    /// cue), ties kept in the order of the full damped list: cue groups by key, each strongest first,
    /// then the HHIs by commodity id. (Holds only what it compares, not a copy of the whole scorer.)
    private struct Ranking {
        let raws: [Raw]
        let groups: [CueGroup]
        let commodities: [Commodity]

        func precedes(_ lhs: Ranked, _ rhs: Ranked) -> Bool {
            if lhs.weight != rhs.weight { return lhs.weight > rhs.weight }
            if lhs.span != rhs.span { return lhs.span < rhs.span }
            let lhsCue = lhs.raw >= 0 ? self.raws[lhs.raw].contribution.cue : "HHI"
            let rhsCue = rhs.raw >= 0 ? self.raws[rhs.raw].contribution.cue : "HHI"
            if lhsCue != rhsCue { return lhsCue < rhsCue }
            switch (lhs.raw >= 0, rhs.raw >= 0) {
            case (true, false): return true
            case (false, true): return false
            case (false, false): return self.commodities[lhs.rank].id < self.commodities[rhs.rank].id
            case (true, true):
                let (lhsGroup, rhsGroup) = (self.raws[lhs.raw].group, self.raws[rhs.raw].group)
                if lhsGroup != rhsGroup { return self.groups[lhsGroup].key < self.groups[rhsGroup].key }
                return lhs.rank < rhs.rank
            }
        }
    }

    private func outcome(_ category: RiskCategory, _ view: CategoryView, _ deEscalation: DeEscalationView?) -> Outcome {
        let value = deEscalation.map { max(0, view.raw - $0.reduction) } ?? view.raw
        var listed: [ListedKey] = []
        listed.reserveCapacity(Self.maximumListed + 10)
        for item in view.positive.prefix(Self.maximumListed) {
            listed.append(
                item.raw >= 0
                    ? ListedKey(source: item.raw, rank: item.rank, role: 0)
                    : ListedKey(source: -1 - item.rank, rank: self.commodityList[item.rank].count, role: self.maximumCommodityCount)
            )
        }
        let lowering = deEscalation?.lowering.prefix(5) ?? []
        for item in lowering { listed.append(ListedKey(source: item.raw, rank: item.rank, role: 1)) }
        for item in view.negated.prefix(5) {
            listed.append(
                item.raw >= 0
                    ? ListedKey(source: item.raw, rank: 0, role: 2)
                    : ListedKey(source: -1 - item.rank, rank: self.commodityList[item.rank].count, role: self.maximumCommodityCount)
            )
        }
        return Outcome(
            value: Self.rounded(value),
            listed: listed,
            loweringNote: lowering.isEmpty ? 0 : Self.rounded3(deEscalation!.reduction),
            exposures: self.exposures(view.positive)
        )
    }

    /// The published score of a category: its outcome with the contributions spelled out.
    private func score(_ category: RiskCategory, _ view: CategoryView, _ outcome: Outcome, _ deEscalation: DeEscalationView?) -> RiskScore {
        var listed = view.positive.prefix(Self.maximumListed).map { self.contribution($0) }
        if let deEscalation {
            let lowers = "; all de-escalation together lowers this category by \(Self.format(deEscalation.reduction)) (at most \(Self.deEscalationCap))"
            for item in deEscalation.lowering.prefix(5) {
                var contribution = self.contribution(item)
                contribution.weight = -contribution.weight
                contribution.note += lowers
                listed.append(contribution)
            }
        }
        listed += view.negated.prefix(5).map { self.contribution($0) }
        for index in listed.indices { listed[index].weight = Self.rounded(listed[index].weight) }
        return RiskScore(
            category: category,
            score: Int((outcome.value * 100).rounded()),
            value: outcome.value,
            contributions: listed,
            exposures: outcome.exposures,
            versions: self.versions
        )
    }

    /// A ranked contribution spelled out, with its damped weight (not yet rounded) and its note.
    private func contribution(_ item: Ranked) -> RiskContribution {
        guard item.raw >= 0 else {
            let commodity = self.commodityList[item.rank]
            let maximumCount = self.maximumCommodityCount
            let prominence = Double(commodity.count) / Double(maximumCount)
            return RiskContribution(
                cue: "HHI", cueSource: commodity.facts.source, weight: item.weight, modality: .asserted, isThreat: false,
                evidence: commodity.evidence, entityIDs: commodity.entityIDs,
                note: commodity.notePrefix + "\(Self.format(prominence)) (\(commodity.count) of \(maximumCount) mentions)"
            )
        }
        var contribution = self.raws[item.raw].contribution
        contribution.weight = item.weight
        contribution.note = self.raws[item.raw].rankedNote
        return contribution
    }

    /// The number of an entity id (see ``entityNumbers``), assigned on first use.
    private mutating func entityNumber(_ id: String) -> Int {
        if let number = self.entityNumbers[id] { return number }
        self.entityNumbers[id] = self.entityNames.count
        self.entityNames.append(id)
        return self.entityNames.count - 1
    }

    /// Each entity's exposure: the noisy-OR of the contributions that name it (`positive` is strongest first).
    private func exposures(_ positive: [Ranked]) -> [RiskExposure] {
        // Products by entity number (nil: not concerned), multiplied strongest first; the result is
        // sorted by value and then by the (unique) entity id.
        var products = [Double?](repeating: nil, count: self.entityNames.count)
        for item in positive {
            let numbers = item.raw >= 0 ? self.raws[item.raw].entityNumbers : self.commodityList[item.rank].entityNumbers
            for number in numbers { products[number] = (products[number] ?? 1) * (1 - min(1, max(0, item.weight))) }
        }
        return products.indices.compactMap { number in
            products[number].map { product in
                let value = Self.rounded(1 - product)
                return RiskExposure(entityID: self.entityNames[number], value: value, score: Int((value * 100).rounded()))
            }
        }
        .sorted { $0.value != $1.value ? $0.value > $1.value : $0.entityID < $1.entityID }
        .prefix(Self.maximumListed).map { $0 }
    }

    /// 1 − Π(1 − wᵢ) of weights already sorted strongest first (each clamped to 0–1).
    private static func noisyOR(strongestFirst items: [Ranked]) -> Double {
        1 - items.reduce(1.0) { $0 * (1 - min(1, max(0, $1.weight))) }
    }

    /// Strongest first, then by position in the text, then by cue.
    static func order(_ lhs: RiskContribution, _ rhs: RiskContribution) -> Bool {
        if abs(lhs.weight) != abs(rhs.weight) { return abs(lhs.weight) > abs(rhs.weight) }
        if lhs.evidence.span != rhs.evidence.span { return lhs.evidence.span < rhs.evidence.span }
        return lhs.cue < rhs.cue
    }

    /// ``format(_:)`` of the damping factor of each rank, formatted once.
    private static let dampingTexts = (0..<32).map { format(pow(repeatDamping, Double($0))) }

    /// The damping factor of an occurrence's rank (0: the strongest), as notes print it.
    static func dampingText(rank: Int) -> String {
        rank < dampingTexts.count ? dampingTexts[rank] : format(pow(repeatDamping, Double(rank)))
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// A value rounded as ``format(_:)`` prints it.
    static func rounded3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    static func format(_ value: Double) -> String {
        String(rounded3(value))
    }
}

extension RiskCategory {
    /// The position in ``allCases``.
    fileprivate var ordinal: Int {
        switch self {
        case .tradeRestriction: 0
        case .supplyConcentration: 1
        case .geopoliticalTension: 2
        case .securityAndDefence: 3
        case .marketDisruption: 4
        }
    }

    /// Whether de-escalation lowers it.
    fileprivate var isLowered: Bool { self == .tradeRestriction || self == .geopoliticalTension }
}

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
        var mentions: [(entityID: String, mention: EntityMention)]
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

    /// A contribution before repetition damping.
    private struct Raw {
        var category: RiskCategory
        var group: String
        var weight: Double
        var isDeEscalation: Bool
        var contribution: RiskContribution
    }

    private struct CommodityFacts {
        var count: Int
        var evidence: RiskEvidence
    }

    let model: RiskModel
    let versions: RiskVersions
    private var raws: [Raw] = []
    private var commodities: [String: CommodityFacts] = [:]
    private var lastScores: [RiskScore] = []
    private var lastSpeaker: String?
    /// The evidence count when scores were last computed: unchanged evidence, unchanged scores.
    private var scoredEvidence = -1

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
        entities: [String: ArticleEntity]
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
            let hasSpeech = matches.contains { lexicon.entries[$0.entry].kind == .speech }
            self.addCues(
                input, matches: matches, tokens: tokens, text: text, entities: entities,
                speaker: { extent in
                    if hasSpeech { return speakers[position] ?? paragraphSpeaker }
                    return insideQuote[extent.lowerBound] ? paragraphSpeaker : nil
                }
            )
            // Commodity mentions for supply concentration.
            for (id, mention) in input.mentions where !mention.repeated && self.model.shares.concentrations[id] != nil {
                if self.commodities[id] == nil {
                    self.commodities[id] = CommodityFacts(
                        count: 0,
                        evidence: RiskEvidence(
                            span: mention.span, text: mention.text, sentence: input.sentence.index,
                            sentenceSpan: input.sentence.span, speaker: nil
                        )
                    )
                }
                self.commodities[id]!.count += 1
            }
        }
        if let speaker = speakers.compactMap({ $0 }).last { self.lastSpeaker = speaker }
    }

    private mutating func addCues(
        _ input: SentenceInput,
        matches: [RiskLexicon.Match],
        tokens: [Token],
        text: UnsafeBufferPointer<UInt8>,
        entities: [String: ArticleEntity],
        speaker: (Range<Int>) -> String?
    ) {
        let lexicon = self.model.lexicon
        let range = input.sentence.tokens
        func entry(_ match: RiskLexicon.Match) -> RiskLexicon.Entry { lexicon.entries[match.entry] }

        // Clauses: punctuation, a spaced dash, quote marks and clause words end one.
        var clause = [Int](repeating: 0, count: tokens.count)
        let clauseWords = Set(matches.filter { lexicon.entries[$0.entry].kind == .clause }.map(\.tokens.lowerBound))
        var current = 0
        for index in range {
            let token = tokens[index]
            if clauseWords.contains(index)
                || (token.kind == .punctuation && ([",", ";", ":", "(", ")", "\""].contains(token.key) || (token.key == "-" && token.spaceBefore)))
            {
                current += 1
            }
            clause[index] = current
        }

        // Exclusions.
        var excludedCategories: Set<RiskCategory> = []
        var excludedSpans: [(Range<Int>, RiskCategory?)] = []
        for match in matches where lexicon.entries[match.entry].kind == .exclusion {
            if lexicon.entries[match.entry].sentenceScope {
                if let category = lexicon.entries[match.entry].category { excludedCategories.insert(category) } else {
                    excludedCategories.formUnion(RiskCategory.allCases)
                }
            } else {
                excludedSpans.append((match.tokens, lexicon.entries[match.entry].category))
            }
        }

        // A cue inside an organisation's name ("Bureau of Industry and Security") is part of the name.
        let names = input.mentions.filter { entities[$0.entityID]?.type == .organization }.map(\.mention.span)
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
        for category in RiskCategory.allCases where !excludedCategories.contains(category) {
            let candidates = matches.filter { match in
                let rule = entry(match)
                guard rule.category == category, rule.kind == .act || rule.kind == .threat else { return false }
                return !excludedSpans.contains { $0.0.overlaps(match.extent) && ($0.1 == nil || $0.1 == category) }
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
                    && clause[modifier.tokens.lowerBound] == clause[start]
            }
            func words(_ range: Range<Int>) -> String { Self.text(text, tokens: range, in: tokens) }
            if let negation = negations.last(where: governs) { return (.negated, words(negation.tokens)) }
            for index in stride(from: start - 1, through: max(range.lowerBound, start - 6), by: -1)
            where clause[index] == clause[start] && tokens[index].key.hasSuffix("n't") {
                return (.negated, tokens[index].surface)
            }
            if let hedge = hedges.last(where: governs) { return (.hedged, words(hedge.tokens)) }
            return (.asserted, nil)
        }

        // Entities the sentence concerns.
        var entityIDs: [String] = []
        for (id, _) in input.mentions {
            guard let type = entities[id]?.type, type == .location || type == .commodity || type == .organization,
                !entityIDs.contains(id)
            else { continue }
            entityIDs.append(id)
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
            self.raws.append(
                Raw(
                    category: category,
                    group: "\(rule.kind.rawValue):\(rule.cue)",
                    weight: weight,
                    isDeEscalation: rule.kind == .deEscalation,
                    contribution: RiskContribution(
                        cue: rule.cue, cueSource: rule.source, weight: weight, modality: mode, isThreat: isThreat,
                        evidence: found, entityIDs: entityIDs, note: note
                    )
                )
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
        let cueClause = clause[restriction.tokens.lowerBound]
        let cueStart = tokens[restriction.tokens.lowerBound].start
        func clauseOf(_ span: TextSpan) -> Int? {
            range.first { tokens[$0].start >= span.start }.map { clause[$0] }
        }
        let producers = Set(input.mentions.filter { $0.mention.span.start < cueStart || clauseOf($0.mention.span) == cueClause }.map(\.entityID))
        for id in entityIDs {
            guard let facts = self.model.shares.concentrations[id], producers.contains("country:\(facts.topCountry)") else { continue }
            let weight = Self.dominantProducerBoost * facts.topShare * restriction.factor
            let name = entities[id]?.name ?? id
            self.raws.append(
                Raw(
                    category: .supplyConcentration,
                    group: "boost:\(id)",
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
                )
            )
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
        entities: [String: ArticleEntity],
        text: UnsafeBufferPointer<UInt8>
    ) -> String? {
        let speech = matches.filter { lexicon.entries[$0.entry].kind == .speech }
        guard let verb = speech.first else { return nil }
        // Byte position of the speech verb: the mentions carry byte spans.
        func distance(_ span: TextSpan, _ position: Int) -> Int { min(abs(span.start - position), abs(span.end - position)) }
        let position = tokens[verb.tokens.lowerBound].start
        var candidates: [(distance: Int, start: Int, name: String)] = input.mentions.compactMap { id, mention in
            guard let entity = entities[id],
                entity.type == .person || entity.type == .organization || mention.kind == .metonym
            else { return nil }
            return (distance(mention.span, position), mention.span.start, entity.name)
        }
        for group in matches where lexicon.entries[group.entry].kind == .speaker {
            let span = TextSpan(field: input.sentence.span.field, start: tokens[group.tokens.lowerBound].start, end: tokens[group.tokens.upperBound - 1].end)
            candidates.append((distance(span, position), span.start, Self.text(text, tokens: group.tokens, in: tokens)))
        }
        return candidates.min { ($0.distance, $0.start) < ($1.distance, $1.start) }?.name
    }

    // MARK: - Scores

    /// The categories whose score changed since the last call (all of them the first time anything is found).
    mutating func changedScores() -> [RiskScore] {
        let evidence = self.raws.count + self.commodities.values.reduce(0) { $0 + $1.count }
        guard evidence != self.scoredEvidence else { return [] }
        self.scoredEvidence = evidence
        let scores = self.assessment().scores
        defer { self.lastScores = scores }
        if self.lastScores.isEmpty {
            return scores.filter { !$0.contributions.isEmpty || $0.value > 0 }
        }
        return zip(scores, self.lastScores).filter { $0.0 != $0.1 }.map(\.0)
    }

    /// Every category, the overall value and the versions.
    func assessment() -> RiskAssessment {
        // Repetition damping within each cue, strongest occurrence first.
        var damped: [Raw] = []
        var byGroup: [String: [Raw]] = [:]
        for raw in self.raws { byGroup["\(raw.category.rawValue)|\(raw.group)", default: []].append(raw) }
        for key in byGroup.keys.sorted() {
            let group = byGroup[key]!.sorted { Self.order($0.contribution, $1.contribution) }
            var rank = 0
            for var raw in group {
                if raw.weight > 0 {
                    let factor = pow(Self.repeatDamping, Double(rank))
                    if rank > 0 { raw.contribution.note += "; occurrence \(rank + 1) of this cue: ×\(Self.format(factor))" }
                    raw.weight *= factor
                    raw.contribution.weight = raw.weight
                    rank += 1
                }
                damped.append(raw)
            }
        }
        // Supply concentration from facts: HHI of each commodity, weighted by its prominence.
        let maximumCount = self.commodities.values.map(\.count).max() ?? 0
        for id in self.commodities.keys.sorted() {
            guard let facts = self.model.shares.concentrations[id], let seen = self.commodities[id], maximumCount > 0 else { continue }
            let prominence = Double(seen.count) / Double(maximumCount)
            let weight = facts.hhi * prominence
            let bound = facts.producers == 1 ? "top share squared, a lower bound" : "\(facts.producers) producers, unknown remainder as small producers (lower bound)"
            damped.append(
                Raw(
                    category: .supplyConcentration, group: "hhi:\(id)", weight: weight, isDeEscalation: false,
                    contribution: RiskContribution(
                        cue: "HHI", cueSource: facts.source, weight: weight, modality: .asserted, isThreat: false,
                        evidence: seen.evidence, entityIDs: [id, "country:\(facts.topCountry)"],
                        note: "HHI \(Self.format(facts.hhi)) for \(id.replacingOccurrences(of: "commodity:", with: "")) (\(facts.stage); \(bound), at most \(Self.format(facts.upperBound)); top \(facts.topCountry) \(Self.format(facts.topShare))) × prominence \(Self.format(prominence)) (\(seen.count) of \(maximumCount) mentions)"
                    )
                )
            )
        }

        let deEscalations = damped.filter(\.isDeEscalation)
        let reduction = min(Self.deEscalationCap, Self.noisyOR(deEscalations.map(\.weight)))
        var scores: [RiskScore] = []
        var rawValues: [RiskCategory: Double] = [:]
        for category in RiskCategory.allCases {
            let own = damped.filter { $0.category == category && !$0.isDeEscalation }
            let positive = own.filter { $0.weight > 0 }.map(\.contribution).sorted(by: Self.order)
            let raw = Self.noisyOR(positive.map(\.weight))
            rawValues[category] = raw
            var value = raw
            var lowering: [RiskContribution] = []
            if category == .tradeRestriction || category == .geopoliticalTension {
                value = max(0, raw - reduction)
                lowering = deEscalations.filter { $0.weight > 0 }.map { raw in
                    var contribution = raw.contribution
                    contribution.weight = -raw.weight
                    contribution.note += "; all de-escalation together lowers this category by \(Self.format(reduction)) (at most \(Self.deEscalationCap))"
                    return contribution
                }.sorted(by: Self.order)
            }
            let negated = own.filter { $0.weight == 0 }.map(\.contribution).sorted(by: Self.order)
            var listed = Array(positive.prefix(Self.maximumListed)) + lowering.prefix(5) + negated.prefix(5)
            for index in listed.indices { listed[index].weight = Self.rounded(listed[index].weight) }
            scores.append(
                RiskScore(
                    category: category,
                    score: Int((Self.rounded(value) * 100).rounded()),
                    value: Self.rounded(value),
                    contributions: listed,
                    exposures: Self.exposures(positive),
                    versions: self.versions
                )
            )
        }
        var product = 1.0
        for category in RiskCategory.allCases {
            product *= 1 - Self.overallWeights[category]! * rawValues[category]!
        }
        let overallRaw = 1 - product
        let overall = max(0, overallRaw - reduction)
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

    /// Each entity's exposure: the noisy-OR of the contributions that name it.
    private static func exposures(_ contributions: [RiskContribution]) -> [RiskExposure] {
        var weights: [String: [Double]] = [:]
        for contribution in contributions {
            for id in contribution.entityIDs { weights[id, default: []].append(contribution.weight) }
        }
        return weights.keys.sorted().map { id in
            let value = Self.rounded(Self.noisyOR(weights[id]!))
            return RiskExposure(entityID: id, value: value, score: Int((value * 100).rounded()))
        }
        .sorted { $0.value != $1.value ? $0.value > $1.value : $0.entityID < $1.entityID }
        .prefix(Self.maximumListed).map { $0 }
    }

    /// 1 − Π(1 − wᵢ), in a fixed order.
    static func noisyOR(_ weights: [Double]) -> Double {
        1 - weights.sorted(by: >).reduce(1.0) { $0 * (1 - min(1, max(0, $1))) }
    }

    /// Strongest first, then by position in the text, then by cue.
    static func order(_ lhs: RiskContribution, _ rhs: RiskContribution) -> Bool {
        if abs(lhs.weight) != abs(rhs.weight) { return abs(lhs.weight) > abs(rhs.weight) }
        if lhs.evidence.span != rhs.evidence.span { return lhs.evidence.span < rhs.evidence.span }
        return lhs.cue < rhs.cue
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return String(rounded)
    }
}

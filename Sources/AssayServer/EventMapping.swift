import AssayAnalysis
import AssayProtocol

/// Maps the engine's values onto the protobuf messages of `assay.proto`.
enum EventMapping {
    /// The protobuf form of one engine event, tagged with the article's reference and sequence number.
    static func event(
        _ event: AnalysisEvent,
        reference: String,
        sequence: UInt32,
        versions: Assay_Versions,
        timings: Assay_Timings
    ) -> Assay_AnalysisEvent {
        var message = Assay_AnalysisEvent()
        message.reference = reference
        message.sequence = sequence
        switch event {
        case .accepted(let articleID, let titleBytes, let bodyBytes):
            var accepted = Assay_ArticleAccepted()
            accepted.articleID = articleID
            accepted.titleBytes = UInt32(clamping: titleBytes)
            accepted.bodyBytes = UInt32(clamping: bodyBytes)
            accepted.versions = versions
            message.accepted = accepted
        case .entityFound(let entity):
            var found = Assay_EntityFound()
            found.entity = Self.entity(entity)
            message.entity = found
        case .entityUpdated(let update):
            var mapped = Assay_EntityUpdate()
            mapped.entityID = update.entityID
            mapped.newMentions = update.newMentions.map(Self.mention)
            mapped.mentionCount = UInt32(clamping: update.mentionCount)
            mapped.salience = update.salience
            message.entityUpdate = mapped
        case .repetition(let repetition):
            message.repetition = Self.repetition(repetition)
        case .riskUpdated(let paragraph, let scores):
            var update = Assay_RiskUpdate()
            update.paragraph = UInt32(clamping: paragraph)
            update.scores = scores.map(Self.riskScore)
            message.risk = update
        case .summary(let summary):
            var mapped = Assay_AnalysisSummary()
            mapped.entities = summary.entities.map(Self.entity)
            mapped.repetitions = summary.repetitions.map(Self.repetition)
            mapped.paragraphs = UInt32(clamping: summary.paragraphs)
            mapped.sentences = UInt32(clamping: summary.sentences)
            mapped.tokens = UInt32(clamping: summary.tokens)
            mapped.timings = timings
            mapped.versions = versions
            if let risk = summary.risk {
                // The versions the scores were computed with (they equal the engine's).
                mapped.riskScores = risk.scores.map(Self.riskScore)
                var overall = Assay_OverallRisk()
                overall.score = UInt32(clamping: risk.overall.score)
                overall.value = risk.overall.value
                overall.deEscalation = risk.overall.deEscalation
                overall.rule = risk.overall.rule
                mapped.overall = overall
                mapped.versions.lexicon = "\(risk.versions.lexicon)+\(risk.versions.productionShares)"
                mapped.versions.scorer = risk.versions.scorer
            }
            message.summary = mapped
        }
        return message
    }

    /// A failed article in a batch.
    static func failure(_ failure: StreamFailure, reference: String, sequence: UInt32) -> Assay_AnalysisEvent {
        var message = Assay_AnalysisEvent()
        message.reference = reference
        message.sequence = sequence
        var failed = Assay_ArticleFailed()
        failed.code = failure.code
        failed.message = failure.message
        message.failed = failed
        return message
    }

    static func entity(_ entity: ArticleEntity) -> Assay_Entity {
        var mapped = Assay_Entity()
        mapped.id = entity.id
        mapped.name = entity.name
        mapped.type = Self.entityType(entity.type)
        mapped.subtype = entity.subtype.map(Self.entitySubtype) ?? .unspecified
        mapped.wikidataID = entity.wikidataID ?? ""
        mapped.mentions = entity.mentions.map(Self.mention)
        mapped.salience = entity.salience
        mapped.confidence = entity.confidence
        mapped.source = Self.entitySource(entity.source)
        mapped.description_p = entity.description
        return mapped
    }

    static func mention(_ mention: EntityMention) -> Assay_Mention {
        var mapped = Assay_Mention()
        mapped.span = Self.span(mention.span)
        mapped.text = mention.text
        mapped.kind = Self.mentionKind(mention.kind)
        mapped.sentence = UInt32(clamping: mention.sentence)
        mapped.paragraph = UInt32(clamping: mention.paragraph)
        mapped.repeated = mention.repeated
        mapped.confidence = mention.confidence
        return mapped
    }

    static func riskScore(_ score: RiskScore) -> Assay_RiskScore {
        var mapped = Assay_RiskScore()
        mapped.category = Self.riskCategory(score.category)
        mapped.score = UInt32(clamping: score.score)
        mapped.value = score.value
        mapped.contributions = score.contributions.map(Self.contribution)
        mapped.exposures = score.exposures.map { exposure in
            var mapped = Assay_EntityExposure()
            mapped.entityID = exposure.entityID
            mapped.score = UInt32(clamping: exposure.score)
            mapped.value = exposure.value
            return mapped
        }
        return mapped
    }

    static func contribution(_ contribution: RiskContribution) -> Assay_Contribution {
        var mapped = Assay_Contribution()
        mapped.cue = contribution.cue
        mapped.cueSource = contribution.cueSource
        mapped.weight = contribution.weight
        mapped.modality = switch contribution.modality {
        case .asserted: .asserted
        case .hedged: .hedged
        case .negated: .negated
        }
        var evidence = Assay_Evidence()
        evidence.span = Self.span(contribution.evidence.span)
        evidence.text = contribution.evidence.text
        evidence.sentence = UInt32(clamping: contribution.evidence.sentence)
        evidence.sentenceSpan = Self.span(contribution.evidence.sentenceSpan)
        evidence.speaker = contribution.evidence.speaker ?? ""
        mapped.evidence = evidence
        mapped.entityIds = contribution.entityIDs
        mapped.note = contribution.note
        return mapped
    }

    static func riskCategory(_ category: RiskCategory) -> Assay_RiskCategory {
        switch category {
        case .tradeRestriction: .tradeRestriction
        case .supplyConcentration: .supplyConcentration
        case .geopoliticalTension: .geopoliticalTension
        case .securityAndDefence: .securityAndDefence
        case .marketDisruption: .marketDisruption
        }
    }

    static func repetition(_ repetition: Repetition) -> Assay_RepeatedText {
        var mapped = Assay_RepeatedText()
        mapped.scope = repetition.scope == .paragraph ? .paragraph : .sentence
        mapped.span = Self.span(repetition.span)
        mapped.original = Self.span(repetition.original)
        return mapped
    }

    static func span(_ span: TextSpan) -> Assay_Span {
        var mapped = Assay_Span()
        mapped.field = span.field == .title ? .title : .body
        mapped.start = UInt32(clamping: span.start)
        mapped.end = UInt32(clamping: span.end)
        return mapped
    }

    static func entityType(_ type: EntityType) -> Assay_EntityType {
        switch type {
        case .person: .person
        case .organization: .organization
        case .location: .location
        case .commodity: .commodity
        case .miscellaneous: .miscellaneous
        }
    }

    static func entitySubtype(_ subtype: EntitySubtype) -> Assay_EntitySubtype {
        switch subtype {
        case .country: .country
        case .region: .region
        case .city: .city
        case .internationalOrganization: .internationalOrganization
        case .governmentBody: .governmentBody
        case .company: .company
        case .researchInstitute: .researchInstitute
        case .mineral: .mineral
        case .elementGroup: .elementGroup
        case .facility: .facility
        }
    }

    static func mentionKind(_ kind: MentionKind) -> Assay_MentionKind {
        switch kind {
        case .name: .name
        case .abbreviation: .abbreviation
        case .demonym: .demonym
        case .metonym: .metonym
        case .partialName: .partialName
        }
    }

    static func entitySource(_ source: EntitySource) -> Assay_EntitySource {
        switch source {
        case .knowledgeBase: .knowledgeBase
        case .tagger: .tagger
        case .rule: .rule
        }
    }
}

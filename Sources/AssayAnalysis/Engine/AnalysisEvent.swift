/// An article as the engine receives it.
public struct ArticleInput: Sendable, Hashable {
    /// The client's reference, echoed in results.
    public var reference: String
    public var title: String
    public var body: String

    /// Creates an article.
    public init(reference: String = "", title: String = "", body: String) {
        self.reference = reference
        self.title = title
        self.body = body
    }
}

/// One occurrence of an entity.
public struct EntityMention: Sendable, Hashable {
    public var span: TextSpan
    /// The submitted text at `span`.
    public var text: String
    public var kind: MentionKind
    /// Sentence index over the whole article (title first).
    public var sentence: Int
    /// Paragraph index within the mention's field.
    public var paragraph: Int
    /// Whether the mention lies in repeated text (excluded from salience).
    public var repeated: Bool
    /// Confidence in the link to the entity, 0–1.
    public var confidence: Double
}

/// An entity found in an article, with its mentions so far.
public struct ArticleEntity: Sendable, Hashable {
    /// Stable id: the knowledge base's, or derived from type and name ("person:zongyuan-zoe-liu").
    public var id: String
    public var name: String
    public var type: EntityType
    public var subtype: EntitySubtype?
    public var wikidataID: String?
    public var description: String
    public var source: EntitySource
    public var mentions: [EntityMention]
    /// 0–1; see `docs/ANALYSIS.md`.
    public var salience: Double
    /// 0–1.
    public var confidence: Double
}

/// Later mentions of an entity already reported.
public struct EntityUpdate: Sendable, Hashable {
    public var entityID: String
    public var newMentions: [EntityMention]
    public var mentionCount: Int
    public var salience: Double
}

/// A paragraph or sentence that repeats earlier text.
public struct Repetition: Sendable, Hashable {
    /// Whether a whole paragraph or one sentence repeats.
    public enum Scope: Sendable, Hashable {
        case paragraph
        case sentence
    }

    public var scope: Scope
    public var span: TextSpan
    public var original: TextSpan
}

/// The final result for an article.
public struct AnalysisSummary: Sendable, Hashable {
    /// Every entity, most salient first.
    public var entities: [ArticleEntity]
    public var repetitions: [Repetition]
    public var paragraphs: Int
    public var sentences: Int
    public var tokens: Int
    /// Final risk scores with their evidence (nil when the engine has no risk model); see `docs/RISK-MODEL.md`.
    public var risk: RiskAssessment?
}

/// What the engine reports as it works through an article, in order.
public enum AnalysisEvent: Sendable, Hashable {
    /// First event: the article's content hash and sizes.
    case accepted(articleID: String, titleBytes: Int, bodyBytes: Int)
    /// An entity seen for the first time, with its mentions so far.
    case entityFound(ArticleEntity)
    /// New mentions of an entity reported earlier.
    case entityUpdated(EntityUpdate)
    /// Repeated text, reported as soon as its paragraph is analysed.
    case repetition(Repetition)
    /// Risk categories whose score changed after a paragraph, emitted after that paragraph's entity
    /// events. `paragraph` counts all paragraphs, title first (as sentence indices do).
    case riskUpdated(paragraph: Int, scores: [RiskScore])
    /// Last event.
    case summary(AnalysisSummary)
}

/// A risk category: each is scored 0–100 (internal value 0–1). See `docs/RISK-MODEL.md`.
public enum RiskCategory: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Export controls, licensing, bans, quotas, tariffs, entity lists, sanctions.
    case tradeRestriction = "trade_restriction"
    /// Production concentrated in few countries (Herfindahl–Hirschman index of world shares).
    case supplyConcentration = "supply_concentration"
    case geopoliticalTension = "geopolitical_tension"
    case securityAndDefence = "security_and_defence"
    /// Prices, shortages, stockpiling, shipping.
    case marketDisruption = "market_disruption"

    public static func < (lhs: RiskCategory, rhs: RiskCategory) -> Bool {
        Self.allCases.firstIndex(of: lhs)! < Self.allCases.firstIndex(of: rhs)!
    }
}

/// How a cue was stated.
public enum RiskModality: String, Sendable, Hashable {
    /// Stated as happening or done.
    case asserted
    /// Hedged or threatened ("may", "could", "threatened to"): about half weight, counted as a threat.
    case hedged
    /// Negated ("no plans to"): zero weight, kept for explanation.
    case negated
}

/// Where a piece of evidence sits in the article.
public struct RiskEvidence: Sendable, Hashable {
    /// The cue (or the mention, for facts-based contributions).
    public var span: TextSpan
    /// The submitted text at `span`.
    public var text: String
    /// Sentence index over the whole article (title first).
    public var sentence: Int
    public var sentenceSpan: TextSpan
    /// The person (or organisation, or group such as "analysts") quoted, when the cue is in reported speech.
    public var speaker: String?
}

/// One reason a category's value went up (positive weight) or down (negative weight).
public struct RiskContribution: Sendable, Hashable {
    /// The lexicon entry or rule that fired ("export controls", "HHI").
    public var cue: String
    /// Where the entry comes from (the lexicon's `source` column, or the production-share table's).
    public var cueSource: String
    /// Signed contribution to the category's internal value (after modality and repetition damping).
    public var weight: Double
    public var modality: RiskModality
    /// Whether the contribution is a threat (a threat cue, or a hedged act) rather than an act.
    public var isThreat: Bool
    public var evidence: RiskEvidence
    /// Entities the contribution concerns (countries, commodities, organisations), in text order.
    public var entityIDs: [String]
    /// Human-readable explanation of the weight.
    public var note: String
}

/// An entity's own exposure to one category: the noisy-OR of the contributions that name it.
public struct RiskExposure: Sendable, Hashable {
    public var entityID: String
    /// 0–1.
    public var value: Double
    /// 0–100.
    public var score: Int
}

/// Versions of everything that decides a risk result, so an old score can be reproduced.
public struct RiskVersions: Sendable, Hashable {
    /// The scoring rules (``RiskModel/scorerVersion``).
    public var scorer: String
    /// The cue lexicon (`Resources/Risk/lexicon.tsv`).
    public var lexicon: String
    /// The production-share table (`Resources/Risk/production-shares.tsv`).
    public var productionShares: String
    /// The knowledge base that linked the entities.
    public var knowledgeBase: String
}

/// One category's score and the reasons for it.
public struct RiskScore: Sendable, Hashable {
    public var category: RiskCategory
    /// 0–100: the value rounded.
    public var score: Int
    /// Internal value 0–1 (rounded to 0.0001).
    public var value: Double
    /// The strongest contributions first, then de-escalations (negative), then negated cues (zero).
    public var contributions: [RiskContribution]
    /// Per-entity exposure, highest first.
    public var exposures: [RiskExposure]
    public var versions: RiskVersions
}

/// The article-level risk.
public struct OverallRisk: Sendable, Hashable {
    public var score: Int
    public var value: Double
    /// How much de-escalation lowered the value.
    public var deEscalation: Double
    /// The combination rule, in words.
    public var rule: String
}

/// The risk result of a whole article, carried by the summary.
public struct RiskAssessment: Sendable, Hashable {
    /// Every category, in ``RiskCategory`` order.
    public var scores: [RiskScore]
    public var overall: OverallRisk
    public var versions: RiskVersions

    /// The score of one category.
    public func score(_ category: RiskCategory) -> RiskScore {
        self.scores.first { $0.category == category }!
    }
}

import Foundation

/// World production shares per commodity and stage (`Resources/Risk/production-shares.tsv`) and the
/// Herfindahl–Hirschman index computed from them.
struct ProductionShares: Sendable {
    /// One commodity's concentration at its most concentrated stage.
    struct Concentration: Sendable, Hashable {
        var commodityID: String
        var stage: String
        /// Σ share² over the known producers: a lower bound of the HHI (the unknown remainder is
        /// treated as many small producers).
        var hhi: Double
        /// The HHI if the unknown remainder were held by producers as large as the smallest known one.
        var upperBound: Double
        /// The top producer's country code and share.
        var topCountry: String
        var topShare: Double
        var producers: Int
        var source: String
    }

    let version: String
    /// By commodity id.
    let concentrations: [String: Concentration]

    init(text: String) throws(KnowledgeBaseError) {
        self.version = RiskLexicon.versionLine(in: text) ?? "unknown"
        let table = try TabularResource(
            name: "production-shares.tsv",
            text: text,
            required: ["commodity_id", "stage", "rank", "country", "share", "source"]
        )
        struct Stage { var shares: [(rank: Int, country: String, share: Double)] = []; var sources: [String] = [] }
        var stages: [String: [String: Stage]] = [:]
        for row in table.rows {
            let id = String(table.value(row, "commodity_id"))
            guard let share = Double(table.value(row, "share")), share > 0, share <= 1,
                let rank = Int(table.value(row, "rank"))
            else { throw .malformed("production-shares.tsv", "bad share or rank for \(id)") }
            let stage = String(table.value(row, "stage"))
            stages[id, default: [:]][stage, default: Stage()].shares.append((rank, String(table.value(row, "country")), share))
            stages[id, default: [:]][stage, default: Stage()].sources.append(String(table.value(row, "source")))
        }
        var concentrations: [String: Concentration] = [:]
        for (id, byStage) in stages {
            var best: Concentration?
            for (stage, data) in byStage {
                let shares = data.shares.sorted { $0.rank < $1.rank }
                let known = shares.reduce(0) { $0 + $1.share }
                guard known <= 1.0001 else { throw .malformed("production-shares.tsv", "shares of \(id) \(stage) exceed 1") }
                let hhi = shares.reduce(0) { $0 + $1.share * $1.share }
                let smallest = shares.map(\.share).min() ?? 0
                let top = shares.max { $0.share < $1.share }!
                let source = data.sources.first.map { $0.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? $0 } ?? ""
                let candidate = Concentration(
                    commodityID: id, stage: stage, hhi: hhi, upperBound: min(1, hhi + max(0, 1 - known) * smallest),
                    topCountry: top.country, topShare: top.share, producers: shares.count, source: source
                )
                if best.map({ (candidate.hhi, $0.stage) > ($0.hhi, candidate.stage) }) ?? true { best = candidate }
            }
            concentrations[id] = best
        }
        self.concentrations = concentrations
    }
}

/// The bundled risk model: the cue lexicon and the production-share table.
public final class RiskModel: Sendable {
    /// The version of the scoring rules in ``ArticleRiskScorer`` (change it whenever a rule or constant changes).
    public static let scorerVersion = "risk-scorer-1.2.0"

    let lexicon: RiskLexicon
    let shares: ProductionShares

    /// The lexicon's version (its `# version` line).
    public var lexiconVersion: String { self.lexicon.version }
    /// The production-share table's version.
    public var productionSharesVersion: String { self.shares.version }

    /// Builds a model from the text of its two resource files.
    public init(lexicon: String, productionShares: String) throws(KnowledgeBaseError) {
        self.lexicon = try RiskLexicon(text: lexicon)
        self.shares = try ProductionShares(text: productionShares)
    }

    /// Loads the model bundled with the module.
    public static func bundled() throws(KnowledgeBaseError) -> RiskModel {
        guard let directory = Bundle.module.url(forResource: "Risk", withExtension: nil) else {
            throw .missingResource("Risk")
        }
        func read(_ name: String) throws(KnowledgeBaseError) -> String {
            do {
                return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            } catch {
                throw .missingResource("Risk/\(name)")
            }
        }
        return try RiskModel(lexicon: read("lexicon.tsv"), productionShares: read("production-shares.tsv"))
    }
}

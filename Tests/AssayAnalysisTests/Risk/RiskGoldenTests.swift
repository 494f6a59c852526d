import AssayAnalysis
import Foundation
import Testing

/// The example articles against expectations written from reading them (see the fixtures' notes),
/// with the bundled knowledge base and risk model.
@Suite("Risk model: example articles")
struct RiskGoldenTests {
    static func analysis(_ name: String) throws -> (ArticleInput, RiskAssessment) {
        let article = try ExampleArticleTests.article(named: name)
        guard case .summary(let summary) = ExampleArticleTests.engine.analyze(article).last, let risk = summary.risk else {
            throw CancellationError()
        }
        return (article, risk)
    }

    static let names = [
        "cobalt-mine-strike.txt", "copper-market.txt", "gallium-export-controls.txt", "lithium-deal.txt",
        "rare-earths-xi-biden.txt", "sanctions-tension.txt",
    ]

    /// The strongest few contributions' cues.
    static func topCues(_ score: RiskScore, _ count: Int = 3) -> [String] {
        score.contributions.filter { $0.weight > 0 }.prefix(count).map(\.cue)
    }

    @Test("every evidence span reproduces its text", arguments: RiskGoldenTests.names)
    func evidenceSpans(name: String) throws {
        let (article, risk) = try Self.analysis(name)
        for score in risk.scores {
            for contribution in score.contributions {
                let evidence = contribution.evidence
                let field = Array((evidence.span.field == .title ? article.title : article.body).utf8)
                #expect(String(decoding: field[evidence.span.start..<evidence.span.end], as: UTF8.self) == evidence.text)
                #expect(evidence.sentenceSpan.start <= evidence.span.start && evidence.span.end <= evidence.sentenceSpan.end)
            }
        }
    }

    @Test("every value explains itself: versions, sources, 0–100 scores", arguments: RiskGoldenTests.names)
    func explained(name: String) throws {
        let (_, risk) = try Self.analysis(name)
        for score in risk.scores {
            #expect((0...100).contains(score.score) && (0...1).contains(score.value))
            #expect(score.value == 0 || score.contributions.contains { $0.weight > 0 })
            #expect(score.contributions.allSatisfy { !$0.cueSource.isEmpty && !$0.note.isEmpty })
            #expect(score.versions == risk.versions)
        }
        #expect(risk.versions.lexicon.hasPrefix("risk-lexicon-") && risk.versions.productionShares.hasPrefix("risk-shares-"))
    }

    @Test("gallium export controls: trade restriction asserted, the negated cue weighs zero, gallium HHI")
    func gallium() throws {
        let (_, risk) = try Self.analysis("gallium-export-controls.txt")
        let trade = risk.score(.tradeRestriction)
        #expect(trade.score >= 60)
        #expect(Self.topCues(trade).allSatisfy { ["export licensing", "export controls", "licensing", "tightened controls"].contains($0) })
        let negated = try #require(trade.contributions.first { $0.modality == .negated })
        #expect(negated.weight == 0 && negated.evidence.text.contains("restrictions"))
        let supply = risk.score(.supplyConcentration)
        #expect(supply.score >= 80)
        #expect(supply.contributions.first?.cue == "HHI" && supply.contributions.first?.entityIDs.first == "commodity:gallium")
        #expect(supply.contributions.contains { $0.cue == "dominant producer restricted" })
        let market = risk.score(.marketDisruption)
        #expect(market.contributions.contains { $0.cue == "price jump" })
        let stockpile = try #require(market.contributions.first { $0.cue == "stockpiling" })
        #expect(stockpile.modality == .hedged && stockpile.evidence.speaker == "Hannah Okafor")
        #expect(risk.score(.securityAndDefence).value < trade.value)
        #expect(trade.exposures.contains { $0.entityID == "country:CN" })
    }

    @Test("rare earths: restriction, concentration, tension, lowered by de-escalation; repeats add nothing")
    func rareEarths() throws {
        let (_, risk) = try Self.analysis("rare-earths-xi-biden.txt")
        let trade = risk.score(.tradeRestriction)
        #expect(trade.score >= 40)
        #expect(Self.topCues(trade).allSatisfy { ["licensing", "ban", "export controls", "tariffs"].contains($0) })
        let supply = risk.score(.supplyConcentration)
        #expect(supply.score >= 80)
        #expect(supply.contributions.first?.entityIDs.first == "commodity:rare-earths")
        let tension = risk.score(.geopoliticalTension)
        #expect(tension.contributions.contains { $0.cue == "coercion" && $0.evidence.text == "as a weapon" })
        #expect(tension.contributions.contains { $0.weight < 0 })
        #expect(risk.overall.deEscalation > 0)
        #expect(risk.score(.marketDisruption).contributions.contains { $0.cue == "shortage" })
        // Paragraphs 4–6 and 10 repeat earlier ones: no evidence comes from them.
        let spans = risk.scores.flatMap(\.contributions).map(\.evidence.text)
        #expect(spans.filter { $0 == "as a weapon" }.count == 1)
        let rareEarthsCopper = try Self.analysis("copper-market.txt").1.score(.supplyConcentration)
        #expect(rareEarthsCopper.value < supply.value)
    }

    @Test("sanctions and drills: security from military cues, never from 'trade war' or 'price war'")
    func sanctions() throws {
        let (_, risk) = try Self.analysis("sanctions-tension.txt")
        let security = risk.score(.securityAndDefence)
        #expect(security.score >= 60)
        #expect(Self.topCues(security, 2).contains("military exercises"))
        #expect(security.contributions.allSatisfy { !$0.evidence.text.lowercased().contains("war") || $0.evidence.text.lowercased().contains("warship") })
        let trade = risk.score(.tradeRestriction)
        #expect(Self.topCues(trade, 1) == ["sanctions"])
        let entityList = try #require(trade.contributions.first { $0.cue == "entity list" })
        #expect(entityList.modality == .hedged && entityList.isThreat)
        let tension = risk.score(.geopoliticalTension)
        #expect(tension.contributions.contains { $0.evidence.text == "economic aggression" })
        #expect(!tension.contributions.contains { $0.evidence.text.contains("risk analyst") })
        #expect(risk.score(.marketDisruption).contributions.contains { $0.cue == "price jump" })
    }

    @Test("copper: no trade restriction, low concentration, no security or tension")
    func copper() throws {
        let (_, risk) = try Self.analysis("copper-market.txt")
        #expect(risk.score(.tradeRestriction).value == 0)
        #expect(risk.score(.securityAndDefence).value == 0)
        #expect(risk.score(.geopoliticalTension).value == 0)
        let supply = risk.score(.supplyConcentration)
        #expect(supply.score < 40)
        #expect(supply.contributions.first?.entityIDs.first == "commodity:copper")
        #expect(supply.contributions.contains { $0.cue == "dominant producer" && $0.modality == .negated })
        let market = risk.score(.marketDisruption)
        #expect(market.score > 0 && market.score < 60)
    }

    @Test("cobalt strike: market disruption dominates; past export suspension; DRC concentration")
    func cobalt() throws {
        let (_, risk) = try Self.analysis("cobalt-mine-strike.txt")
        let market = risk.score(.marketDisruption)
        for other in [RiskCategory.tradeRestriction, .geopoliticalTension, .securityAndDefence] {
            #expect(market.value > risk.score(other).value, "\(other)")
        }
        #expect(Set(Self.topCues(market, 4)).isSubset(of: ["labour strike", "walkout", "supply disruption", "price jump", "shipping disruption", "shortage"]))
        let trade = risk.score(.tradeRestriction)
        #expect(trade.contributions.first?.evidence.text == "suspended cobalt exports")
        let supply = risk.score(.supplyConcentration)
        #expect(supply.contributions.first?.entityIDs == ["commodity:cobalt", "country:CD"])
        #expect(supply.contributions.contains { $0.cue == "dominant producer restricted" })
        #expect(market.contributions.contains { $0.evidence.speaker == "Thomas Reinholt" })
        #expect(risk.score(.securityAndDefence).value == 0)
    }

    @Test("lithium deal: low overall risk, de-escalation, no restriction or security")
    func lithium() throws {
        let (_, risk) = try Self.analysis("lithium-deal.txt")
        #expect(risk.score(.tradeRestriction).value == 0)
        #expect(risk.score(.securityAndDefence).value == 0)
        #expect(risk.overall.deEscalation > 0)
        #expect(risk.overall.score < 30)
        let supply = risk.score(.supplyConcentration)
        #expect(supply.contributions.first?.entityIDs.first == "commodity:lithium")
        let gallium = try Self.analysis("gallium-export-controls.txt").1
        #expect(risk.overall.value < gallium.overall.value)
    }
}

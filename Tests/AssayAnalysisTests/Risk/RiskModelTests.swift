@testable import AssayAnalysis
import Foundation
import Testing

/// Metamorphic tests of the risk model: properties that must hold whatever the weights are.
@Suite("Risk model: metamorphic")
struct RiskMetamorphicTests {
    static let engine = TestKnowledgeBase.engine

    static func risk(_ body: String, title: String = "") -> RiskAssessment {
        guard case .summary(let summary) = engine.analyze(ArticleInput(title: title, body: body)).last,
            let risk = summary.risk
        else { fatalError("the summary carries the risk assessment") }
        return risk
    }

    static func value(_ body: String, _ category: RiskCategory) -> Double {
        risk(body).score(category).value
    }

    /// What must not change under a text-preserving transformation (spans may move, values may not).
    static func signature(_ risk: RiskAssessment) -> [String] {
        risk.scores.flatMap { score in
            ["\(score.category) \(score.value)"]
                + score.contributions.map { "\($0.cue) \($0.weight) \($0.modality) \($0.entityIDs) \($0.evidence.speaker ?? "")" }
        } + ["overall \(risk.overall.value) \(risk.overall.deEscalation)"]
    }

    static let bases = [
        "China produces most of the world's gallium. Prices rose 12 percent on Monday.",
        "Beijing tightened export controls on gallium, traders said. Copper was little changed.",
        "The United States and China held talks in Washington. Analysts see a calm market for copper.",
        "Tensions between China and the United States rose after the military drills near South Korea.",
        "",
    ]

    @Test("adding a threat sentence never lowers geopolitical tension", arguments: [
        "China threatened to retaliate against the United States.",
        "Officials warned of a growing risk of war in the region.",
        "Beijing may impose export controls on gallium in retaliation.",
        "The standoff between Washington and Beijing could escalate.",
    ])
    func threatNeverLowersTension(threat: String) {
        for base in Self.bases {
            let before = Self.value(base, .geopoliticalTension)
            let after = Self.value(base + "\n" + threat, .geopoliticalTension)
            #expect(after >= before, "\(base) + \(threat)")
        }
        #expect(Self.value(threat, .geopoliticalTension) > 0, "the threat sentence is itself evidence: \(threat)")
    }

    @Test("'no plans to' before a restriction never raises trade restriction", arguments: [
        ("China will impose export controls on gallium.", "China has no plans to impose export controls on gallium."),
        ("The United States will impose new tariffs on Chinese copper.", "The United States has no plans to impose new tariffs on Chinese copper."),
        ("Washington will ban exports of chip tools to China.", "Washington has no plans to ban exports of chip tools to China."),
    ])
    func negationNeverRaisesTrade(asserted: String, negated: String) throws {
        for base in Self.bases {
            let plain = Self.value(base + "\n" + asserted, .tradeRestriction)
            let withNegation = Self.value(base + "\n" + negated, .tradeRestriction)
            #expect(withNegation <= plain, "\(base) + \(negated)")
            #expect(withNegation == Self.value(base, .tradeRestriction), "a negated cue adds nothing")
        }
        let contributions = Self.risk(negated).score(.tradeRestriction).contributions
        let cue = try #require(contributions.first { $0.modality == .negated })
        #expect(cue.weight == 0)
        #expect(contributions.allSatisfy { $0.weight >= 0 })
    }

    @Test("adding a de-escalation sentence never raises the article score", arguments: [
        "The two governments reached a deal on Tuesday.",
        "Beijing lifted the ban on chip exports.",
        "Washington offered concessions to ease tensions.",
        "China and the United States signed an agreement to cooperate.",
    ])
    func deEscalationNeverRaisesOverall(sentence: String) {
        // (A sentence that names a new commodity brings in that commodity's concentration, a fact
        // rather than a cue; these sentences name none.)
        for base in Self.bases {
            let before = Self.risk(base)
            let after = Self.risk(base + "\n" + sentence)
            #expect(after.overall.value <= before.overall.value, "\(base) + \(sentence)")
            #expect(after.score(.geopoliticalTension).value <= before.score(.geopoliticalTension).value)
            #expect(after.score(.tradeRestriction).value <= before.score(.tradeRestriction).value)
        }
        let base = "Beijing imposed export controls on gallium amid rising tension with Washington."
        #expect(Self.risk(base + "\n" + sentence).overall.deEscalation > 0, "\(sentence) is de-escalation")
    }

    @Test("a military strike is not a labour strike; a workers' strike still is")
    func militaryStrikes() {
        #expect(Self.value("The United States carried out air strikes on rebel targets near the port.", .marketDisruption) == 0)
        #expect(Self.value("Warships launched missile strikes on the coast.", .marketDisruption) == 0)
        #expect(Self.value("Dockworkers at the port went on strike on Monday.", .marketDisruption) > 0)
        // Once the article has named a military strike, a later bare "the strikes" keeps that sense,
        // also in a later paragraph; without the military strike the same sentence is a labour strike.
        let later = "Tehran called the strikes a violation of its sovereignty."
        #expect(Self.value("Israel launched air strikes on sites near Isfahan.\n" + later, .marketDisruption) == 0)
        #expect(Self.value("Israel launched air strikes on sites near Isfahan. " + later, .marketDisruption) == 0)
        #expect(Self.value(later, .marketDisruption) > 0)
        // A labour strike before the military one still counts, also earlier in the same sentence.
        #expect(Self.value("Miners went on strike at the copper mine.\nIsrael launched air strikes on sites near Isfahan.", .marketDisruption) > 0)
        #expect(Self.value("Miners went on strike at the copper mine as air strikes hit the city.", .marketDisruption) > 0)
        // Only "strike(s)" keeps the military sense: a later walkout is still labour unrest.
        #expect(Self.value("Israel launched air strikes on sites near Isfahan.\nDockworkers staged a walkout at the port.", .marketDisruption) > 0)
        // The verb before a place ("Israel strikes Iranian sites") is not a labour strike; the noun is.
        #expect(Self.value("The United States strikes Syria overnight.", .marketDisruption) == 0)
        #expect(Self.value("Washington strikes Chinese radar sites.", .marketDisruption) == 0)
        #expect(Self.value("Strikes in China halted the refineries.", .marketDisruption) > 0)
        // Wording unions use too ("strikes on") suppresses only its own words.
        #expect(Self.value("Unions announced strikes on three railways.\nThe strikes halted freight.", .marketDisruption) > 0)
    }

    @Test("later= names a cue above it, or the lexicon does not load")
    func laterExclusionRule() throws {
        let header = "category\tcue\tforms\tweight\tkind\tcontext\tsource\n"
        let strike = "market_disruption\tlabour strike\tstrike*\t0.3\tact\t\ttest\n"
        let military = "market_disruption\tmilitary strike\tair strike*\t0\texclusion\tscope=span,later=labour strike\ttest\n"
        let lexicon = try RiskLexicon(text: header + strike + military)
        #expect(lexicon.entries[1].laterExcluded == [0])
        #expect(throws: KnowledgeBaseError.self) { try RiskLexicon(text: header + military + strike) }
        let notExclusion = "market_disruption\tembargo\tembargo*\t0.3\tact\tlater=labour strike\ttest\n"
        #expect(throws: KnowledgeBaseError.self) { try RiskLexicon(text: header + strike + notExclusion) }
    }

    @Test("a meeting alone is neutral")
    func meetingIsNeutral() {
        let base = "Beijing imposed export controls on gallium amid rising tension with Washington."
        let after = Self.risk(base + "\nXi Jinping will meet Joe Biden in South Korea next week for talks.")
        #expect(after == Self.risk(base) || Self.signature(after) == Self.signature(Self.risk(base)))
    }

    @Test("duplicating a paragraph changes nothing")
    func duplicateParagraph() {
        let paragraphs = [
            "China tightened export controls on gallium, and prices rose 12 percent.",
            "Officials warned that the standoff with the United States could escalate.",
            "Military drills near South Korea continued on Tuesday.",
        ]
        let original = Self.risk(paragraphs.joined(separator: "\n"))
        let duplicated = Self.risk((paragraphs + [paragraphs[0], paragraphs[1]]).joined(separator: "\n"))
        let interleaved = Self.risk([paragraphs[0], paragraphs[1], paragraphs[0], paragraphs[2], paragraphs[1]].joined(separator: "\n\n"))
        #expect(duplicated == original)
        #expect(Self.signature(interleaved) == Self.signature(original))
    }

    @Test("NFC and NFD text, curly and straight quotes change nothing")
    func normalisation() {
        let text = "“We will not accept this,” said Zoë Müller, a fellow at the Council on Foreign Relations. China’s export controls on gallium may tighten the market, and the café owners’ strike halted shipments."
        let nfd = text.decomposedStringWithCanonicalMapping
        let straight = text.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
            .replacingOccurrences(of: "’", with: "'")
        let reference = Self.signature(Self.risk(text.precomposedStringWithCanonicalMapping))
        #expect(Array(nfd.utf8) != Array(text.utf8))
        #expect(Self.signature(Self.risk(nfd)) == reference)
        #expect(Self.signature(Self.risk(straight)) == reference)
    }

    @Test("swapping gallium for copper lowers supply concentration", arguments: [
        "China restricted exports of gallium this year.",
        "Gallium prices rose as buyers looked for supply.",
        "Smelters in China process most of the world's gallium, analysts said.",
    ])
    func galliumToCopper(sentence: String) {
        let copper = sentence.replacingOccurrences(of: "gallium", with: "copper").replacingOccurrences(of: "Gallium", with: "Copper")
        let gallium = Self.value(sentence, .supplyConcentration)
        #expect(Self.value(copper, .supplyConcentration) < gallium)
        #expect(gallium > 0.8)
    }

    @Test("'price war', 'trade war' and 'war on drugs' never raise security and defence", arguments: [
        "Producers in Indonesia are locked in a price war.",
        "Investors fear a full-blown trade war between China and the United States.",
        "The trade war escalated on Monday.",
        "The government declared a war on drugs.",
        "Price wars and trade wars hurt copper miners.",
    ])
    func idiomsAreNotSecurity(sentence: String) {
        for base in Self.bases {
            #expect(Self.value(base + "\n" + sentence, .securityAndDefence) <= Self.value(base, .securityAndDefence), "\(sentence)")
        }
    }

    @Test("a warning is geopolitical only near a word of conflict")
    func warningsNeedConflict() {
        for sentence in [
            "Analysts warned that tighter quotas could push copper prices higher.",
            "Traders warned the yuan could weaken against the dollar.",
        ] {
            let market = Self.risk(sentence).score(.geopoliticalTension)
            #expect(market.contributions.isEmpty, "\(sentence): \(market.contributions.map(\.cue))")
        }
        for sentence in ["Beijing warned of retaliation.", "China warned it would respond to any escalation."] {
            let cues = Self.risk(sentence).score(.geopoliticalTension).contributions.map(\.cue)
            #expect(cues.contains("warning"), "\(sentence): \(cues)")
        }
        let state = Self.risk("China warned the United States against interference in its affairs.").score(.geopoliticalTension)
        let cues = state.contributions.map(\.cue)
        #expect(cues == ["warning"])
        #expect(state.contributions.allSatisfy { $0.isThreat })
    }

    @Test("the GPR proximity rule: 'war' within two words of a threat word is a war threat")
    func proximity() {
        let near = Self.risk("Officials see a growing threat of war in the region.").score(.geopoliticalTension)
        #expect(near.contributions.contains { $0.cue == "war threat" })
        let far = Self.risk("The war museum reopened. Officials expect no threat to visitors this year at all.").score(.geopoliticalTension)
        #expect(!far.contributions.contains { $0.cue == "war threat" })
    }

    @Test("lemmas: restrict, restricted, restrictions all match", arguments: ["restrict", "restricted", "restricts", "restricting", "restrictions"])
    func lemmas(word: String) {
        let score = Self.risk("China will \(word) gallium exports.").score(.tradeRestriction)
        #expect(score.contributions.contains { $0.cue == "restrictions" && $0.evidence.text.lowercased() == word })
        #expect(Self.risk("The unrestricted market and the district office.").score(.tradeRestriction).value == 0)
    }

    @Test("hedges halve a cue and mark it a threat")
    func hedge() throws {
        let asserted = try #require(Self.risk("China imposed export controls on gallium.").score(.tradeRestriction).contributions.first)
        let hedged = try #require(Self.risk("China may impose export controls on gallium.").score(.tradeRestriction).contributions.first)
        #expect(hedged.modality == .hedged && hedged.isThreat)
        #expect(abs(hedged.weight - asserted.weight * 0.5) < 1e-9)
        #expect(!asserted.isThreat)
        // A modal governs the verbs coordinated after it, up to 12 tokens on, within its clause.
        let coordinated = try #require(
            Self.risk("Tighter quotas could push copper prices on the London exchange higher and disrupt supply.")
                .score(.marketDisruption).contributions.first { $0.cue == "supply disruption" }
        )
        #expect(coordinated.modality == .hedged)
        // A clause boundary still ends it.
        let separate = try #require(
            Self.risk("Exports could resume next month, but the strike disrupted supply in May.")
                .score(.marketDisruption).contributions.first { $0.cue == "supply disruption" }
        )
        #expect(separate.modality == .asserted)
    }

    @Test("reported speech keeps the speaker")
    func speaker() throws {
        let risk = Self.risk("“Beijing may weaponize gallium,” said Zongyuan Zoe Liu, a fellow at the Council on Foreign Relations.")
        let cue = try #require(risk.score(.geopoliticalTension).contributions.first)
        #expect(cue.evidence.speaker == "Zongyuan Zoe Liu")
    }

    @Test("the dominant producer named with a restriction raises supply concentration")
    func dominantProducer() {
        let plain = Self.value("Buyers use gallium in chips. China holds most gallium output.", .supplyConcentration)
        let restricted = Self.value("Buyers use gallium in chips. China restricted gallium exports.", .supplyConcentration)
        #expect(restricted > plain)
    }

    @Test("the same input twice gives equal results, events included")
    func determinism() {
        let body = Self.bases.joined(separator: "\n")
        let first = Self.engine.analyze(ArticleInput(title: "China tightens gallium export controls", body: body))
        let second = Self.engine.analyze(ArticleInput(title: "China tightens gallium export controls", body: body))
        #expect(first == second)
        #expect(first.contains { if case .riskUpdated = $0 { true } else { false } })
    }

    @Test("risk events follow the paragraph's entity events")
    func streamingOrder() {
        var analysis = Self.engine.analysis(of: ArticleInput(body: "China tightened export controls on gallium.\nCopper was flat."))
        var steps: [[AnalysisEvent]] = []
        while let step = analysis.next() { steps.append(step) }
        let first = steps[0]
        let riskIndex = first.firstIndex { if case .riskUpdated = $0 { true } else { false } }
        let lastEntity = first.lastIndex { if case .entityFound = $0 { true } else { false } }
        #expect(riskIndex != nil && lastEntity != nil && riskIndex! > lastEntity!)
        if case .riskUpdated(let paragraph, let scores) = first[riskIndex!] {
            #expect(paragraph == 0)
            #expect(scores.allSatisfy { $0.versions.scorer == RiskModel.scorerVersion && $0.versions.knowledgeBase == "kb-test" })
        }
    }
}

import Testing

@testable import AssayAnalysis

@Suite("Listed organisations")
struct ListedOrganizationTests {
    static let engine = AnalysisEngine(
        knowledgeBase: TestKnowledgeBase.shared,
        recognizers: [
            ListedOrganizationRecognizer(
                listText: "name\ttype\nZentrovia\torganisation\nApple\torganisation\nBank of Veltra\torganisation\nVeltra\tplace\n"
                    + "Patriots\torganisation\nSaints of Veltra\torganisation\n"
            )
        ]
    )

    /// The organisations the engine finds in `body`, by name.
    static func organisations(_ body: String) -> [String] {
        Self.engine.analyze(ArticleInput(body: body)).compactMap { event in
            guard case .entityFound(let entity) = event, entity.type == .organization else { return nil }
            #expect(entity.source == .rule)
            return entity.name
        }
    }

    @Test func aListedNameInsideASentenceIsAnOrganisation() {
        #expect(Self.organisations("Shares of Zentrovia rose on Monday.") == ["Zentrovia"])
        #expect(Self.organisations("He moved his savings to the Bank of Veltra last year.") == ["Bank of Veltra"])
    }

    @Test func onlyOrganisationRowsCountAndOnlyAsWritten() {
        #expect(Self.organisations("Rain fell on Veltra for days.").isEmpty, "a place row")
        #expect(Self.organisations("Shares of zentrovia rose.").isEmpty, "matched case-sensitively")
    }

    @Test func aNameInsideALongerCapitalisedNameIsNotTaken() {
        #expect(Self.organisations("Fans of Apple Music complained.").isEmpty)
        #expect(Self.organisations("She bought Red Zentrovia stock.").isEmpty)
    }

    @Test func aOneWordNameOpeningASentenceNeedsAReportVerb() {
        #expect(Self.organisations("Apple prices fell in the autumn.").isEmpty)
        #expect(Self.organisations("Apple said on Monday it would invest.") == ["Apple"])
        #expect(Self.organisations("Bank of Veltra cut its rates.") == ["Bank of Veltra"], "several words need no verb")
    }

    @Test func oneWordPluralNamesAreLeftToTheTagger() {
        #expect(Self.organisations("Washington agreed to send more Patriots to Kyiv.").isEmpty)
        #expect(Self.organisations("He played for the Saints of Veltra until May.") == ["Saints of Veltra"])
    }

    @Test func theBundledListLoadsItsOrganisations() throws {
        let recognizer = try ListedOrganizationRecognizer.bundled()
        let engine = AnalysisEngine(knowledgeBase: TestKnowledgeBase.shared, recognizers: [recognizer])
        let found = engine.analyze(ArticleInput(body: "Shares of Google rose.")).contains { event in
            if case .entityFound(let entity) = event { entity.name == "Google" && entity.type == .organization } else { false }
        }
        #expect(found)
    }
}

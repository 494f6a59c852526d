import Testing

@testable import AssayAnalysis

@Suite("Listed organisations")
struct ListedOrganizationTests {
    static let engine = AnalysisEngine(
        knowledgeBase: TestKnowledgeBase.shared,
        recognizers: [
            ListedOrganizationRecognizer(
                listText: "name\ttype\nZentrovia\torganisation\nApple\torganisation\nBank of Veltra\torganisation\nVeltra\tplace\n"
                    + "Patriots\torganisation\nSaints of Veltra\torganisation\nMcDonald's\torganisation\n"
                    + "Siemens\torganisation\n3M\torganisation\n"
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

    @Test func namesThatMostlyMeanSomethingElseAreLeftToTheTagger() {
        #expect(Self.organisations("Washington agreed to send more Patriots to Kyiv.").isEmpty)
        #expect(Self.organisations("He played for the Saints of Veltra until May.") == ["Saints of Veltra"])
        #expect(Self.organisations("Shares of Siemens rose.") == ["Siemens"], "a plural-looking company")
    }

    @Test func apostrophesDigitsAndSentenceOpenings() {
        #expect(Self.organisations("Shares of McDonald’s rose.") == ["McDonald’s"], "a curly apostrophe")
        #expect(Self.organisations("Shares of 3M rose.") == ["3M"], "a name that starts with a digit")
        #expect(Self.organisations("But Apple said it would wait.") == ["Apple"])
        #expect(Self.organisations("But Apple prices fell.").isEmpty)
        #expect(Self.organisations("LONDON (Reuters) - Apple prices fell.").isEmpty)
        #expect(Self.organisations("Traders sold it, then Zentrovia.") == ["Zentrovia"], "a name ending the sentence")
    }

    @Test func tsvRowsSkipTheHeaderAndBlankLinesAndWindowsLineEnds() {
        let rows = TSV.rows("name\ttype\r\n\r\nZentrovia\torganisation\r\nA\t\tc\nlast\tline")
        #expect(rows == [["Zentrovia", "organisation"], ["A", "", "c"], ["last", "line"]])
    }

    @Test func aListedNameThatStartsWithANationalityIsNamedWhole() {
        // The test knowledge base has "American" as the United States' demonym: it stays a mention
        // of the country, and the listed company is named whole, before the cue rules' "X said".
        let recognizers: [any NameRecognizer] = [
            ListedOrganizationRecognizer(listText: "name\ttype\nAmerican Airlines\torganisation\n"),
            CueBasedNameRecognizer(knowledgeBase: TestKnowledgeBase.shared),
        ]
        let engine = AnalysisEngine(knowledgeBase: TestKnowledgeBase.shared, recognizers: recognizers)
        let entities = engine.analyze(ArticleInput(body: "American Airlines said it would cut 500 jobs.")).compactMap { event in
            if case .entityFound(let entity) = event { (entity.name, entity.type) } else { nil }
        }
        #expect(entities.contains { $0 == ("American Airlines", .organization) })
        #expect(entities.contains { $0 == ("United States", .location) })
        #expect(!entities.contains { $0.1 == .person })
        // Without the list the cue rules read the speaker as a person, and the country keeps "American".
        let cueOnly = AnalysisEngine(knowledgeBase: TestKnowledgeBase.shared, recognizers: [recognizers[1]])
        let names = cueOnly.analyze(ArticleInput(body: "American Airlines said it would cut 500 jobs.")).compactMap { event in
            if case .entityFound(let entity) = event { entity.name } else { nil }
        }
        #expect(!names.contains("American Airlines"))
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

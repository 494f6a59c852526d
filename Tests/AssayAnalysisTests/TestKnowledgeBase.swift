@testable import AssayAnalysis

/// A small knowledge base written for the tests, independent of the generated resources.
enum TestKnowledgeBase {
    static let shared: KnowledgeBase = {
        let entities = """
            id\ttype\tsubtype\tname\tcountry\twikidata\tdescription\tsource
            country:CN\tLOCATION\tCOUNTRY\tChina\tCN\tQ148\tCountry in East Asia\ttest
            country:US\tLOCATION\tCOUNTRY\tUnited States\tUS\tQ30\tCountry in North America\ttest
            country:KR\tLOCATION\tCOUNTRY\tSouth Korea\tKR\t\tCountry in East Asia\ttest
            country:SY\tLOCATION\tCOUNTRY\tSyria\tSY\t\tCountry\ttest
            city:washington-dc\tLOCATION\tCITY\tWashington, D.C.\tUS\t\tCapital of the United States\ttest
            city:beijing\tLOCATION\tCITY\tBeijing\tCN\t\tCapital of China\ttest
            region:us-washington\tLOCATION\tREGION\tWashington\tUS\t\tUS state\ttest
            person:xi-jinping\tPERSON\t\tXi Jinping\tCN\t\tPresident of China\ttest
            person:joe-biden\tPERSON\t\tJoe Biden\tUS\t\tFormer US president\ttest
            person:bashar-al-assad\tPERSON\t\tBashar al-Assad\tSY\t\tFormer president of Syria\ttest
            org:council-on-foreign-relations\tORGANIZATION\tRESEARCH_INSTITUTE\tCouncil on Foreign Relations\tUS\t\tThink tank\ttest
            commodity:rare-earths\tCOMMODITY\tELEMENT_GROUP\trare earths\t\t\tRare earth elements\ttest
            commodity:gallium\tCOMMODITY\tMINERAL\tgallium\t\t\tMetal\ttest
            commodity:copper\tCOMMODITY\tMINERAL\tcopper\t\t\tMetal\ttest
            """
        let aliases = """
            entity_id\talias\tkind\tflags\tsource
            country:CN\tChina\tNAME\tcase-sensitive\ttest
            country:CN\tPeople's Republic of China\tNAME\t\ttest
            country:CN\tChinese\tDEMONYM\t\ttest
            country:CN\tBeijing\tMETONYM\tambiguous\ttest
            city:beijing\tBeijing\tNAME\tambiguous\ttest
            country:US\tUnited States\tNAME\t\ttest
            country:US\tUS\tABBREVIATION\tcase-sensitive\ttest
            country:US\tU.S.\tABBREVIATION\tcase-sensitive\ttest
            country:US\tAmerica\tNAME\t\ttest
            country:US\tAmerican\tDEMONYM\t\ttest
            country:US\tWashington\tMETONYM\tambiguous\ttest
            city:washington-dc\tWashington\tNAME\tambiguous\ttest
            city:washington-dc\tWashington, D.C.\tNAME\t\ttest
            region:us-washington\tWashington\tNAME\tambiguous\ttest
            country:KR\tSouth Korea\tNAME\t\ttest
            country:SY\tSyria\tNAME\t\ttest
            person:xi-jinping\tXi Jinping\tNAME\t\ttest
            person:xi-jinping\tXi\tPARTIAL\tcase-sensitive\ttest
            person:joe-biden\tJoe Biden\tNAME\t\ttest
            person:joe-biden\tBiden\tPARTIAL\tcase-sensitive\ttest
            person:bashar-al-assad\tBashar al-Assad\tNAME\t\ttest
            person:bashar-al-assad\tAssad\tPARTIAL\t\ttest
            org:council-on-foreign-relations\tCouncil on Foreign Relations\tNAME\t\ttest
            commodity:rare-earths\trare earths\tNAME\t\ttest
            commodity:rare-earths\trare earth elements\tNAME\t\ttest
            commodity:rare-earths\trare-earth elements\tNAME\t\ttest
            commodity:rare-earths\trare-earth minerals\tNAME\t\ttest
            commodity:rare-earths\tREEs\tABBREVIATION\tcase-sensitive\ttest
            commodity:gallium\tgallium\tNAME\t\ttest
            commodity:copper\tcopper\tNAME\t\ttest
            """
        let cues = """
            cue\tkind\ttype\tsource
            President\tTITLE_BEFORE\tPERSON\ttest
            Minister\tTITLE_BEFORE\tPERSON\ttest
            Mr.\tTITLE_BEFORE\tPERSON\ttest
            Ministry of\tORG_HEAD\tORGANIZATION\ttest
            Company\tORG_HEAD\tORGANIZATION\ttest
            , a fellow at\tROLE_AFTER\tPERSON\ttest
            """
        let suffixes = "suffix\tsource\nLtd\ttest\nInc\ttest\n"
        return try! KnowledgeBase(
            manifest: "key\tvalue\nversion\tkb-test\n",
            entities: entities,
            aliases: aliases,
            cues: cues,
            legalSuffixes: suffixes
        )
    }()

    static let engine = AnalysisEngine(knowledgeBase: shared, riskModel: try! RiskModel.bundled())

    /// The summary of analysing `body` (and `title`).
    static func summary(_ body: String, title: String = "") -> AnalysisSummary {
        let events = engine.analyze(ArticleInput(title: title, body: body))
        guard case .summary(let summary) = events.last else { fatalError("the last event is always the summary") }
        return summary
    }
}

extension AnalysisSummary {
    /// The entity with this id, if found.
    func entity(_ id: String) -> ArticleEntity? { self.entities.first { $0.id == id } }
    var ids: Set<String> { Set(self.entities.map(\.id)) }
}

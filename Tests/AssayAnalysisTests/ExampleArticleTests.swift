import AssayAnalysis
import Foundation
import Testing

/// The example articles against their hand-written expectations (Fixtures/*.json), with the
/// knowledge base the server ships.
@Suite("Example articles")
struct ExampleArticleTests {
    struct Fixture: Decodable {
        struct Expected: Decodable {
            var id: String
            var type: String
            var surfaces: [String]
            var min_mentions: Int
        }

        var article: String
        var entities: [Expected]
        var must_not_be_entities: [String]
        var repeated_paragraphs: [[Int]]
    }

    static let fixtureNames: [String] = {
        let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        let files = try! FileManager.default.contentsOfDirectory(atPath: directory.path)
        return files.filter { $0.hasSuffix(".json") }.sorted()
    }()

    static let engine = try! AnalysisEngine.bundled()

    @Test("every example article has its fixture")
    func fixturesPresent() {
        #expect(Self.fixtureNames.count == 6)
    }

    /// Reads an example article: first line the title, then a blank line, then the body.
    static func article(named name: String) throws -> ArticleInput {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Examples/articles/\(name)"), encoding: .utf8)
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        return ArticleInput(reference: name, title: String(parts[0]), body: parts.count > 1 ? String(parts[1]) : "")
    }

    @Test("expected entities, surfaces, mention counts and repeats", arguments: ExampleArticleTests.fixtureNames)
    func fixture(name: String) throws {
        let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let article = try Self.article(named: fixture.article)
        guard case .summary(let summary) = Self.engine.analyze(article).last else {
            Issue.record("no summary")
            return
        }
        for expected in fixture.entities {
            guard let entity = summary.entities.first(where: { $0.id == expected.id }) else {
                Issue.record("\(fixture.article): missing \(expected.id)")
                continue
            }
            #expect(entity.type.rawValue == expected.type)
            let texts = Set(entity.mentions.map(\.text))
            for surface in expected.surfaces {
                #expect(texts.contains(surface), "\(fixture.article): \(expected.id) lacks mention '\(surface)'")
            }
            #expect(entity.mentions.count >= expected.min_mentions, "\(fixture.article): \(expected.id) mentions")
        }
        for word in fixture.must_not_be_entities {
            #expect(!summary.entities.contains { $0.name == word }, "\(fixture.article): spurious entity '\(word)'")
        }
        // Repeated paragraphs, as [repeat, original] indices over body paragraphs.
        var body = article.body
        let paragraphs = body.withUTF8 { TextSegmentation.paragraphs(of: $0, field: .body) }
        let found = summary.repetitions.filter { $0.scope == .paragraph }.map { repetition in
            [
                paragraphs.firstIndex { $0.span == repetition.span } ?? -1,
                paragraphs.firstIndex { $0.span == repetition.original } ?? -1,
            ]
        }
        #expect(found == fixture.repeated_paragraphs, "\(fixture.article): repeated paragraphs")
    }
}

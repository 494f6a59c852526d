import AssayAnalysis
import AssayProtocol
import AssayServer
import Foundation
import Logging
import NIOCore

/// A real server on loopback for the duration of a test.
enum TestServer {
    static let engine: AnalysisEngine = {
        do {
            return try AnalysisEngine.bundled()
        } catch {
            fatalError("cannot load the bundled knowledge base: \(error)")
        }
    }()

    /// Runs `body` with a server on 127.0.0.1 (port 0 unless the configuration names one), then drains it.
    static func with<T: Sendable>(
        _ configuration: AssayServerConfiguration = AssayServerConfiguration(port: 0),
        _ body: (AssayServer, Int) async throws -> T
    ) async throws -> T {
        let server = AssayServer(configuration: configuration, engine: self.engine, logger: Logger(label: "assay.test.server"))
        return try await server.withRunning { port in try await body(server, port) }
    }

    /// An example article from `Examples/articles`.
    static func article(_ name: String = "gallium-export-controls") -> Assay_Article {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/articles/\(name).txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? "Untitled\n\nChina restricts gallium exports."
        var article = Assay_Article()
        article.reference = name
        if let newline = text.firstIndex(of: "\n") {
            article.title = String(text[..<newline])
            article.body = text[text.index(after: newline)...].trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            article.body = text
        }
        return article
    }

    /// A long article (the example repeated), which takes the server a while and many events.
    static func longArticle() -> Assay_Article {
        var article = self.article()
        article.reference = "long"
        article.body = Array(repeating: article.body, count: 12).joined(separator: "\n\n")
        return article
    }

    /// A port nothing listens on.
    static func deadPort() async throws -> Int {
        try await self.with { _, port in port }
    }
}

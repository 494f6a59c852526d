import ArgumentParser
import AssayAnalysis
import AssayClient
import AssayProtocol
import AssayServer
import Foundation
import Logging
import NIOCore

/// `assay demo`: starts a server, analyses the example articles through the client, prints results.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a server on loopback and analyse Examples/articles through the real client."
    )

    @Option(help: "The folder of articles (first line title, blank line, body).")
    var articles = "Examples/articles"

    func run() async throws {
        let folder = URL(fileURLWithPath: self.articles)
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let engine = AnalysisEngine(knowledgeBase: try KnowledgeBase.bundled())
        let server = AssayServer(
            configuration: AssayServerConfiguration(port: 0),
            engine: engine,
            logger: Logger(label: "assay.server")
        )
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let port = try await server.listeningAddress.port ?? 0
            var totalEntities = 0
            var totalEvents = 0
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                for file in files {
                    let text = try String(contentsOf: file, encoding: .utf8)
                    let (title, body) = Self.split(text)
                    var article = Assay_Article()
                    article.reference = file.deletingPathExtension().lastPathComponent
                    article.title = title
                    article.body = body
                    var summary: Assay_AnalysisSummary?
                    for try await event in try await client.analyze(article) {
                        totalEvents += 1
                        if case .summary(let value) = event.event { summary = value }
                    }
                    guard let summary else { continue }
                    totalEntities += summary.entities.count
                    Self.printTable(reference: article.reference, summary: summary)
                }
            }
            let elapsed = ContinuousClock.now - started
            let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            print("total: \(files.count) articles, \(totalEntities) entities, \(totalEvents) events, \(milliseconds) ms")
            server.beginGracefulShutdown()
            try await group.waitForAll()
        }
    }

    /// Splits "title, blank line, body".
    static func split(_ text: String) -> (title: String, body: String) {
        guard let newline = text.firstIndex(of: "\n") else { return (text, "") }
        let title = String(text[..<newline])
        let body = text[text.index(after: newline)...].trimmingCharacters(in: .whitespacesAndNewlines)
        return (title, body)
    }

    static func printTable(reference: String, summary: Assay_AnalysisSummary) {
        print("== \(reference)")
        print("  " + "entity".padding(toLength: 36, withPad: " ", startingAt: 0)
            + "type".padding(toLength: 14, withPad: " ", startingAt: 0) + "mentions  salience")
        for entity in summary.entities.prefix(12) {
            let type = "\(entity.type)".padding(toLength: 14, withPad: " ", startingAt: 0)
            let name = String(entity.name.prefix(35)).padding(toLength: 36, withPad: " ", startingAt: 0)
            let mentions = String(entity.mentions.count).padding(toLength: 10, withPad: " ", startingAt: 0)
            print("  \(name)\(type)\(mentions)\(String(format: "%.2f", entity.salience))")
        }
        let repeated = summary.repetitions.filter { $0.scope == .paragraph }.count
        print("  repeated paragraphs: \(repeated)\n")
    }
}

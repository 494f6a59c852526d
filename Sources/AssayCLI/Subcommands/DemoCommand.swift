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
        abstract: "Start a server on loopback and analyse Examples/articles through the real client.",
        discussion: """
            Finds Examples/articles in the current directory or its parents, or else in the package the \
            executable was built from; --articles names another folder.

            Examples:
              assay demo
              assay demo --articles ~/news
            """
    )

    @Option(help: "The folder of articles (first line title, blank line, body); default: Examples/articles.")
    var articles: String?

    func run() async throws {
        let folder = try ExampleArticles.folder(override: self.articles)
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "txt" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw CLIError.usage("cannot read the articles folder \(folder.path)")
        }
        let engine = try AnalysisEngine.bundled()
        let server = AssayServer(
            configuration: AssayServerConfiguration(port: 0),
            engine: engine,
            logger: Self.quietLogger
        )
        let printer = EventPrinter(style: Style(enabled: Terminal.standardOutput.usesColour), showsProgress: false)
        let started = ContinuousClock.now
        try await server.withRunning { port in
            var totalEntities = 0
            var totalEvents = 0
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                for file in files {
                    let article: Assay_Article
                    do throws(ArticleFile.ReadError) {
                        article = try ArticleFile.read(file.path)
                    } catch {
                        throw CLIError.failure("\(file.path): \(error.message)")
                    }
                    for try await event in try await client.analyze(article) {
                        totalEvents += 1
                        if case .summary(let summary) = event.event {
                            totalEntities += summary.entities.count
                            print(printer.render(event, article: article), terminator: "")
                        }
                    }
                }
            }
            let elapsed = ContinuousClock.now - started
            let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            print("total: \(files.count) articles, \(totalEntities) entities, \(totalEvents) events, \(milliseconds) ms")
        }
    }

    /// The in-process server logs only warnings and errors: the demo's output is the analysis.
    static var quietLogger: Logger {
        var logger = Logger(label: "assay.server")
        logger.logLevel = .warning
        return logger
    }
}

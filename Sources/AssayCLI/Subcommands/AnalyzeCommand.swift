import ArgumentParser
import AssayClient
import AssayProtocol
import Foundation
import SwiftProtobuf

/// `assay analyze`: sends articles to a server and prints the events as they arrive.
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse article files (or a directory, or - for standard input) on a server.",
        discussion: """
            An article file holds the title on its first line, a blank line, then the body; when the second \
            line is not blank the whole file is the body. Events are printed as the server sends them. With \
            --json every event is one JSON object per line (protobuf's canonical JSON of assay.v1.AnalysisEvent). \
            A directory shows a progress bar on a terminal and a summary at the end; a file that fails is \
            reported and the others still run (exit 1).

            Examples:
              assay analyze Examples/articles/gallium-export-controls.txt
              assay analyze --json --deadline 5 Examples/articles | jq -c 'select(.summary) | .summary.overall'
              echo "China restricts gallium exports." | assay analyze --server 10.0.0.5:7443 -
            """
    )

    @OptionGroup var client: ClientOptions

    @Flag(name: .long, help: "Print one JSON object per event per line.")
    var json = false

    @Argument(help: "Article files, directories of article files, or - for standard input.")
    var inputs: [String] = []

    func validate() throws {
        if self.inputs.isEmpty { throw ValidationError("give at least one FILE, DIR or -") }
        if self.inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("- (standard input) may be given once") }
    }

    func run() async throws {
        let paths = try ArticleFile.expand(self.inputs)
        guard !paths.isEmpty else { throw CLIError.usage("no article files in \(self.inputs.joined(separator: " "))") }
        let stdout = Terminal.standardOutput
        let stderr = Terminal.standardError
        let printer = EventPrinter(style: Style(enabled: stdout.usesColour), showsProgress: paths.count == 1)
        let errorStyle = Style(enabled: stderr.usesColour)
        var progress = ProgressBar(total: paths.count, enabled: paths.count > 1 && stderr.isTerminal)
        let started = ContinuousClock.now
        var failures = 0
        var events = 0

        try await self.client.withClient { client in
            for (index, path) in paths.enumerated() {
                progress.draw(done: index, current: path)
                let article: Assay_Article
                do throws(ArticleFile.ReadError) {
                    article = try ArticleFile.read(path)
                } catch {
                    progress.clear()
                    stderr.write(errorStyle.red("assay: \(path): \(error.message)") + "\n")
                    failures += 1
                    continue
                }
                do {
                    var sawFailure = false
                    for try await event in try await client.analyze(article) {
                        events += 1
                        if case .failed = event.event { sawFailure = true }
                        let text = self.json ? try event.jsonString() + "\n" : printer.render(event, article: article)
                        if !text.isEmpty {
                            progress.clear()
                            stdout.write(text)
                        }
                    }
                    if sawFailure { failures += 1 }
                } catch let error as AssayClientError {
                    if error.isServerUnreachable { throw error }
                    progress.clear()
                    stderr.write(errorStyle.red("assay: \(path): \(error)") + "\n")
                    failures += 1
                }
            }
        }
        progress.clear()
        if paths.count > 1 {
            let seconds = (ContinuousClock.now - started) / .seconds(1)
            stderr.write(
                "analysed \(paths.count - failures) of \(paths.count) articles"
                    + (failures > 0 ? " (\(failures) failed)" : "")
                    + ", \(events) events, " + String(format: "%.2f s", seconds) + "\n"
            )
        }
        if failures > 0 {
            // Each failure has been reported on its own line, and the summary counts them.
            throw CLIError(message: "", exitCode: 1)
        }
    }
}

/// A one-line progress bar on standard error.
struct ProgressBar {
    let total: Int
    let enabled: Bool
    private var drawn = false

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    mutating func draw(done: Int, current: String) {
        guard self.enabled else { return }
        let width = 30
        let filled = self.total == 0 ? width : width * done / self.total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let name = (current as NSString).lastPathComponent
        Terminal.standardError.write("\r\u{1B}[2K\(bar) \(done)/\(self.total) \(name.fitted(40))")
        self.drawn = true
    }

    mutating func clear() {
        guard self.enabled, self.drawn else { return }
        Terminal.standardError.write("\r\u{1B}[2K")
        self.drawn = false
    }
}

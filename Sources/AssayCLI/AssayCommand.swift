import ArgumentParser
import Foundation

/// The `assay` command-line tool.
@main
struct AssayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Streaming analysis of geopolitics and critical-mineral news.",
        discussion: """
            Exit codes: 0 success, 1 analysis or server error, 2 usage error, 3 server unreachable.
            The server address comes from --server, then ASSAY_SERVER, then 127.0.0.1:7443.

            Example:
              assay serve &
              assay analyze Examples/articles/gallium-export-controls.txt
            """,
        subcommands: [
            AnalyzeCommand.self, ServeCommand.self, HealthCommand.self, InfoCommand.self,
            DemoCommand.self, BenchCommand.self, TagCommand.self, ModelCommand.self,
        ]
    )

    /// Parses, runs, and turns every error into one line on standard error and an exit code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            if !error.message.isEmpty { Terminal.standardError.write("assay: \(error.message)\n") }
            Foundation.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version: the full text on standard output.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = self.message(for: error)
                .split(whereSeparator: \.isNewline)
                .joined(separator: "; ")
            if code == .validationFailure {
                Terminal.standardError.write("assay: \(message) (see 'assay help')\n")
                Foundation.exit(CLIError.usageExitCode)
            }
            Terminal.standardError.write("assay: \(message)\n")
            Foundation.exit(code == .failure ? 1 : code.rawValue)
        }
    }
}

import ArgumentParser

/// The `assay` command-line tool.
@main
struct AssayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Streaming analysis of geopolitics and critical-mineral news.",
        subcommands: [DemoCommand.self, TagCommand.self, ModelCommand.self]
    )
}

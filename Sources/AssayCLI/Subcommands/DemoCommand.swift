import ArgumentParser

/// `assay demo`: starts a server, analyses the example articles through the client, prints results.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a server on loopback and analyse Examples/articles through the real client."
    )

    func run() async throws {
        print("assay demo: not yet available (it arrives with the server and client).")
    }
}

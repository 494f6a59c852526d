import ArgumentParser
import AssayClient
import AssayProtocol
import SwiftProtobuf

/// `assay health`: asks a server whether it is serving.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Ask a server whether it is serving (one line; exit 0 when SERVING).",
        discussion: """
            Examples:
              assay health
              SERVING 127.0.0.1:7443
              assay health --json --server 10.0.0.5:7443
              {"status":"SERVING_STATUS_SERVING"}
            """
    )

    @OptionGroup var client: ClientOptions

    @Flag(name: .long, help: "Print the HealthResponse as JSON.")
    var json = false

    func run() async throws {
        let endpoint = try self.client.endpoint()
        let response = try await self.client.withClient { client in
            try await client.health(deadline: self.client.call.deadlineDuration ?? .seconds(10))
        }
        if self.json {
            print(try response.jsonString())
        } else {
            print("\(Self.name(response.status)) \(endpoint)")
        }
        guard response.status == .serving else { throw CLIError(message: "", exitCode: 1) }
    }

    static func name(_ status: Assay_ServingStatus) -> String {
        switch status {
        case .serving: "SERVING"
        case .notServing: "NOT_SERVING"
        case .draining: "DRAINING"
        default: "UNKNOWN"
        }
    }
}

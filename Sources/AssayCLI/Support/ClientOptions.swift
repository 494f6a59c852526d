import ArgumentParser
import AssayClient
import Foundation

/// Options every command that talks to a server shares.
struct ClientOptions: ParsableArguments {
    /// The default server address.
    static let defaultServer = "127.0.0.1:7443"

    @Option(name: .long, help: "The server as HOST:PORT (default: $ASSAY_SERVER, then 127.0.0.1:7443).")
    var server: String?

    @Option(name: .customLong("api-key"), help: "The API key to send (default: $ASSAY_API_KEY; none).")
    var apiKey: String?

    @Option(name: .long, help: "Deadline of each call, in seconds.")
    var deadline: Double?

    @Flag(name: .customLong("no-compression"), help: "Do not negotiate zlib compression.")
    var noCompression = false

    func validate() throws {
        if let deadline = self.deadline, !(deadline > 0 && deadline.isFinite) {
            throw ValidationError("--deadline must be a positive number of seconds")
        }
        _ = try self.endpoint()
    }

    /// `--server`, then `ASSAY_SERVER`, then 127.0.0.1:7443.
    func endpoint() throws -> AssayEndpoint {
        let text = self.server ?? ProcessInfo.processInfo.environment["ASSAY_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.defaultServer
        guard let endpoint = AssayEndpoint(text) else {
            throw ValidationError("server address '\(text)' is not HOST:PORT")
        }
        return endpoint
    }

    /// The call deadline as a duration.
    var deadlineDuration: Duration? {
        self.deadline.map { .nanoseconds(Int64($0 * 1e9)) }
    }

    /// The client configuration these options describe.
    var configuration: AssayClientConfiguration {
        AssayClientConfiguration(
            compression: !self.noCompression,
            apiKey: self.apiKey ?? ProcessInfo.processInfo.environment["ASSAY_API_KEY"].flatMap { $0.isEmpty ? nil : $0 },
            defaultDeadline: self.deadlineDuration,
            connectTimeout: .seconds(5),
            connectionAttempts: 2,
            backoff: .init(initial: .milliseconds(100), maximum: .seconds(2))
        )
    }

    /// Runs `body` with a client, mapping client errors onto CLI errors (exit 3 when unreachable).
    func withClient<T: Sendable>(_ body: (AssayClient) async throws -> T) async throws -> T {
        let endpoint = try self.endpoint()
        return try await CLIError.mapping {
            try await withAssayClient(host: endpoint.host, port: endpoint.port, configuration: self.configuration, body)
        }
    }
}

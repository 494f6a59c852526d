import ArgumentParser
import AssayClient
import Foundation

/// Options every command that talks to a server shares: the server's address and ``CallOptions``.
struct ClientOptions: ParsableArguments {
    /// The default server address.
    static let defaultServer = "127.0.0.1:7443"

    @Option(name: .long, help: "The server as HOST:PORT (default: $ASSAY_SERVER, then 127.0.0.1:7443).")
    var server: String?

    @OptionGroup var call: CallOptions

    func validate() throws {
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

    /// Runs `body` with a client, mapping client errors onto CLI errors (exit 3 when unreachable).
    func withClient<T: Sendable>(_ body: (AssayClient) async throws -> T) async throws -> T {
        let endpoint = try self.endpoint()
        return try await CLIError.mapping {
            try await withAssayClient(
                host: endpoint.host,
                port: endpoint.port,
                configuration: self.call.configuration,
                body
            )
        }
    }
}

import ArgumentParser
import AssayClient
import Foundation

/// How calls are made: the client options every command that talks to a server shares besides the
/// server's address (``ClientOptions`` adds `--server`; `assay bench` picks its server its own way).
struct CallOptions: ParsableArguments {
    @Option(name: .customLong("api-key"), help: "The API key to send (default: $ASSAY_API_KEY; none).")
    var apiKey: String?

    @Option(name: .long, help: "Deadline of each call, in seconds.")
    var deadline: Double?

    @Flag(name: .customLong("no-compression"), help: "Do not negotiate zlib compression.")
    var noCompression = false

    func validate() throws {
        if let deadline = self.deadline, !(deadline > 0 && deadline <= 86_400 * 365) {
            throw ValidationError("--deadline must be a positive number of seconds, at most a year")
        }
    }

    /// The call deadline as a duration.
    var deadlineDuration: Duration? {
        self.deadline.map { .nanoseconds(Int64($0 * 1e9)) }
    }

    /// The client configuration these options describe.
    var configuration: AssayClientConfiguration {
        AssayClientConfiguration(
            compression: !self.noCompression,
            apiKey: self.apiKey
                ?? ProcessInfo.processInfo.environment["ASSAY_API_KEY"].flatMap { $0.isEmpty ? nil : $0 },
            defaultDeadline: self.deadlineDuration,
            connectTimeout: .seconds(5),
            connectionAttempts: 2,
            backoff: .init(initial: .milliseconds(100), maximum: .seconds(2))
        )
    }
}

import AssayClient

/// An error the CLI reports as one line on standard error, with its exit code.
struct CLIError: Error {
    /// Exit code of a usage error.
    static let usageExitCode: Int32 = 2
    /// Exit code when no server could be reached.
    static let unreachableExitCode: Int32 = 3

    var message: String
    var exitCode: Int32

    /// A usage error (exit 2).
    static func usage(_ message: String) -> CLIError { CLIError(message: message, exitCode: usageExitCode) }

    /// An analysis or server error (exit 1).
    static func failure(_ message: String) -> CLIError { CLIError(message: message, exitCode: 1) }

    /// The CLI's view of a client error: exit 3 when the server is unreachable, else 1.
    init(_ error: AssayClientError) {
        self.message = "\(error)"
        self.exitCode = error.isServerUnreachable ? Self.unreachableExitCode : 1
    }

    init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    /// Runs `body`, turning client errors into CLI errors.
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AssayClientError {
            throw CLIError(error)
        }
    }
}

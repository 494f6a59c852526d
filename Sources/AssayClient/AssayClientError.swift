public import AssayProtocol

/// An error a call or the connection failed with: a status code, a message for people, and the
/// cause when there is one. Every error the client throws is an `AssayClientError`.
///
/// ```swift
/// do {
///     for try await event in try await client.analyze(article) { … }
/// } catch let error as AssayClientError where error.code == .resourceExhausted {
///     try await Task.sleep(for: error.retryAfter ?? .seconds(1))
/// }
/// ```
public struct AssayClientError: Error, Sendable, CustomStringConvertible {
    /// A status code: gRPC's codes, as the protocol carries them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code on the wire.
        public var status: Assay_StatusCode

        /// Wraps a wire status code.
        public init(_ status: Assay_StatusCode) {
            self.status = status
        }

        /// The call was cancelled (by the application, or by the server at the end of its shutdown grace period).
        public static let cancelled = Code(.cancelled)
        /// An error that could not be classified.
        public static let unknown = Code(.unknown)
        /// The request is wrong (empty article, body over `max_article_bytes`, invalid UTF-8, …).
        public static let invalidArgument = Code(.invalidArgument)
        /// The call's deadline passed (locally or on the server).
        public static let deadlineExceeded = Code(.deadlineExceeded)
        /// A health check named an unknown service.
        public static let notFound = Code(.notFound)
        /// A limit was hit: the analysis queue is full (see ``AssayClientError/retryAfter``), a message is too large, …
        public static let resourceExhausted = Code(.resourceExhausted)
        /// No common protocol version.
        public static let failedPrecondition = Code(.failedPrecondition)
        /// The server does not have the method.
        public static let unimplemented = Code(.unimplemented)
        /// A protocol violation or a failure inside the server.
        public static let `internal` = Code(.internal)
        /// The server is unreachable, shutting down, overloaded, or the connection was lost.
        public static let unavailable = Code(.unavailable)
        /// The API key is missing or wrong.
        public static let unauthenticated = Code(.unauthenticated)

        /// The code's name in upper snake case, e.g. `DEADLINE_EXCEEDED`.
        public var description: String { self.status.grpcName }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong, for people.
    public var message: String
    /// The underlying error, if any (for example the socket error of a failed connect).
    public var cause: (any Error & Sendable)?
    /// How long the server asked the client to wait before retrying (`Status.retry_after_ms`).
    public var retryAfter: Duration?
    /// Machine-readable details of a server status (`retryable`, `limit`, the limit's value, …).
    public var details: [String: String]
    /// Whether the client could not connect to any server (no connection was ever established for the call).
    public var isServerUnreachable: Bool
    /// Whether the protocol guarantees the server did not process the call, so it may be retried as is.
    public var wasNotProcessed: Bool

    /// Creates an error.
    public init(
        code: Code,
        message: String,
        cause: (any Error & Sendable)? = nil,
        retryAfter: Duration? = nil,
        details: [String: String] = [:],
        isServerUnreachable: Bool = false,
        wasNotProcessed: Bool = false
    ) {
        self.code = code
        self.message = message
        self.cause = cause
        self.retryAfter = retryAfter
        self.details = details
        self.isServerUnreachable = isServerUnreachable
        self.wasNotProcessed = wasNotProcessed
    }

    /// Creates the error a STATUS frame reports (§7 of the protocol: retry rule included).
    init(status: Assay_Status) {
        let retryAfter: Duration? = status.retryAfterMs > 0 ? .milliseconds(Int64(clamping: status.retryAfterMs)) : nil
        let retryable = status.details["retryable"] == "true" || retryAfter != nil
        let code = Code(status.code)
        self.init(
            code: code,
            message: status.message.isEmpty ? "server returned \(code)" : status.message,
            retryAfter: retryAfter,
            details: status.details,
            wasNotProcessed: retryable && (code == .unavailable || code == .resourceExhausted)
        )
    }

    /// `CODE: message`, on one line (the cause is in ``cause``).
    public var description: String {
        var text = "\(self.code): \(self.message)"
        if let retryAfter = self.retryAfter { text += "; retry after \(retryAfter.wholeMilliseconds) ms" }
        return text
    }
}

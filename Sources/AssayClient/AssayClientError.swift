public import AssayProtocol

/// An error a call or the connection failed with.
public struct AssayClientError: Error, Sendable, CustomStringConvertible {
    /// The status code (gRPC's codes).
    public var code: Assay_StatusCode
    /// What went wrong, for people.
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?

    /// Creates an error.
    public init(code: Assay_StatusCode, message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { "\(self.code): \(self.message)" }
}

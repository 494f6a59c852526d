/// Settings of an ``AssayClient``; every field has a default.
public struct AssayClientConfiguration: Sendable {
    /// Whether to offer zlib compression of the server's messages.
    public var compression: Bool
    /// The API key sent in HELLO; `nil` sends none.
    public var apiKey: String?
    /// The deadline of calls that name none; `nil` means no deadline.
    public var defaultDeadline: Duration?
    /// MESSAGE frames the client accepts on a stream before granting more credit.
    public var initialCredit: Int

    /// Creates a configuration.
    public init(compression: Bool = true, apiKey: String? = nil, defaultDeadline: Duration? = nil, initialCredit: Int = 64) {
        self.compression = compression
        self.apiKey = apiKey
        self.defaultDeadline = defaultDeadline
        self.initialCredit = max(2, initialCredit)
    }
}

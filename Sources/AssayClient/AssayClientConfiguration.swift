import AssayProtocol

/// One server the client may connect to.
public struct AssayEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The host name or IP address.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// Creates an endpoint.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` (or `[IPv6]:PORT`); `nil` when the text is not of that form.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.init(host: host, port: port)
    }

    /// `host:port`.
    public var description: String { self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)" }
}

/// Settings of an ``AssayClient``; every field has a default.
public struct AssayClientConfiguration: Sendable {
    /// How long to wait before reconnecting to an endpoint, or retrying a call the server did not process.
    public struct Backoff: Sendable, Hashable {
        /// The delay after the first failure.
        public var initial: Duration
        /// The largest delay.
        public var maximum: Duration
        /// The factor each further consecutive failure multiplies the delay by.
        public var multiplier: Double
        /// The fraction (0–1) by which each delay is randomly shortened or lengthened.
        public var jitter: Double

        /// Creates a backoff policy.
        public init(
            initial: Duration = .milliseconds(100),
            maximum: Duration = .seconds(10),
            multiplier: Double = 1.6,
            jitter: Double = 0.2
        ) {
            self.initial = initial
            self.maximum = maximum
            self.multiplier = max(1, multiplier)
            self.jitter = min(1, max(0, jitter))
        }

        /// The delay after `failures` consecutive failures (1 = the first), jitter included.
        public func delay(afterFailures failures: Int) -> Duration {
            let maximum = self.maximum / .seconds(1)
            var capped = self.initial / .seconds(1)
            for _ in 1..<max(1, failures) where capped < maximum { capped *= self.multiplier }
            capped = min(capped, maximum)
            let jittered = capped * (1 + Double.random(in: -self.jitter...self.jitter))
            return .nanoseconds(Int64(max(0, jittered) * 1e9))
        }
    }

    /// Client-side keepalive (`docs/PROTOCOL.md` §6.3): after ``interval`` without receiving anything
    /// the client sends PING, and when no PONG arrives within ``timeout`` it closes the connection,
    /// failing the calls on it with UNAVAILABLE. This finds a server or network that vanished
    /// without closing the TCP connection, which would otherwise hold a call without a deadline forever.
    public struct Keepalive: Sendable, Hashable {
        /// Silence after which the client pings; at least 1 second (the server counts faster
        /// pings as strikes, §6.4): a smaller value is raised to it.
        public var interval: Duration { didSet { self.interval = max(Self.minimumInterval, self.interval) } }
        /// How long to wait for the PONG; at least 1 millisecond.
        public var timeout: Duration { didSet { self.timeout = max(Self.minimumTimeout, self.timeout) } }

        /// The smallest ``interval`` and ``timeout``, applied on creation and on every change.
        static let minimumInterval: Duration = .seconds(1)
        static let minimumTimeout: Duration = .milliseconds(1)

        /// Creates a keepalive policy; values below the minimums are raised to them.
        public init(interval: Duration = .seconds(30), timeout: Duration = .seconds(20)) {
            self.interval = max(Self.minimumInterval, interval)
            self.timeout = max(Self.minimumTimeout, timeout)
        }
    }

    /// Whether to negotiate zlib compression: the server then compresses its large messages
    /// and the client its large requests.
    public var compression: Bool
    /// The API key sent in HELLO; `nil` sends none.
    public var apiKey: String?
    /// The deadline of calls that name none; `nil` means no deadline.
    public var defaultDeadline: Duration?
    /// MESSAGE frames the client accepts on a stream before granting more credit (at least 2).
    public var initialCredit: Int
    /// Bytes of responses the client lets the server have in flight on a stream when its messages
    /// are small: the window (in MESSAGE frames, as credit counts them) grows to about this many
    /// bytes divided by the average size of the messages received (payload and frame header), and
    /// never below ``initialCredit``. `nil` keeps the window at ``initialCredit`` messages.
    /// Default 64 KiB (HTTP/2's default initial window is 65,535 bytes), so that a stream of
    /// 64-byte events is not held to 64 of them (4.6 KB) per round trip.
    public var receiveWindowBytes: Int?
    /// How long one TCP connect plus HELLO exchange may take.
    public var connectTimeout: Duration
    /// Connection attempts one call makes (across endpoints) before it fails with UNAVAILABLE.
    public var connectionAttempts: Int
    /// Transparent retries of a call the server reports it did not process
    /// (UNAVAILABLE or RESOURCE_EXHAUSTED with `retryable` or `retry_after_ms`, or above a GOAWAY's `last_stream_id`).
    public var maximumRetries: Int
    /// Reconnect delays; an endpoint that fails is ejected (skipped) for the current delay.
    public var backoff: Backoff
    /// The largest message the client accepts after decompression (announced in HELLO).
    public var maximumMessageSize: Int
    /// Client-side keepalive, announced in HELLO as `keepalive_interval_ms`; `nil` never pings
    /// (the client still answers the server's PINGs). Default: PING after 30 s of silence, give up
    /// 20 s later, as the server does.
    public var keepalive: Keepalive?

    /// Creates a configuration.
    public init(
        compression: Bool = true,
        apiKey: String? = nil,
        defaultDeadline: Duration? = nil,
        initialCredit: Int = 64,
        receiveWindowBytes: Int? = 64 << 10,
        connectTimeout: Duration = .seconds(5),
        connectionAttempts: Int = 3,
        maximumRetries: Int = 3,
        backoff: Backoff = Backoff(),
        maximumMessageSize: Int = 4 << 20,
        keepalive: Keepalive? = Keepalive()
    ) {
        self.compression = compression
        self.apiKey = apiKey
        self.defaultDeadline = defaultDeadline
        self.initialCredit = min(Int(Int32.max), max(2, initialCredit))
        self.receiveWindowBytes = receiveWindowBytes.map { max(1, $0) }
        self.connectTimeout = connectTimeout
        self.connectionAttempts = max(1, connectionAttempts)
        self.maximumRetries = max(0, maximumRetries)
        self.backoff = backoff
        self.maximumMessageSize = maximumMessageSize
        self.keepalive = keepalive
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 for a positive duration.
    var wholeMilliseconds: UInt64 {
        let (seconds, attoseconds) = self.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return milliseconds <= 0 ? (self > .zero ? 1 : 0) : UInt64(milliseconds)
    }
}

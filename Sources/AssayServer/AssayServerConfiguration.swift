import Foundation

/// Settings of an ``AssayServer``. Every field has the default `docs/PROTOCOL.md` names.
public struct AssayServerConfiguration: Sendable {
    /// The address to bind.
    public var host: String
    /// The TCP port to bind; 0 picks a free port (see ``AssayServer/listeningAddress``).
    public var port: Int
    /// Connections served at once; beyond this a new connection gets GOAWAY(OVERLOADED).
    public var maximumConnections: Int
    /// Streams open at once on one connection.
    public var maximumConcurrentStreams: Int
    /// Largest frame payload accepted.
    public var maximumFrameSize: Int
    /// Largest MESSAGE payload accepted after decompression.
    public var maximumMessageSize: Int
    /// Largest article body, in UTF-8 bytes, the server analyses.
    public var maximumArticleBytes: Int
    /// Articles analysed at once across all connections.
    public var analysisConcurrency: Int
    /// Articles that may wait for an analysis slot; beyond this a stream gets RESOURCE_EXHAUSTED.
    public var queueCapacity: Int
    /// How long a new connection has to send the preface and HELLO.
    public var helloTimeout: Duration
    /// How long in-flight streams may run after graceful shutdown begins.
    public var shutdownGracePeriod: Duration
    /// Accepted API keys; `nil` means open access.
    public var apiKeys: Set<String>?
    /// The server PINGs a connection it has heard nothing from for this long; `nil` never pings.
    public var keepaliveInterval: Duration?
    /// How long the server waits for the PONG before it closes the connection.
    public var keepaliveTimeout: Duration
    /// A connection with no open stream for this long gets GOAWAY(TIMEOUT); `nil` keeps it forever.
    public var idleTimeout: Duration?
    /// A client PING sooner than this after its previous PING is a strike.
    public var minimumPingInterval: Duration
    /// Strikes tolerated; the next one gets GOAWAY(ENHANCE_YOUR_CALM).
    public var maximumPingStrikes: Int
    /// Outbound bytes buffered per connection before every producer on it waits for the client to read.
    public var maximumBufferedOutboundBytes: Int

    /// Creates a configuration; every parameter has the protocol's default
    /// (`analysisConcurrency` nil means one per active processor).
    public init(
        host: String = "127.0.0.1",
        port: Int = 7443,
        maximumConnections: Int = 1024,
        maximumConcurrentStreams: Int = 100,
        maximumFrameSize: Int = 4 << 20,
        maximumMessageSize: Int = 4 << 20,
        maximumArticleBytes: Int = 1 << 20,
        analysisConcurrency: Int? = nil,
        queueCapacity: Int = 64,
        helloTimeout: Duration = .seconds(10),
        shutdownGracePeriod: Duration = .seconds(10),
        apiKeys: Set<String>? = nil,
        keepaliveInterval: Duration? = .seconds(30),
        keepaliveTimeout: Duration = .seconds(20),
        idleTimeout: Duration? = .seconds(300),
        minimumPingInterval: Duration = .seconds(1),
        maximumPingStrikes: Int = 2,
        maximumBufferedOutboundBytes: Int = 8 << 20
    ) {
        self.host = host
        self.port = port
        self.maximumConnections = maximumConnections
        self.maximumConcurrentStreams = maximumConcurrentStreams
        self.maximumFrameSize = maximumFrameSize
        self.maximumMessageSize = maximumMessageSize
        self.maximumArticleBytes = maximumArticleBytes
        self.analysisConcurrency = max(1, analysisConcurrency ?? ProcessInfo.processInfo.activeProcessorCount)
        self.queueCapacity = queueCapacity
        self.helloTimeout = helloTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.apiKeys = apiKeys
        self.keepaliveInterval = keepaliveInterval
        self.keepaliveTimeout = keepaliveTimeout
        self.idleTimeout = idleTimeout
        self.minimumPingInterval = minimumPingInterval
        self.maximumPingStrikes = maximumPingStrikes
        self.maximumBufferedOutboundBytes = maximumBufferedOutboundBytes
    }
}

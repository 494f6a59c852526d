import AssayAnalysis
import AssayProtocol
import CoreMetrics
import NIOCore
import Synchronization

/// What every connection of a server shares: configuration, event producer, analysis limiter, live connections.
final class ServerRuntime: Sendable {
    /// The agent string in HelloAck.
    static let agent = "assay-server/0.1.0"
    /// The send credit the server grants each new stream of the client (HelloAck `initial_stream_credit`).
    static let announcedInitialCredit = 64

    let configuration: AssayServerConfiguration
    /// What produces each article's events (the engine unless the server was given another).
    let producer: any AssayEventProducer
    /// The versions of everything that decides a result (see ``makeVersions(_:)``), computed once.
    let versions: Assay_Versions
    let limiter: AnalysisLimiter
    let metrics: ServerMetrics
    let startedAt = ContinuousClock.now

    private struct State {
        var draining = false
        var connectionsAccepted = 0
        var connections: [ObjectIdentifier: ConnectionState] = [:]
    }

    private let state = Mutex(State())

    init(configuration: AssayServerConfiguration, engine: AnalysisEngine, producer: any AssayEventProducer, metrics: ServerMetrics) {
        self.configuration = configuration
        self.producer = producer
        self.versions = Self.makeVersions(engine)
        self.metrics = metrics
        self.limiter = AnalysisLimiter(
            concurrency: configuration.analysisConcurrency,
            queueCapacity: configuration.queueCapacity
        )
    }

    /// A new connection id, for logs.
    func nextConnectionID() -> Int {
        self.state.withLock { state in
            state.connectionsAccepted += 1
            return state.connectionsAccepted
        }
    }

    /// Whether graceful shutdown has begun.
    var isDraining: Bool { self.state.withLock { $0.draining } }

    /// Connections being served.
    var connectionCount: Int { self.state.withLock { $0.connections.count } }

    func register(_ connection: ConnectionState) {
        self.metrics.connections.increment()
        let draining = self.state.withLock { state in
            state.connections[ObjectIdentifier(connection)] = connection
            return state.draining
        }
        if draining { Task { await connection.beginDrain() } }
    }

    func unregister(_ connection: ConnectionState) {
        self.metrics.connections.decrement()
        _ = self.state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    /// Marks the server draining and starts the drain on every connection.
    func beginDrain() async {
        let connections = self.state.withLock { state in
            state.draining = true
            return Array(state.connections.values)
        }
        for connection in connections { await connection.beginDrain() }
    }

    /// Ends every remaining stream with STATUS CANCELLED and closes every connection (the grace
    /// period is over).
    func closeAll() async {
        let connections = self.state.withLock { Array($0.connections.values) }
        for connection in connections {
            await connection.cancelRemaining(reason: "server shut down before the call finished")
            connection.channel.close(promise: nil)
        }
    }

    /// A duration in whole milliseconds, clamped to `UInt32`.
    static func milliseconds(_ duration: Duration) -> UInt32 {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return UInt32(clamping: max(0, milliseconds))
    }

    /// The limits announced in HelloAck.
    var announcedLimits: Assay_Limits {
        var limits = Assay_Limits()
        limits.maxFrameSize = UInt32(self.configuration.maximumFrameSize)
        limits.maxMessageSize = UInt32(self.configuration.maximumMessageSize)
        limits.maxConcurrentStreams = UInt32(self.configuration.maximumConcurrentStreams)
        limits.maxArticleBytes = UInt32(self.configuration.maximumArticleBytes)
        limits.keepaliveIntervalMs = self.configuration.keepaliveInterval.map(Self.milliseconds) ?? 0
        limits.idleTimeoutMs = self.configuration.idleTimeout.map(Self.milliseconds) ?? UInt32.max
        limits.minCompressSize = UInt32(AssayLimits.defaultMinimumCompressSize)
        limits.initialStreamCredit = UInt32(Self.announcedInitialCredit)
        return limits
    }

    /// Versions of everything that decides a result: engine, knowledge base, tagger, risk lexicon
    /// (with its production-share table) and scorer.
    static func makeVersions(_ engine: AnalysisEngine) -> Assay_Versions {
        var versions = Assay_Versions()
        versions.engine = AnalysisEngine.version
        versions.knowledgeBase = engine.knowledgeBase.version
        versions.model = engine.modelVersion ?? ""
        if let risk = engine.riskModel {
            versions.lexicon = "\(risk.lexiconVersion)+\(risk.productionSharesVersion)"
            versions.scorer = RiskModel.scorerVersion
        }
        return versions
    }

    /// The answer to ServerInfo.
    func serverInfo() -> Assay_ServerInfoResponse {
        var info = Assay_ServerInfoResponse()
        info.serverVersion = Self.agent
        info.protocolVersion = AssayLimits.protocolVersion
        info.versions = self.versions
        info.limits = self.announcedLimits
        let uptime = ContinuousClock.now - self.startedAt
        info.uptimeMs = UInt64(max(0, uptime.components.seconds)) * 1000 + UInt64(uptime.components.attoseconds / 1_000_000_000_000_000)
        info.methods = AssayLimits.Method.all
        info.acceptCompression = [.zlib, .none]
        info.analysisConcurrency = UInt32(self.configuration.analysisConcurrency)
        info.queueCapacity = UInt32(self.configuration.queueCapacity)
        info.authRequired = self.configuration.apiKeys != nil
        return info
    }
}

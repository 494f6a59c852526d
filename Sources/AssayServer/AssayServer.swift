public import AssayAnalysis
public import Logging
public import NIOCore
public import CoreMetrics
public import ServiceLifecycle
import AssayProtocol
import NIOPosix
import Synchronization

/// The Assay server: accepts connections and serves the `assay.v1.Assay` service over the Assay protocol.
///
/// A ServiceLifecycle `Service`: run it in a `ServiceGroup`, whose graceful shutdown (SIGTERM,
/// SIGINT) drains it; or call ``run()`` yourself and ``beginGracefulShutdown()`` to stop. Either way
/// `run()` returns once the in-flight streams have finished or the grace period has ended.
public final class AssayServer: Service, Sendable {
    private let runtime: ServerRuntime
    private let logger: Logger

    private struct State {
        var serverChannel: (any Channel)?
        var address: SocketAddress?
        var addressWaiters: [CheckedContinuation<SocketAddress, any Error>] = []
        var shuttingDown = false
    }

    private let state = Mutex(State())

    /// Creates a server.
    /// - Parameters:
    ///   - configuration: Where to listen and the limits to apply.
    ///   - engine: The analysis engine shared by all calls; its versions are the ones reported.
    ///   - eventProducer: What produces each article's events; `nil` (the default) runs `engine`
    ///     through ``AssayEngineEventProducer``. See ``AssayEventProducer`` for the contract.
    ///   - logger: Where the server logs (connections and failed streams at info, details at debug).
    ///   - metricsFactory: Where the server's metrics go (see `ServerMetrics`); by default the
    ///     process's bootstrapped `MetricsSystem`.
    public init(
        configuration: AssayServerConfiguration = AssayServerConfiguration(),
        engine: AnalysisEngine,
        eventProducer: (any AssayEventProducer)? = nil,
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.runtime = ServerRuntime(
            configuration: configuration,
            engine: engine,
            producer: eventProducer ?? AssayEngineEventProducer(engine: engine),
            metrics: ServerMetrics(factory: metricsFactory)
        )
        self.logger = logger
    }

    /// The address the server is bound to, once ``run()`` has bound it (useful with port 0).
    public var listeningAddress: SocketAddress {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let address = self.state.withLock { state -> SocketAddress? in
                    if state.address == nil { state.addressWaiters.append(continuation) }
                    return state.address
                }
                if let address { continuation.resume(returning: address) }
            }
        }
    }

    /// Binds and serves until graceful shutdown (from ``beginGracefulShutdown()``, the service
    /// group, or cancellation) completes.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await self.serve()
        } onGracefulShutdown: {
            self.beginGracefulShutdown()
        }
    }

    private func serve() async throws {
        let configuration = self.runtime.configuration
        let serverChannel: NIOAsyncChannel<NIOAsyncChannel<AssayFrame, ByteBuffer>, Never>
        do {
            serverChannel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(
                    .writeBufferWaterMark,
                    value: .init(
                        low: configuration.maximumBufferedOutboundBytes / 2,
                        high: configuration.maximumBufferedOutboundBytes
                    )
                )
                .bind(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(
                                AssayFrameDecoder(maximumFrameLength: configuration.maximumFrameSize, expectsPreface: true)
                            )
                        )
                        return try NIOAsyncChannel(
                            wrappingChannelSynchronously: channel,
                            configuration: NIOAsyncChannel.Configuration(inboundType: AssayFrame.self, outboundType: ByteBuffer.self)
                        )
                    }
                }
        } catch {
            self.failAddressWaiters(error)
            throw error
        }
        let address = serverChannel.channel.localAddress
        let (waiters, shutDownEarly) = self.state.withLock { state in
            state.serverChannel = serverChannel.channel
            state.address = address
            defer { state.addressWaiters = [] }
            return (state.addressWaiters, state.shuttingDown)
        }
        if let address {
            for waiter in waiters { waiter.resume(returning: address) }
        }
        if shutDownEarly { serverChannel.channel.close(promise: nil) }
        self.logger.debug("listening", metadata: ["assay.address": "\(address.map { "\($0)" } ?? "?")"])

        let handler = ConnectionHandler(runtime: self.runtime, logger: self.logger)
        try await withTaskCancellationHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await serverChannel.executeThenClose { connections in
                    for try await connection in connections {
                        if self.runtime.connectionCount >= configuration.maximumConnections {
                            group.addTask { await Self.refuseOverloaded(connection) }
                        } else {
                            group.addTask { await handler.run(connection) }
                        }
                    }
                }
                group.addTask { await self.enforceGracePeriod() }
            }
        } onCancel: {
            self.beginGracefulShutdown()
        }
    }

    /// Starts graceful shutdown: stop accepting, GOAWAY(SHUTDOWN) on every connection, let streams finish.
    public func beginGracefulShutdown() {
        let channel = self.state.withLock { state in
            state.shuttingDown = true
            return state.serverChannel
        }
        channel?.close(promise: nil)
        Task { await self.runtime.beginDrain() }
    }

    /// After the accept loop ends: closes whatever is still open when the grace period is over.
    private func enforceGracePeriod() async {
        let deadline = ContinuousClock.now + self.runtime.configuration.shutdownGracePeriod
        while self.runtime.connectionCount > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        await self.runtime.closeAll()
    }

    private func failAddressWaiters(_ error: any Error) {
        let waiters = self.state.withLock { state in
            defer { state.addressWaiters = [] }
            return state.addressWaiters
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    /// Refuses a connection past `max_connections`: GOAWAY(OVERLOADED) before anything the client
    /// sends is processed, then a lingering close.
    private static func refuseOverloaded(_ channel: NIOAsyncChannel<AssayFrame, ByteBuffer>) async {
        try? await channel.executeThenClose { inbound, outbound in
            let overloaded = ConnectionError(reason: .overloaded, code: .unavailable, message: "server at max_connections")
            try await FrameWriter(outbound: outbound).writeGoAway(overloaded, lastStreamID: 0)
            var frames = inbound.makeAsyncIterator()
            await LingeringClose(channel: channel.channel).drain(&frames)
        }
    }
}

extension AssayServer {
    /// Runs the server while `body` runs, passing it the bound port (useful with port 0), then shuts
    /// the server down gracefully and waits for the drain — also when `body` throws.
    ///
    /// For demos, tests and in-process load tests; a long-running server runs ``run()`` in a
    /// `ServiceGroup` instead.
    public func withRunning<T: Sendable>(_ body: (_ port: Int) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.run() }
            do {
                let port = try await self.listeningAddress.port ?? 0
                let result = try await body(port)
                self.beginGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                self.beginGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }
}

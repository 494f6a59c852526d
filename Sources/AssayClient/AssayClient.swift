public import AssayProtocol
public import Logging
import NIOCore
import NIOPosix
import SwiftProtobuf
import Synchronization

/// Runs `body` with a client connected to `host:port`, and closes the connection afterwards.
public func withAssayClient<Result: Sendable>(
    host: String,
    port: Int,
    configuration: AssayClientConfiguration = AssayClientConfiguration(),
    logger: Logger = Logger(label: "assay.client"),
    _ body: (AssayClient) async throws -> Result
) async throws -> Result {
    let client = try await AssayClient.connect(host: host, port: port, configuration: configuration, logger: logger)
    do {
        let result = try await body(client)
        await client.close()
        return result
    } catch {
        await client.close()
        throw error
    }
}

/// A client of an Assay server over one TCP connection; calls are multiplexed as streams.
public final class AssayClient: Sendable {
    private typealias Sink = AsyncThrowingStream<AssayFrame, any Error>.Continuation

    private struct State {
        var nextStreamID: UInt32 = 1
        var streams: [UInt32: Sink] = [:]
        var closedError: AssayClientError?
    }

    private let channel: any Channel
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let configuration: AssayClientConfiguration
    private let compresses: Bool
    private let state = Mutex(State())
    private let reader: Mutex<Task<Void?, Never>?> = Mutex(nil)
    private let logger: Logger

    private init(
        channel: any Channel,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        configuration: AssayClientConfiguration,
        compresses: Bool,
        logger: Logger
    ) {
        self.channel = channel
        self.outbound = outbound
        self.configuration = configuration
        self.compresses = compresses
        self.logger = logger
    }

    /// Connects and completes the HELLO exchange.
    /// - Throws: ``AssayClientError`` (UNAVAILABLE "server unreachable at HOST:PORT", UNAUTHENTICATED, ...).
    public static func connect(
        host: String,
        port: Int,
        configuration: AssayClientConfiguration = AssayClientConfiguration(),
        logger: Logger = Logger(label: "assay.client")
    ) async throws -> AssayClient {
        let channel: NIOAsyncChannel<AssayFrame, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(AssayFrameDecoder(maximumFrameLength: AssayLimits.maximumFrameSizeCeiling))
                        )
                        return try NIOAsyncChannel(
                            wrappingChannelSynchronously: channel,
                            configuration: NIOAsyncChannel.Configuration(inboundType: AssayFrame.self, outboundType: ByteBuffer.self)
                        )
                    }
                }
        } catch {
            throw AssayClientError(code: .unavailable, message: "server unreachable at \(host):\(port)", cause: error)
        }
        var hello = Assay_Hello()
        hello.versions = [AssayLimits.protocolVersion]
        hello.acceptCompression = configuration.compression ? [.zlib, .none] : [.none]
        hello.authToken = configuration.apiKey ?? ""
        hello.limits.initialStreamCredit = UInt32(configuration.initialCredit)
        hello.agent = "assay-swift/0.1.0"
        var bytes = ByteBuffer(bytes: AssayFrame.connectionPreface)
        AssayFrameEncoder.encode(try AssayFrame(type: .hello, streamID: 0, message: hello), into: &bytes)
        let helloBytes = bytes
        let (ready, readyContinuation) = AsyncStream.makeStream(of: Result<AssayClient, AssayClientError>.self)
        let task = Task { () -> Void? in
            try? await channel.executeThenClose { inbound, outbound in
                var frames = inbound.makeAsyncIterator()
                let client: AssayClient
                do {
                    try await outbound.write(helloBytes)
                    guard let first = try await frames.next() else {
                        throw AssayClientError(code: .unavailable, message: "server at \(host):\(port) closed the connection during HELLO")
                    }
                    if first.type == AssayFrameType.goAway {
                        let goAway = try first.decodePayload(as: Assay_GoAway.self)
                        throw AssayClientError(code: goAway.code, message: Self.describe(goAway))
                    }
                    guard first.type == AssayFrameType.hello else {
                        throw AssayClientError(code: .internal, message: "server answered HELLO with \(first.type)")
                    }
                    let ack = try first.decodePayload(as: Assay_HelloAck.self)
                    client = AssayClient(
                        channel: channel.channel,
                        outbound: outbound,
                        configuration: configuration,
                        compresses: ack.compression == .zlib,
                        logger: logger
                    )
                } catch {
                    let clientError = error as? AssayClientError
                        ?? AssayClientError(code: .unavailable, message: "server unreachable at \(host):\(port)", cause: error)
                    readyContinuation.yield(.failure(clientError))
                    readyContinuation.finish()
                    return
                }
                readyContinuation.yield(.success(client))
                readyContinuation.finish()
                await client.read(&frames)
            }
        }
        for await result in ready {
            let client = try result.get()
            client.reader.withLock { $0 = task }
            return client
        }
        throw AssayClientError(code: .unavailable, message: "server unreachable at \(host):\(port)")
    }

    /// Closes the connection; calls still running fail with UNAVAILABLE.
    public func close() async {
        self.outbound.finish()
        try? await self.channel.close()
        let task = self.reader.withLock { $0 }
        await task?.value
    }

    /// Analyses one article; events arrive as the server produces them.
    /// - Parameter deadline: The call's deadline; `nil` uses the configuration's default.
    public func analyze(_ article: Assay_Article, deadline: Duration? = nil) async throws -> AssayEventStream {
        let (id, frames) = try await self.open(
            method: AssayLimits.Method.analyze,
            request: article,
            deadline: deadline ?? self.configuration.defaultDeadline
        )
        let events = AsyncThrowingStream<Assay_AnalysisEvent, any Error> { continuation in
            let pump = Task {
                do {
                    for try await frame in frames {
                        continuation.yield(try frame.decodePayload(as: Assay_AnalysisEvent.self))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: Self.clientError(error))
                }
            }
            continuation.onTermination = { termination in
                pump.cancel()
                if case .cancelled = termination { self.cancelStream(id) }
            }
        }
        let window = self.configuration.initialCredit
        let consumed = Mutex(0)
        return AssayEventStream(frames: events) {
            let grant = consumed.withLock { count -> Int in
                count += 1
                guard count >= window / 2 else { return 0 }
                defer { count = 0 }
                return count
            }
            if grant > 0 { self.grantCredit(grant, streamID: id) }
        }
    }

    /// Asks whether the server is serving.
    public func health() async throws -> Assay_HealthResponse {
        try await self.unary(AssayLimits.Method.health, request: Assay_HealthRequest())
    }

    /// Asks for the server's versions, limits and settings.
    public func serverInfo() async throws -> Assay_ServerInfoResponse {
        try await self.unary(AssayLimits.Method.serverInfo, request: Assay_ServerInfoRequest())
    }

    private func unary<Response: SwiftProtobuf.Message>(_ method: String, request: some SwiftProtobuf.Message) async throws -> Response {
        let (_, frames) = try await self.open(method: method, request: request, deadline: self.configuration.defaultDeadline)
        var response: Response?
        do {
            for try await frame in frames where response == nil {
                response = try frame.decodePayload(as: Response.self)
            }
        } catch {
            throw Self.clientError(error)
        }
        guard let response else { throw AssayClientError(code: .internal, message: "\(method) returned no response") }
        return response
    }

    /// Opens a stream and sends its one request; returns the stream's MESSAGE frames (inflated),
    /// which end at STATUS OK or throw the STATUS as ``AssayClientError``.
    private func open(
        method: String,
        request: some SwiftProtobuf.Message,
        deadline: Duration?
    ) async throws -> (UInt32, AsyncThrowingStream<AssayFrame, any Error>) {
        let (frames, sink) = AsyncThrowingStream.makeStream(of: AssayFrame.self)
        let id = try self.state.withLock { state throws(AssayClientError) -> UInt32 in
            if let error = state.closedError { throw error }
            let id = state.nextStreamID
            state.nextStreamID += 2
            state.streams[id] = sink
            return id
        }
        var open = Assay_Open()
        open.method = method
        open.initialCredit = UInt32(self.configuration.initialCredit)
        if let deadline {
            let (seconds, attoseconds) = deadline.components
            open.timeoutMs = UInt64(max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
        }
        var bytes = ByteBuffer()
        AssayFrameEncoder.encode(try AssayFrame(type: .open, streamID: id, message: open), into: &bytes)
        AssayFrameEncoder.encode(try AssayFrame(type: .message, flags: .endStream, streamID: id, message: request), into: &bytes)
        do {
            try await self.outbound.write(bytes)
        } catch {
            throw AssayClientError(code: .unavailable, message: "connection to the server is closed", cause: error)
        }
        return (id, frames)
    }

    private func grantCredit(_ messages: Int, streamID: UInt32) {
        var credit = Assay_Credit()
        credit.messages = UInt32(messages)
        self.send(try? AssayFrame(type: .credit, streamID: streamID, message: credit))
    }

    private func cancelStream(_ id: UInt32) {
        let wasOpen = self.state.withLock { $0.streams.removeValue(forKey: id) != nil }
        guard wasOpen else { return }
        self.send(AssayFrame(type: .cancel, streamID: id))
    }

    private func send(_ frame: AssayFrame?) {
        guard let frame else { return }
        var bytes = ByteBuffer()
        AssayFrameEncoder.encode(frame, into: &bytes)
        Task { try? await self.outbound.write(bytes) }
    }

    /// Demultiplexes frames to streams until the connection ends.
    private func read(_ frames: inout NIOAsyncChannelInboundStream<AssayFrame>.AsyncIterator) async {
        let compression = AssayMessageCompression()
        var ending = AssayClientError(code: .unavailable, message: "connection to the server closed")
        do {
            while let frame = try await frames.next() {
                switch frame.type {
                case .message:
                    let sink = self.state.withLock { $0.streams[frame.streamID] }
                    guard let sink else { continue }
                    do {
                        let inflated = frame.flags.contains(.compressed)
                            ? try compression.decompress(frame, limit: AssayLimits.defaultMaximumMessageSize) : frame
                        sink.yield(inflated)
                    } catch {
                        sink.finish(throwing: AssayClientError(code: error.statusCode, message: error.message))
                        self.cancelStream(frame.streamID)
                    }
                case .status, .cancel:
                    let sink = self.state.withLock { $0.streams.removeValue(forKey: frame.streamID) }
                    let status = frame.type == .status ? (try? frame.decodePayload(as: Assay_Status.self)) : nil
                    if let status, status.code == .ok {
                        sink?.finish()
                    } else {
                        let code = status?.code ?? .cancelled
                        sink?.finish(throwing: AssayClientError(code: code, message: status?.message ?? "cancelled by the server"))
                    }
                case .goAway:
                    if let goAway = try? frame.decodePayload(as: Assay_GoAway.self) {
                        ending = AssayClientError(code: goAway.code, message: Self.describe(goAway))
                        self.failStreams(above: goAway.lastStreamID, with: ending)
                    }
                case .ping:
                    self.send(AssayFrame(type: .pong, streamID: 0, payload: frame.payload))
                default:
                    continue
                }
            }
        } catch {
            self.logger.debug("connection read failed", metadata: ["assay.error": "\(error)"])
        }
        self.failStreams(above: 0, with: ending)
    }

    private func failStreams(above lastStreamID: UInt32, with error: AssayClientError) {
        let sinks = self.state.withLock { state -> [Sink] in
            if lastStreamID == 0 { state.closedError = error }
            let failed = state.streams.filter { $0.key > lastStreamID }
            for id in failed.keys { state.streams[id] = nil }
            return Array(failed.values)
        }
        for sink in sinks { sink.finish(throwing: error) }
    }

    private static func describe(_ goAway: Assay_GoAway) -> String {
        switch goAway.reason {
        case .unauthenticated: "unauthenticated: \(goAway.message)"
        case .shutdown: "server shutting down"
        default: "server closed the connection (\(goAway.reason)): \(goAway.message)"
        }
    }

    private static func clientError(_ error: any Error) -> AssayClientError {
        if let error = error as? AssayClientError {
            if error.code == .deadlineExceeded { return AssayClientError(code: .deadlineExceeded, message: "deadline exceeded") }
            return error
        }
        if error is CancellationError { return AssayClientError(code: .cancelled, message: "cancelled") }
        return AssayClientError(code: .internal, message: "\(error)")
    }
}

import AssayProtocol
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Synchronization

/// The ceiling: a bare SwiftNIO length-prefixed protocol with no protobuf on the client, no
/// handshake, no credit, no status. A frame is `u32 length, u32 stream, u8 flags` then the payload;
/// the client sends an article's reference, the server answers with the recorded event payloads
/// (the same bytes Assay sends) and an empty frame with flag 1 (end).
struct BareFrame: Sendable {
    static let headerLength = 9
    var stream: UInt32
    var end: Bool
    var payload: ByteBuffer
}

struct BareFrameDecoder: NIOSingleStepByteToMessageDecoder {
    typealias InboundOut = BareFrame

    mutating func decode(buffer: inout ByteBuffer) throws -> BareFrame? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self),
            buffer.readableBytes >= BareFrame.headerLength + Int(length)
        else { return nil }
        let (_, stream, flags) = buffer.readMultipleIntegers(as: (UInt32, UInt32, UInt8).self)!
        let payload = buffer.readSlice(length: Int(length))!
        return BareFrame(stream: stream, end: flags & 1 != 0, payload: payload)
    }

    mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> BareFrame? {
        try self.decode(buffer: &buffer)
    }
}

extension ByteBuffer {
    mutating func writeBareFrame(stream: UInt32, end: Bool, payload: ByteBuffer) {
        self.writeMultipleIntegers(UInt32(payload.readableBytes), stream, UInt8(end ? 1 : 0))
        self.writeImmutableBuffer(payload)
    }
}

/// Server: each request runs in a task; each engine step's events go out as one buffer, one flush.
final class BareServerHandler: ChannelInboundHandler {
    typealias InboundIn = BareFrame
    let emitter: PeerEmitter

    init(emitter: PeerEmitter) { self.emitter = emitter }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = self.unwrapInboundIn(data)
        let channel = context.channel
        let emitter = self.emitter
        let reference = String(buffer: frame.payload)
        let stream = frame.stream
        Task { await serveBareCall(stream: stream, reference: reference, channel: channel, emitter: emitter) }
    }

    static func endFrame(_ stream: UInt32, _ channel: any Channel) -> ByteBuffer {
        var buffer = channel.allocator.buffer(capacity: BareFrame.headerLength)
        buffer.writeBareFrame(stream: stream, end: true, payload: ByteBuffer())
        return buffer
    }
}

/// One bare call: the events of each engine step in one buffer, one flush.
func serveBareCall(stream: UInt32, reference: String, channel: any Channel, emitter: PeerEmitter) async {
    guard let entry = emitter.entry(reference) else {
        try? await channel.writeAndFlush(BareServerHandler.endFrame(stream, channel))
        return
    }
    // The last event carries the end flag, so no extra frame is needed.
    let last = entry.payloads.count - 1
    try? await emitter.emit(entry) { range in
        var buffer = channel.allocator.buffer(
            capacity: entry.payloads[range].reduce(0) { $0 + BareFrame.headerLength + $1.readableBytes }
        )
        for index in range {
            buffer.writeBareFrame(stream: stream, end: index == last, payload: entry.payloads[index])
        }
        try await channel.writeAndFlush(buffer)
    }
}

func runBareServer(emitter: PeerEmitter, listening: @Sendable (Int) -> Void) async throws {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
        .childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(BareFrameDecoder()))
                try channel.pipeline.syncOperations.addHandler(BareServerHandler(emitter: emitter))
            }
        }
        .bind(host: "127.0.0.1", port: 0).get()
    listening(channel.localAddress?.port ?? 0)
    try await channel.closeFuture.get()
}

/// Client: streams multiplexed by id; frames handed to each call through an AsyncThrowingStream.
final class BareConnection: Sendable {
    typealias Continuation = AsyncThrowingStream<BareFrame, any Error>.Continuation
    let channel: any Channel
    let streams: NIOLockedValueBox<[UInt32: Continuation]>
    private let nextStream = Atomic<UInt32>(1)

    init(channel: any Channel, streams: NIOLockedValueBox<[UInt32: Continuation]>) {
        self.channel = channel
        self.streams = streams
    }

    static func connect(port: Int) async throws -> BareConnection {
        let streams = NIOLockedValueBox<[UInt32: Continuation]>([:])
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(BareFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(BareClientHandler(streams: streams))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return BareConnection(channel: channel, streams: streams)
    }

    func call(_ reference: String) -> AsyncThrowingStream<BareFrame, any Error> {
        let stream = self.nextStream.wrappingAdd(2, ordering: .relaxed).oldValue
        let (frames, continuation) = AsyncThrowingStream<BareFrame, any Error>.makeStream()
        self.streams.withLockedValue { $0[stream] = continuation }
        var buffer = self.channel.allocator.buffer(capacity: BareFrame.headerLength + reference.utf8.count)
        buffer.writeBareFrame(stream: stream, end: true, payload: ByteBuffer(string: reference))
        self.channel.writeAndFlush(buffer, promise: nil)
        return frames
    }
}

final class BareClientHandler: ChannelInboundHandler {
    typealias InboundIn = BareFrame
    let streams: NIOLockedValueBox<[UInt32: BareConnection.Continuation]>

    init(streams: NIOLockedValueBox<[UInt32: BareConnection.Continuation]>) { self.streams = streams }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = self.unwrapInboundIn(data)
        let continuation = self.streams.withLockedValue { streams in
            frame.end ? streams.removeValue(forKey: frame.stream) : streams[frame.stream]
        }
        guard let continuation else { return }
        if frame.payload.readableBytes > 0 { continuation.yield(frame) }
        if frame.end { continuation.finish() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let all = self.streams.withLockedValue { streams in
            defer { streams = [:] }
            return Array(streams.values)
        }
        for continuation in all { continuation.finish(throwing: ChannelError.ioOnClosedChannel) }
    }
}

struct BareBenchTransport: BenchTransport {
    let name = "bare"
    let connections: [BareConnection]
    private let next = SharedRunState()

    init(connections: [BareConnection]) { self.connections = connections }

    func run(_ request: BenchRequest, onEvent: (BenchEventInfo) -> Void) async throws {
        let connection = self.connections[self.next.take() % self.connections.count]
        var count = 0
        for try await frame in connection.call(request.articles[0].reference) {
            count += 1
            onEvent(BenchEventInfo(payloadBytes: frame.payload.readableBytes, endsArticle: frame.end, receivedAt: BenchClock.now()))
        }
        if count == 0 { throw BareError.unknownArticle }
    }

    func statusName(of error: any Error) -> String {
        error is BareError ? "NOT_FOUND" : "UNAVAILABLE"
    }

    enum BareError: Error { case unknownArticle }
}

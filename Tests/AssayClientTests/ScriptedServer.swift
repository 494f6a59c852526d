import AssayProtocol
import NIOCore
import NIOPosix
import Synchronization

/// A fake server that speaks the framing but follows a script, for the error paths a real server
/// does not take on demand (PING, GOAWAY crossing an OPEN, credit overrun, frames for unknown streams).
final class ScriptedServer: Sendable {
    /// One accepted connection, as seen by a script.
    struct Connection {
        var frames: NIOAsyncChannelInboundStream<AssayFrame>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

        /// The next frame from the client; `nil` at EOF.
        mutating func next() async throws -> AssayFrame? { try await self.frames.next() }

        /// The next frame of one of `types`, skipping others.
        mutating func next(_ types: AssayFrameType...) async throws -> AssayFrame? {
            while let frame = try await self.frames.next() {
                if types.contains(frame.type) { return frame }
            }
            return nil
        }

        /// Drops what the client sends until it closes: the lingering close a server does after
        /// the GOAWAY that ends a connection. Returning at once instead closes with the client's
        /// bytes unread, which resets the connection, and can make the client miss the GOAWAY.
        mutating func closeLingering() async throws {
            while try await self.frames.next() != nil {}
        }

        /// Ends the connection as a server does: GOAWAY (last stream 0), then ``closeLingering()``.
        mutating func goAway(_ reason: Assay_GoAwayReason, _ code: Assay_StatusCode, message: String = "") async throws {
            var goAway = Assay_GoAway()
            goAway.reason = reason
            goAway.code = code
            goAway.message = message
            try await self.send([AssayFrame(type: .goAway, streamID: 0, message: goAway)])
            try await self.closeLingering()
        }

        func send(_ frames: [AssayFrame]) async throws {
            var bytes = ByteBuffer()
            for frame in frames { AssayFrameEncoder.encode(frame, into: &bytes) }
            try await self.outbound.write(bytes)
        }

        /// Reads HELLO and answers with a default HelloAck granting `initialStreamCredit` per stream;
        /// returns the client's Hello.
        @discardableResult
        mutating func handshake(initialStreamCredit: UInt32 = 64) async throws -> Assay_Hello {
            guard let hello = try await self.next(), hello.type == .hello else { throw ScriptError() }
            var ack = Assay_HelloAck()
            ack.version = 1
            ack.compression = .none
            ack.acceptCompression = [.none]
            ack.limits.maxFrameSize = 4 << 20
            ack.limits.maxMessageSize = 4 << 20
            ack.limits.maxConcurrentStreams = 100
            ack.limits.initialStreamCredit = initialStreamCredit
            ack.limits.minCompressSize = 512
            try await self.send([AssayFrame(type: .hello, streamID: 0, message: ack)])
            return try hello.decodePayload(as: Assay_Hello.self)
        }

        /// Answers a Health call on `id` with SERVING.
        func serveHealth(_ id: UInt32) async throws {
            var response = Assay_HealthResponse()
            response.status = .serving
            try await self.send([
                AssayFrame(type: .message, streamID: id, message: response),
                AssayFrame(type: .status, streamID: id, message: Assay_Status()),
            ])
        }
    }

    struct ScriptError: Error {}

    typealias Script = @Sendable (_ index: Int, _ connection: inout Connection) async throws -> Void

    private let channel: NIOAsyncChannel<NIOAsyncChannel<AssayFrame, ByteBuffer>, Never>
    let port: Int

    private init(channel: NIOAsyncChannel<NIOAsyncChannel<AssayFrame, ByteBuffer>, Never>) {
        self.channel = channel
        self.port = channel.channel.localAddress?.port ?? 0
    }

    /// Runs `body` with a scripted server on loopback; every accepted connection runs `script`
    /// with its index (0 for the first). Once `body` has returned (its client has closed its
    /// connections), the scripts run to their end before this returns, so what they recorded is
    /// complete; a script that throws ends its connection.
    static func with<T: Sendable>(script: @escaping Script, _ body: (Int) async throws -> T) async throws -> T {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(AssayFrameDecoder(maximumFrameLength: 4 << 20, expectsPreface: true))
                    )
                    return try NIOAsyncChannel<AssayFrame, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let server = ScriptedServer(channel: channel)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    try await channel.executeThenClose { inbound in
                        var index = 0
                        for try await child in inbound {
                            let current = index
                            index += 1
                            connections.addTask {
                                try? await child.executeThenClose { frames, outbound in
                                    var connection = Connection(frames: frames.makeAsyncIterator(), outbound: outbound)
                                    try await script(current, &connection)
                                }
                            }
                        }
                    }
                }
            }
            defer { group.cancelAll() }
            let result = try await body(server.port)
            try await channel.channel.close()
            try await group.waitForAll()
            return result
        }
    }
}

/// A value the script and the test share.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func set(_ value: Value) { self.value.withLock { $0 = value } }
    func get() -> Value { self.value.withLock { $0 } }
}

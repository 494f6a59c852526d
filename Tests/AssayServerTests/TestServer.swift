import AssayAnalysis
import AssayProtocol
import AssayServer
import Logging
import NIOCore
import NIOPosix
import SwiftProtobuf
import Synchronization

/// The engine with the bundled knowledge base, shared by every test server.
let sharedEngine = try! AnalysisEngine.bundled()

/// Runs `body` against a server on 127.0.0.1 with a free port, then shuts it down gracefully.
func withTestServer<R: Sendable>(
    _ configuration: AssayServerConfiguration = AssayServerConfiguration(),
    eventProducer: (any AssayEventProducer)? = nil,
    _ body: (AssayServer, Int) async throws -> R
) async throws -> R {
    var configuration = configuration
    configuration.host = "127.0.0.1"
    configuration.port = 0
    let server = AssayServer(
        configuration: configuration,
        engine: sharedEngine,
        eventProducer: eventProducer,
        logger: Logger(label: "test.server")
    )
    return try await server.withRunning { port in try await body(server, port) }
}

/// A bare protocol peer for tests: writes raw bytes or frames, reads decoded frames.
/// It lets tests send what no well-behaved client would.
final class RawConnection: Sendable {
    let channel: any Channel
    private let pump: FramePump

    /// Connects, and unless `hello` is nil sends the preface and that HELLO.
    static func connect(port: Int, hello: Assay_Hello? = .standard) async throws -> RawConnection {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(AssayFrameDecoder(maximumFrameLength: 16 << 20))
                    )
                    return try NIOAsyncChannel<AssayFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let connection = RawConnection(channel: channel)
        if let hello {
            try await connection.sendPreface(hello: hello)
            let ack = try await connection.next()
            guard ack?.type == .hello else { throw TestFailure("expected HELLO, got \(String(describing: ack))") }
        }
        return connection
    }

    private init(channel: NIOAsyncChannel<AssayFrame, ByteBuffer>) {
        self.channel = channel.channel
        self.pump = FramePump(channel)
    }

    /// Sends the connection preface and `hello`, in one write as a client does.
    func sendPreface(hello: Assay_Hello = .standard) async throws {
        var bytes = ByteBuffer(bytes: AssayFrame.connectionPreface)
        AssayFrameEncoder.encode(try AssayFrame(type: .hello, streamID: 0, message: hello), into: &bytes)
        try await self.send(bytes)
    }

    func send(_ bytes: ByteBuffer) async throws {
        try await self.pump.write(bytes)
    }

    func send(_ frames: AssayFrame...) async throws {
        var buffer = ByteBuffer()
        for frame in frames { AssayFrameEncoder.encode(frame, into: &buffer) }
        try await self.send(buffer)
    }

    /// Opens `stream` for `method` and sends `request` with END_STREAM.
    func call(_ method: String, stream: UInt32, request: some SwiftProtobuf.Message, credit: UInt32 = 0, timeoutMs: UInt64 = 0) async throws {
        var open = Assay_Open()
        open.method = method
        open.initialCredit = credit
        open.timeoutMs = timeoutMs
        try await self.send(
            try AssayFrame(type: .open, streamID: stream, message: open),
            try AssayFrame(type: .message, flags: .endStream, streamID: stream, message: request)
        )
    }

    /// Sends a CREDIT frame granting `messages` more on `stream`.
    func grantCredit(_ messages: UInt32, stream: UInt32) async throws {
        var credit = Assay_Credit()
        credit.messages = messages
        try await self.send(try AssayFrame(type: .credit, streamID: stream, message: credit))
    }

    /// The next frame, or nil when the server closed the connection; throws after `timeout`.
    func next(timeout: Duration = .seconds(10)) async throws -> AssayFrame? {
        try await self.pump.next(timeout: timeout)
    }

    /// Frames until STATUS on `stream` (skipping other streams' frames and connection frames).
    func collect(stream: UInt32) async throws -> (messages: [AssayFrame], status: Assay_Status) {
        var messages: [AssayFrame] = []
        while let frame = try await self.next() {
            guard frame.streamID == stream else { continue }
            switch frame.type {
            case .message: messages.append(frame)
            case .status: return (messages, try frame.decodePayload(as: Assay_Status.self))
            default: continue
            }
        }
        throw TestFailure("connection closed before STATUS on stream \(stream)")
    }

    /// Reads until GOAWAY, closes its side as a client does, then expects the server to close too
    /// (a server lingers after GOAWAY until the client closes, or for 1 s).
    func expectGoAway() async throws -> Assay_GoAway {
        while let frame = try await self.next() {
            if frame.type == .goAway {
                let goAway = try frame.decodePayload(as: Assay_GoAway.self)
                try? await self.channel.close(mode: .output)
                guard try await self.next() == nil else { throw TestFailure("connection stayed open after GOAWAY") }
                return goAway
            }
        }
        throw TestFailure("connection closed without GOAWAY")
    }

    func close() async {
        try? await self.channel.close()
    }
}

/// Runs a channel inside `executeThenClose`: queues inbound frames for tests to read with a
/// timeout, and lends the outbound writer.
final class FramePump: Sendable {
    private struct State {
        var frames: [AssayFrame] = []
        var closed = false
        var writer: NIOAsyncChannelOutboundWriter<ByteBuffer>?
    }

    private let state = Mutex(State())

    init(_ channel: NIOAsyncChannel<AssayFrame, ByteBuffer>) {
        Task {
            try? await channel.executeThenClose { inbound, outbound in
                self.state.withLock { $0.writer = outbound }
                do {
                    for try await frame in inbound {
                        self.state.withLock { $0.frames.append(frame) }
                    }
                } catch {}
            }
            self.state.withLock { $0.closed = true }
        }
    }

    func write(_ bytes: ByteBuffer) async throws {
        for _ in 0..<1000 {
            let (writer, closed) = self.state.withLock { ($0.writer, $0.closed) }
            if let writer { return try await writer.write(bytes) }
            if closed { throw TestFailure("connection closed") }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw TestFailure("connection never became writable")
    }

    func next(timeout: Duration) async throws -> AssayFrame? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (frame, closed) = self.state.withLock { state -> (AssayFrame?, Bool) in
                state.frames.isEmpty ? (nil, state.closed) : (state.frames.removeFirst(), false)
            }
            if let frame { return frame }
            if closed { return nil }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw TestFailure("no frame within \(timeout)")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Assay_Hello {
    static var standard: Assay_Hello {
        var hello = Assay_Hello()
        hello.versions = [1]
        hello.acceptCompression = [.none]
        hello.agent = "assay-tests"
        return hello
    }
}

func article(_ body: String, title: String = "", reference: String = "") -> Assay_Article {
    var article = Assay_Article()
    article.body = body
    article.title = title
    article.reference = reference
    return article
}

let sampleBody = """
    China tightened gallium export controls, and Washington responded within days.
    Xi Jinping met Joe Biden in South Korea to discuss rare earths.
    Analysts in the United States expect China to keep its leverage.
    """

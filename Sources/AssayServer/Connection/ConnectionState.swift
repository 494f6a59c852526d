import AssayProtocol
import CoreMetrics
import NIOCore
import Synchronization

/// A connection error: GOAWAY with this reason and code, then close (`docs/PROTOCOL.md` §1).
struct ConnectionError: Error, Sendable {
    var reason: Assay_GoAwayReason
    var code: Assay_StatusCode
    var message: String

    static func protocolError(_ message: String) -> ConnectionError {
        ConnectionError(reason: .protocolError, code: .internal, message: message)
    }
}

extension ConnectionError {
    /// The GOAWAY a framing or decoding error of the connection maps to.
    init(_ error: AssayProtocolError) {
        self.init(reason: error.goAwayReason, code: error.statusCode, message: error.message)
    }
}

/// The streams of one connection, shared by its reader loop and its running calls.
final class ConnectionState: Sendable {
    struct Entry {
        var machine: StreamStateMachine
        var context: StreamContext
    }

    private struct Registry {
        var streams: [UInt32: Entry] = [:]
        var highestOpened: UInt32 = 0
        var draining = false
        /// Set once the final GOAWAY is out: the connection is closing.
        var lingeringClose: LingeringClose?
        /// When the last stream closed (or HELLO completed); nil while a stream is open.
        var idleSince: ContinuousClock.Instant? = .now
        /// When a frame last arrived.
        var lastReceived: ContinuousClock.Instant = .now
        /// When the server's unanswered PING went out.
        var pingSentAt: ContinuousClock.Instant?
        /// When the client last pinged, and how many strikes it has.
        var lastClientPing: ContinuousClock.Instant?
        var pingStrikes = 0
    }

    /// What the keepalive monitor should do now.
    enum KeepaliveAction {
        case nothing
        case ping
        case goAway(ConnectionError)
    }

    let writer: FrameWriter
    let channel: any Channel
    private let registry = Mutex(Registry())

    init(writer: FrameWriter, channel: any Channel) {
        self.writer = writer
        self.channel = channel
    }

    /// The highest stream id opened so far.
    var highestOpened: UInt32 { self.registry.withLock { $0.highestOpened } }

    /// Whether graceful shutdown has begun on this connection.
    var isDraining: Bool { self.registry.withLock { $0.draining } }

    /// Whether the connection is closing after its final GOAWAY: the reader processes no more frames.
    var isClosing: Bool { self.registry.withLock { $0.lingeringClose != nil } }

    /// Streams open or half-closed.
    var activeStreams: Int { self.registry.withLock { $0.streams.count } }

    /// Records that `id` was opened; throws a connection error for an even or non-increasing id.
    func markOpened(_ id: UInt32) throws(ConnectionError) {
        let valid = self.registry.withLock { registry -> Bool in
            guard id % 2 == 1, id > registry.highestOpened else { return false }
            registry.highestOpened = id
            return true
        }
        guard valid else { throw .protocolError("OPEN on stream \(id): ids must be odd and increasing") }
    }

    /// Registers an accepted stream.
    func register(_ id: UInt32, _ entry: Entry) {
        self.registry.withLock { registry in
            registry.streams[id] = entry
            registry.idleSince = nil
        }
    }

    /// Records that a frame arrived (for keepalive); `false`, recording nothing, once the connection
    /// is closing and the frame must not be processed.
    func noteReceived(_ frame: AssayFrame) -> Bool {
        self.registry.withLock { registry in
            guard registry.lingeringClose == nil else { return false }
            registry.lastReceived = .now
            if frame.type == .pong { registry.pingSentAt = nil }
            return true
        }
    }

    /// Records a client PING; returns a connection error on the strike past `maximumStrikes`.
    func noteClientPing(minimumInterval: Duration, maximumStrikes: Int) -> ConnectionError? {
        self.registry.withLock { registry -> ConnectionError? in
            let now = ContinuousClock.now
            if let last = registry.lastClientPing, now - last < minimumInterval {
                registry.pingStrikes += 1
            }
            registry.lastClientPing = now
            guard registry.pingStrikes > maximumStrikes else { return nil }
            return ConnectionError(reason: .enhanceYourCalm, code: .resourceExhausted, message: "too_many_pings")
        }
    }

    /// The server sent data: ping strikes start over.
    func resetPingStrikes() {
        self.registry.withLock { $0.pingStrikes = 0 }
    }

    /// Decides whether to ping, or to close a silent or idle connection.
    func keepaliveAction(interval: Duration?, timeout: Duration, idleTimeout: Duration?) -> KeepaliveAction {
        self.registry.withLock { registry in
            guard registry.lingeringClose == nil else { return .nothing }
            let now = ContinuousClock.now
            if let idleTimeout, let idleSince = registry.idleSince, now - idleSince >= idleTimeout {
                return .goAway(ConnectionError(reason: .timeout, code: .unavailable, message: "idle timeout"))
            }
            if let sentAt = registry.pingSentAt {
                return now - sentAt >= timeout
                    ? .goAway(ConnectionError(reason: .timeout, code: .unavailable, message: "no PONG within the keepalive timeout"))
                    : .nothing
            }
            if let interval, now - registry.lastReceived >= interval {
                registry.pingSentAt = now
                return .ping
            }
            return .nothing
        }
    }

    /// Applies `body` to stream `id`'s entry; `nil` when the stream is closed (frames are dropped).
    /// Throws a connection error for a stream that was never opened.
    func withStream<R>(_ id: UInt32, _ body: (inout Entry) -> R) throws(ConnectionError) -> R? {
        let result: Result<R?, ConnectionError> = self.registry.withLock { registry in
            guard id <= registry.highestOpened else {
                return .failure(.protocolError("frame for stream \(id), which was never opened"))
            }
            guard var entry = registry.streams[id] else { return .success(nil) }
            let value = body(&entry)
            if entry.machine.state == .closed {
                registry.streams[id] = nil
            } else {
                registry.streams[id] = entry
            }
            return .success(value)
        }
        return try result.get()
    }

    /// Removes a finished stream; closes the connection (lingering) when draining and nothing is left.
    func streamFinished(_ id: UInt32) {
        let closeNow = self.registry.withLock { registry -> Bool in
            registry.streams[id] = nil
            if registry.streams.isEmpty && registry.idleSince == nil { registry.idleSince = .now }
            return registry.draining && registry.streams.isEmpty
        }
        if closeNow { self.closeLingering() }
    }

    /// Writes the final GOAWAY for `error` (last stream: the highest opened), then closes lingering.
    func closeWithGoAway(_ error: ConnectionError) async throws {
        try await self.writer.writeGoAway(error, lastStreamID: self.highestOpened)
        self.closeLingering()
    }

    /// Closes the connection after its final GOAWAY, lingering (``LingeringClose``): cancels the
    /// running calls; the reader stops processing frames and ends at the peer's close or the
    /// linger deadline.
    func closeLingering() {
        self.registry.withLock { registry in
            if registry.lingeringClose == nil { registry.lingeringClose = LingeringClose(channel: self.channel) }
        }
        self.cancelAll()
    }

    /// After ``closeLingering()``: drops `frames` until the connection has closed. Returns at once
    /// if the connection is not closing.
    func awaitLingeringClose(_ frames: inout NIOAsyncChannelInboundStream<AssayFrame>.AsyncIterator) async {
        guard let close = self.registry.withLock({ $0.lingeringClose }) else { return }
        await close.drain(&frames)
    }

    /// Cancels every running call (the connection is going away).
    func cancelAll() {
        let contexts = self.registry.withLock { registry in
            defer { registry.streams.removeAll() }
            return registry.streams.values.map(\.context)
        }
        for context in contexts { context.cancel() }
    }

    /// Ends every stream still running with STATUS CANCELLED (the shutdown grace period is over).
    func cancelRemaining(reason: String) async {
        let streams = self.registry.withLock { registry in
            defer { registry.streams.removeAll() }
            return registry.streams
        }
        // STATUS first: cancelling a call lets its task finish the stream, which may close the
        // draining connection.
        for id in streams.keys.sorted() {
            try? await self.writer.writeStatus(StreamFailure(code: .cancelled, message: reason), streamID: id)
        }
        for entry in streams.values {
            entry.context.cancel()
        }
    }

    /// Starts graceful shutdown: GOAWAY(SHUTDOWN), then close (lingering) once the open streams are
    /// done. Nothing to do on a connection already draining or already closing after its final GOAWAY.
    func beginDrain() async {
        let (last, idle, alreadyEnding) = self.registry.withLock { registry in
            defer { registry.draining = true }
            return (registry.highestOpened, registry.streams.isEmpty, registry.draining || registry.lingeringClose != nil)
        }
        guard !alreadyEnding else { return }
        let shutdown = ConnectionError(reason: .shutdown, code: .unavailable, message: "server shutting down")
        try? await self.writer.writeGoAway(shutdown, lastStreamID: last)
        if idle { self.closeLingering() }
    }
}

/// Writes frames in batches: every frame of one step is encoded into one buffer and written once.
struct FrameWriter: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Counts the bytes written, when given.
    var bytesSent: Counter?

    /// Encodes `frames` into one buffer and writes it.
    func write(_ frames: [AssayFrame]) async throws {
        guard !frames.isEmpty else { return }
        var capacity = 0
        for frame in frames { capacity += AssayFrame.headerLength + frame.payload.readableBytes }
        var buffer = ByteBufferAllocator().buffer(capacity: capacity)
        for frame in frames {
            AssayFrameEncoder.encode(frame, into: &buffer)
        }
        self.bytesSent?.increment(by: buffer.readableBytes)
        try await self.outbound.write(buffer)
    }

    /// Writes STATUS on `streamID`, after `frames` (the call's last MESSAGEs) in the same write.
    func writeStatus(_ failure: StreamFailure?, streamID: UInt32, after frames: [AssayFrame] = []) async throws {
        var status = Assay_Status()
        if let failure {
            status.code = failure.code
            status.message = failure.message
            status.retryAfterMs = failure.retryAfterMilliseconds
            status.details = failure.details
        }
        try await self.write(frames + [AssayFrame(type: .status, streamID: streamID, message: status)])
    }

    /// Writes GOAWAY for a connection error.
    func writeGoAway(_ error: ConnectionError, lastStreamID: UInt32) async throws {
        var goAway = Assay_GoAway()
        goAway.lastStreamID = lastStreamID
        goAway.reason = error.reason
        goAway.code = error.code
        goAway.message = error.message
        try await self.write([AssayFrame(type: .goAway, streamID: 0, message: goAway)])
    }
}

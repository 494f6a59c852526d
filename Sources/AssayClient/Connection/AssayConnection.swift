import AssayProtocol
import Logging
import NIOCore
import NIOPosix
import SwiftProtobuf
import Synchronization

/// One TCP connection to one endpoint: the HELLO exchange, the table of open streams, and the
/// handling of every frame the reader loop receives (`docs/PROTOCOL.md` §4, client view).
///
/// Frames are written with `Channel.writeAndFlush`, which is ordered; OPENs are written while the
/// table's lock is held so stream ids reach the wire in increasing order.
final class AssayConnection: Sendable {
    /// What HELLO settled.
    struct Session: Sendable {
        /// The server accepts zlib-compressed requests and the client offered compression.
        var compressesRequests: Bool
        var serverMinimumCompressSize: Int
        var serverInitialCredit: Int
        var serverMaximumMessageSize: Int
    }

    private struct StreamEntry {
        var sink: StreamInbox
        /// MESSAGE frames the client has allowed the server to send (initial + CREDITs).
        var granted: Int
        var received = 0
        /// Messages consumed by the application.
        var consumed = 0
        /// The receive window in messages: CREDIT tops what the server may still send up to this
        /// when half of it has been consumed. Starts at `initialCredit`; grows (and shrinks back,
        /// never below `initialCredit`) with `receiveWindowBytes` and the size of the messages.
        var window: Int
        /// Messages and their bytes (payload and frame header) consumed since the window was last
        /// sized.
        var sampleMessages = 0
        var sampleBytes = 0
        /// Requests the client may still send.
        var sendCredit: Int
        /// Request frames waiting for send credit.
        var pending: [AssayFrame] = []
        var timer: Scheduled<Void>?
        /// Since when requests have been waiting for send credit (nil: not waiting).
        var requestsWaitingSince: ContinuousClock.Instant?
        /// Since when the server has had no credit left on this stream (nil: it has some).
        var responsesExhaustedSince: ContinuousClock.Instant?
    }

    private struct State {
        var nextStreamID: UInt32 = 1
        var streams: [UInt32: StreamEntry] = [:]
        var goAwayLastStreamID: UInt32?
        /// No new streams: GOAWAY received, the client is draining, or the id space is used up.
        var closing = false
        var closed = false
        /// The keepalive PING waiting for its PONG: its payload and when it was sent.
        var ping: (payload: ByteBuffer, sentAt: NIODeadline)?
        var pingsSent: UInt64 = 0
        /// When the keepalive check last saw that a frame had arrived (or the connection began).
        var lastHeard = NIODeadline.now()
        /// The connection was closed because a PING went unanswered.
        var keepaliveExpired = false

        /// Whether the client has opened stream `id` (odd, below the next id): frames for others are
        /// a protocol error.
        func opened(_ id: UInt32) -> Bool { id < self.nextStreamID && id % 2 == 1 }
    }

    let endpoint: AssayEndpoint
    let channel: any Channel
    let session: Session
    private let configuration: AssayClientConfiguration
    private let flowControl: FlowControlTally
    private let logger: Logger
    private let state = Mutex(State())
    private let outboundCompression: Mutex<AssayMessageCompression>
    /// Whether a frame arrived since the last keepalive check: one relaxed store per frame, where
    /// reading the clock per frame would cost more on the per-event path.
    private let heardSinceCheck = Atomic<Bool>(false)

    init(
        endpoint: AssayEndpoint,
        channel: any Channel,
        session: Session,
        configuration: AssayClientConfiguration,
        flowControl: FlowControlTally,
        logger: Logger
    ) {
        self.endpoint = endpoint
        self.channel = channel
        self.session = session
        self.configuration = configuration
        self.flowControl = flowControl
        self.logger = logger
        self.outboundCompression = Mutex(AssayMessageCompression(minimumCompressSize: session.serverMinimumCompressSize))
    }

    /// Whether a new call may open a stream here.
    var isAcceptingStreams: Bool {
        self.state.withLock { !$0.closing && !$0.closed }
    }

    // MARK: - Calls

    /// Opens a stream: writes OPEN and as many requests as the server's credit allows, arms the local deadline.
    /// - Parameters:
    ///   - requests: The request payloads (uncompressed). The last one carries END_STREAM;
    ///     none means OPEN with END_STREAM (an empty batch).
    ///   - timeout: Sent as `timeout_ms` and enforced locally.
    func openStream(method: String, requests: [ByteBuffer], timeout: Duration?) throws(AssayClientError) -> (UInt32, StreamInbox) {
        let frames = StreamInbox()
        let credit = self.configuration.initialCredit
        var open = Assay_Open()
        open.method = method
        open.initialCredit = UInt32(credit)
        if let timeout { open.timeoutMs = timeout.wholeMilliseconds }
        var requestFrames = requests.map { AssayFrame(type: .message, streamID: 0, payload: $0) }
        if self.session.compressesRequests {
            self.outboundCompression.withLock { compression in
                for index in requestFrames.indices { compression.compressIfWorthwhile(&requestFrames[index]) }
            }
        }
        for frame in requestFrames where frame.payload.readableBytes > self.session.serverMaximumMessageSize {
            throw AssayClientError(
                code: .resourceExhausted,
                message: "request is \(frame.payload.readableBytes) bytes; the server's max_message_size is "
                    + "\(self.session.serverMaximumMessageSize)"
            )
        }
        let result = self.state.withLock { state -> Result<UInt32, AssayClientError> in
            guard !state.closing, !state.closed else {
                return .failure(
                    AssayClientError(
                        code: .unavailable,
                        message: "connection to \(self.endpoint) is closing",
                        wasNotProcessed: true
                    )
                )
            }
            let id = state.nextStreamID
            if id >= UInt32.max - 2 { state.closing = true } else { state.nextStreamID += 2 }
            var entry = StreamEntry(sink: frames, granted: credit, window: credit, sendCredit: self.session.serverInitialCredit)
            for index in requestFrames.indices { requestFrames[index].streamID = id }
            if let last = requestFrames.indices.last { requestFrames[last].flags.insert(.endStream) }
            var bytes = ByteBuffer()
            guard let openFrame = try? AssayFrame(type: .open, flags: requests.isEmpty ? .endStream : [], streamID: id, message: open)
            else { return .failure(AssayClientError(code: .internal, message: "cannot encode OPEN")) }
            AssayFrameEncoder.encode(openFrame, into: &bytes)
            let sendable = min(entry.sendCredit, requestFrames.count)
            for frame in requestFrames.prefix(sendable) { AssayFrameEncoder.encode(frame, into: &bytes) }
            entry.sendCredit -= sendable
            entry.pending = Array(requestFrames.dropFirst(sendable))
            if !entry.pending.isEmpty { entry.requestsWaitingSince = .now }
            if let timeout {
                entry.timer = self.channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
                    self.fail(
                        id,
                        with: AssayClientError(
                            code: .deadlineExceeded,
                            message: "deadline exceeded"
                        ),
                        reason: "deadline exceeded"
                    )
                }
            }
            state.streams[id] = entry
            self.channel.writeAndFlush(bytes, promise: nil)
            return .success(id)
        }
        let id = try result.get()
        self.logger.trace("stream opened", metadata: ["assay.stream.id": "\(id)", "assay.method": "\(method)"])
        return (id, frames)
    }

    /// The application consumed `messages` messages of stream `id`, of `bytes` payload bytes: once
    /// half the window has been consumed, grant CREDIT up to the window again (with a fixed window,
    /// what was consumed). The window is sized at each grant from `receiveWindowBytes` and the
    /// average size of the messages consumed since the last.
    func consumed(_ id: UInt32, messages: Int, bytes: Int) {
        let grant = self.state.withLock { state -> Int in
            guard var entry = state.streams[id] else { return 0 }
            entry.consumed += messages
            entry.sampleMessages += messages
            entry.sampleBytes += bytes + messages * AssayFrame.headerLength
            // Credit the server has not used, or messages on their way or not yet consumed.
            let outstanding = entry.granted - entry.consumed
            var grant = 0
            if outstanding <= entry.window - max(1, entry.window / 2) {
                if let budget = self.configuration.receiveWindowBytes, entry.sampleMessages > 0 {
                    let average = max(1, entry.sampleBytes / entry.sampleMessages)
                    let sized = min(Int(Int32.max) / 2, budget / average)
                    entry.window = max(self.configuration.initialCredit, sized)
                }
                entry.sampleMessages = 0
                entry.sampleBytes = 0
                // Zero when the window shrank below what is outstanding: CREDIT{0} is an error.
                grant = max(0, entry.window - outstanding)
                entry.granted += grant
                if grant > 0, let since = entry.responsesExhaustedSince {
                    self.flowControl.addResponseExhausted(.now - since)
                    entry.responsesExhaustedSince = nil
                }
            }
            state.streams[id] = entry
            return grant
        }
        guard grant > 0 else { return }
        var credit = Assay_Credit()
        credit.messages = UInt32(grant)
        if let frame = try? AssayFrame(type: .credit, streamID: id, message: credit) { self.write([frame]) }
    }

    /// Ends stream `id` locally: sends CANCEL and fails the call with `error`. Does nothing if it has ended.
    func fail(_ id: UInt32, with error: AssayClientError, reason: String) {
        guard let entry = self.remove(id) else { return }
        var cancel = Assay_Cancel()
        cancel.reason = reason
        if let frame = try? AssayFrame(type: .cancel, streamID: id, message: cancel) { self.write([frame]) }
        self.logger.trace("stream cancelled", metadata: ["assay.stream.id": "\(id)", "assay.reason": "\(reason)"])
        entry.sink.finish(throwing: error)
    }

    /// Opens no more streams; closes the connection once the open ones have ended.
    func drain() {
        let idle = self.state.withLock { state -> Bool in
            state.closing = true
            return state.streams.isEmpty
        }
        if idle { self.channel.close(promise: nil) }
    }

    // MARK: - Reader loop

    /// Handles one frame from the server. Returns `false` when the connection must close (a protocol error).
    func handle(_ frame: AssayFrame, inflater: AssayMessageCompression) -> Bool {
        if self.configuration.keepalive != nil { self.heardSinceCheck.store(true, ordering: .relaxed) }
        switch frame.type {
        case .message where frame.streamID != 0:
            return self.handleMessage(frame, inflater: inflater)
        case .message, .credit, .status, .cancel:
            guard frame.streamID != 0 else { return self.protocolError("\(frame.type) on stream 0") }
            let known = self.state.withLock { $0.opened(frame.streamID) }
            guard known else { return self.protocolError("\(frame.type) for stream \(frame.streamID), never opened") }
            self.handleStreamFrame(frame)
            return true
        case .ping:
            guard frame.streamID == 0 else { return self.protocolError("PING on stream \(frame.streamID)") }
            self.write([AssayFrame(type: .pong, streamID: 0, payload: frame.payload)])
            return true
        case .pong:
            self.state.withLock { state in
                if state.ping?.payload == frame.payload { state.ping = nil }
            }
            return true
        case .goAway:
            guard let goAway = try? frame.decodePayload(as: Assay_GoAway.self) else {
                return self.protocolError("GOAWAY payload is not a valid assay.v1.GoAway")
            }
            self.receiveGoAway(goAway)
            return true
        case .hello:
            return self.protocolError("a second HELLO")
        default:
            // Unknown extension types never reach here (the decoder skips them); OPEN from a server is an error.
            return self.protocolError("unexpected \(frame.type) from the server")
        }
    }

    // MARK: - Keepalive

    /// Starts the keepalive checks (with ``AssayClientConfiguration/keepalive``): a PING after the
    /// interval without a frame received, and the close when its PONG is late. Cancel the task when
    /// the connection ends.
    func startKeepalive() -> RepeatedTask? {
        guard let keepalive = self.configuration.keepalive else { return nil }
        // Checks often enough that a PING or the close comes at most a quarter late (a frame is
        // noticed at the next check, so silence counts from there).
        let tick = TimeAmount(max(.milliseconds(100), min(keepalive.interval, keepalive.timeout) / 4))
        return self.channel.eventLoop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { _ in
            self.checkKeepalive(keepalive)
        }
    }

    /// Whether the connection was closed because a PING went unanswered.
    var keepaliveExpired: Bool { self.state.withLock { $0.keepaliveExpired } }

    private func checkKeepalive(_ keepalive: AssayClientConfiguration.Keepalive) {
        let now = NIODeadline.now()
        let heard = self.heardSinceCheck.exchange(false, ordering: .relaxed)
        enum Action { case none, ping(AssayFrame), expire }
        let action = self.state.withLock { state -> Action in
            // Silence is counted from the check that saw the last frame: at most a tick late.
            if heard { state.lastHeard = now }
            guard !state.closed, !state.keepaliveExpired else { return .none }
            if let ping = state.ping {
                guard now - ping.sentAt >= TimeAmount(keepalive.timeout) else { return .none }
                state.keepaliveExpired = true
                return .expire
            }
            guard now - state.lastHeard >= TimeAmount(keepalive.interval) else { return .none }
            state.pingsSent += 1
            var ping = Assay_Ping()
            ping.opaque = state.pingsSent
            guard let frame = try? AssayFrame(type: .ping, streamID: 0, message: ping) else { return .none }
            state.ping = (frame.payload, now)
            return .ping(frame)
        }
        switch action {
        case .none:
            return
        case .ping(let frame):
            self.write([frame])
        case .expire:
            self.logger.debug("keepalive: no PONG in time, closing", metadata: ["assay.endpoint": "\(self.endpoint)"])
            self.channel.close(promise: nil)
        }
    }

    /// The connection has ended: fails every stream still open with UNAVAILABLE.
    func closed(cause: (any Error & Sendable)?) {
        let (entries, expired) = self.state.withLock { state -> ([StreamEntry], Bool) in
            state.closed = true
            defer { state.streams = [:] }
            return (Array(state.streams.values), state.keepaliveExpired)
        }
        let timeout = self.configuration.keepalive.map { " (\($0.timeout.wholeMilliseconds) ms)" } ?? ""
        let error = AssayClientError(
            code: .unavailable,
            message: "connection to \(self.endpoint) was lost"
                + (expired ? ": no PONG to the keepalive PING within the timeout\(timeout)" : ""),
            cause: cause
        )
        for entry in entries {
            self.settleFlowControl(entry)
            entry.timer?.cancel()
            entry.sink.finish(throwing: error)
        }
    }

    /// A MESSAGE (the per-event path): one lock checks the stream id, counts it against the
    /// granted credit and finds the stream's inbox.
    private func handleMessage(_ frame: AssayFrame, inflater: AssayMessageCompression) -> Bool {
        let id = frame.streamID
        enum Outcome { case deliver(StreamInbox), overrun, drop, unknown }
        let outcome = self.state.withLock { state -> Outcome in
            guard state.opened(id) else { return .unknown }
            guard let index = state.streams.index(forKey: id) else { return .drop }
            // In place: no copy of the entry per event.
            state.streams.values[index].received += 1
            let (received, granted) = (state.streams.values[index].received, state.streams.values[index].granted)
            if received == granted { state.streams.values[index].responsesExhaustedSince = .now }
            return received > granted ? .overrun : .deliver(state.streams.values[index].sink)
        }
        switch outcome {
        case .unknown:
            return self.protocolError("MESSAGE for stream \(id), never opened")
        case .drop:
            return true
        case .overrun:
            self.fail(
                id,
                with: AssayClientError(code: .resourceExhausted, message: "server sent more messages than the credit granted"),
                reason: "flow control: credit exceeded"
            )
        case .deliver(let sink):
            do {
                let inflated = try inflater.decompress(frame, limit: self.configuration.maximumMessageSize)
                sink.yield(inflated.payload)
            } catch {
                self.fail(id, with: AssayClientError(code: .init(error.statusCode), message: error.message), reason: error.message)
            }
        }
        return true
    }

    private func handleStreamFrame(_ frame: AssayFrame) {
        let id = frame.streamID
        switch frame.type {
        case .credit:
            let messages = (try? frame.decodePayload(as: Assay_Credit.self))?.messages ?? 0
            enum Outcome { case send([AssayFrame]), invalid, none }
            let outcome = self.state.withLock { state -> Outcome in
                guard var entry = state.streams[id] else { return .none }
                guard messages >= 1, Int(messages) + entry.sendCredit <= Int(Int32.max) else { return .invalid }
                entry.sendCredit += Int(messages)
                let ready = min(entry.sendCredit, entry.pending.count)
                let frames = Array(entry.pending.prefix(ready))
                entry.pending.removeFirst(ready)
                entry.sendCredit -= ready
                if let since = entry.requestsWaitingSince {
                    let now = ContinuousClock.now
                    self.flowControl.addRequestWait(now - since)
                    entry.requestsWaitingSince = entry.pending.isEmpty ? nil : now
                }
                state.streams[id] = entry
                // Written under the lock so a later CREDIT's frames cannot overtake these.
                if !frames.isEmpty { self.write(frames) }
                return .none
            }
            if case .invalid = outcome {
                self.fail(
                    id,
                    with: AssayClientError(code: .internal, message: "flow control: server sent an invalid CREDIT"),
                    reason: "flow control: invalid CREDIT"
                )
            }

        case .status:
            guard let entry = self.remove(id) else { return }
            guard let status = try? frame.decodePayload(as: Assay_Status.self) else {
                entry.sink.finish(throwing: AssayClientError(code: .internal, message: "STATUS payload is not a valid assay.v1.Status"))
                return
            }
            if status.code == .ok {
                entry.sink.finish()
            } else {
                entry.sink.finish(throwing: AssayClientError(status: status))
            }

        case .cancel:
            self.remove(id)?.sink.finish(throwing: AssayClientError(code: .cancelled, message: "cancelled by the server"))

        default:
            return
        }
    }

    private func receiveGoAway(_ goAway: Assay_GoAway) {
        let (failed, idle) = self.state.withLock { state -> ([StreamEntry], Bool) in
            let last = min(state.goAwayLastStreamID ?? UInt32.max, goAway.lastStreamID)
            state.goAwayLastStreamID = last
            state.closing = true
            let ids = state.streams.keys.filter { $0 > last }
            let failed = ids.compactMap { state.streams.removeValue(forKey: $0) }
            return (failed, state.streams.isEmpty)
        }
        self.logger.debug(
            "GOAWAY received",
            metadata: ["assay.goaway.reason": "\(goAway.reason)", "assay.goaway.last_stream_id": "\(goAway.lastStreamID)"]
        )
        let error = AssayClientError(
            code: .init(goAway.code),
            message: Self.describe(goAway, endpoint: self.endpoint),
            wasNotProcessed: true
        )
        for entry in failed {
            self.settleFlowControl(entry)
            entry.timer?.cancel()
            entry.sink.finish(throwing: error)
        }
        if idle { self.channel.close(promise: nil) }
    }

    private func protocolError(_ message: String) -> Bool {
        self.logger.debug("protocol error from the server", metadata: ["assay.error": "\(message)"])
        var goAway = Assay_GoAway()
        goAway.reason = .protocolError
        goAway.code = .internal
        goAway.message = message
        if let frame = try? AssayFrame(type: .goAway, streamID: 0, message: goAway) { self.write([frame]) }
        return false
    }

    @discardableResult
    private func remove(_ id: UInt32) -> StreamEntry? {
        let (entry, closeNow) = self.state.withLock { state -> (StreamEntry?, Bool) in
            let entry = state.streams.removeValue(forKey: id)
            return (entry, entry != nil && state.closing && state.streams.isEmpty)
        }
        if let entry { self.settleFlowControl(entry) }
        entry?.timer?.cancel()
        if closeNow { self.channel.close(promise: nil) }
        return entry
    }

    /// Adds the flow-control wait a stream was still in when it ended.
    private func settleFlowControl(_ entry: StreamEntry) {
        guard entry.requestsWaitingSince != nil || entry.responsesExhaustedSince != nil else { return }
        let now = ContinuousClock.now
        if let since = entry.requestsWaitingSince { self.flowControl.addRequestWait(now - since) }
        if let since = entry.responsesExhaustedSince { self.flowControl.addResponseExhausted(now - since) }
    }

    private func write(_ frames: [AssayFrame]) {
        var bytes = ByteBuffer()
        for frame in frames { AssayFrameEncoder.encode(frame, into: &bytes) }
        self.channel.writeAndFlush(bytes, promise: nil)
    }

    static func describe(_ goAway: Assay_GoAway, endpoint: AssayEndpoint) -> String {
        let detail = goAway.message.isEmpty ? "" : ": \(goAway.message)"
        return switch goAway.reason {
        case .unauthenticated: "server at \(endpoint) refused the API key\(detail)"
        case .shutdown: "server at \(endpoint) is shutting down"
        case .overloaded: "server at \(endpoint) is at its connection limit\(detail)"
        case .unsupportedVersion: "server at \(endpoint) speaks no common protocol version\(detail)"
        case .timeout: "server at \(endpoint) closed the connection (timeout)\(detail)"
        case .enhanceYourCalm: "server at \(endpoint) closed the connection (too many pings)\(detail)"
        default: "server at \(endpoint) closed the connection (\(goAway.reason))\(detail)"
        }
    }
}

import AssayProtocol
import CoreMetrics
import Logging
import NIOCore

/// Serves one connection: HELLO, then the reader loop that dispatches frames to streams.
///
/// The pipeline only frames bytes; this async function holds the protocol logic. It catches its
/// own errors, so one bad peer never affects the server or other connections.
struct ConnectionHandler: Sendable {
    let runtime: ServerRuntime
    let logger: Logger

    /// Runs the connection until it closes, logging its opening and closing (with a connection id).
    func run(_ channel: NIOAsyncChannel<AssayFrame, ByteBuffer>) async {
        var logger = self.logger
        logger[metadataKey: "assay.connection.id"] = "\(self.runtime.nextConnectionID())"
        if let peer = channel.channel.remoteAddress {
            logger[metadataKey: "assay.peer"] = "\(peer)"
        }
        logger.info("connection opened")
        await ConnectionHandler(runtime: self.runtime, logger: logger).serveConnection(channel)
        logger.info("connection closed")
    }

    private func serveConnection(_ channel: NIOAsyncChannel<AssayFrame, ByteBuffer>) async {
        do {
            try await channel.executeThenClose { inbound, outbound in
                let writer = FrameWriter(outbound: outbound, bytesSent: self.runtime.metrics.bytesSent)
                let connection = ConnectionState(writer: writer, channel: channel.channel)
                self.runtime.register(connection)
                defer { self.runtime.unregister(connection) }
                var frames = inbound.makeAsyncIterator()
                try await withThrowingDiscardingTaskGroup { group in
                    defer { connection.cancelAll() }
                    do {
                        try await self.serve(&frames, connection: connection, group: &group)
                    } catch {
                        guard let goAway = (error as? ConnectionError) ?? (error as? AssayProtocolError).map(ConnectionError.init)
                        else { throw error }
                        self.logger.info("GOAWAY", metadata: ["assay.reason": "\(goAway.reason)", "assay.error": "\(goAway.message)"])
                        try await connection.closeWithGoAway(goAway)
                    }
                }
                await connection.awaitLingeringClose(&frames)
            }
        } catch {
            self.logger.debug("connection ended with an error", metadata: ["assay.error": "\(error)"])
        }
    }

    /// Reads and handles frames until the peer closes, a connection error is thrown, or the
    /// connection starts closing (``ConnectionState/closeLingering()``).
    private func serve(
        _ frames: inout NIOAsyncChannelInboundStream<AssayFrame>.AsyncIterator,
        connection: ConnectionState,
        group: inout ThrowingDiscardingTaskGroup<any Error>
    ) async throws {
        let helloTimer = Task {
            try await Task.sleep(for: self.runtime.configuration.helloTimeout)
            try await connection.closeWithGoAway(
                ConnectionError(reason: .timeout, code: .unavailable, message: "no HELLO within the hello timeout")
            )
        }
        defer { helloTimer.cancel() }
        guard let first = try await frames.next(), !connection.isClosing else { return }
        helloTimer.cancel()
        let session = try self.handshake(first)
        try await connection.writer.write([AssayFrame(type: .hello, streamID: 0, message: session.helloAck)])
        self.logger.debug("connection ready", metadata: ["assay.client.agent": "\(session.agent)"])

        let keepalive = Task { try await self.monitorKeepalive(connection) }
        defer { keepalive.cancel() }

        let compression = AssayMessageCompression()
        while let frame = try await frames.next(), connection.noteReceived(frame) {
            self.runtime.metrics.bytesReceived.increment(by: AssayFrame.headerLength + frame.payload.readableBytes)
            switch frame.type {
            case .hello, .ping, .pong, .goAway:
                guard frame.streamID == 0 else {
                    throw ConnectionError.protocolError("\(frame.type) on stream \(frame.streamID)")
                }
                switch frame.type {
                case .hello:
                    throw ConnectionError.protocolError("a second HELLO")
                case .ping:
                    let configuration = self.runtime.configuration
                    if let calm = connection.noteClientPing(
                        minimumInterval: configuration.minimumPingInterval,
                        maximumStrikes: configuration.maximumPingStrikes
                    ) {
                        throw calm
                    }
                    try await connection.writer.write([AssayFrame(type: .pong, streamID: 0, payload: frame.payload)])
                default:
                    continue
                }
            default:
                guard frame.streamID != 0 else {
                    throw ConnectionError.protocolError("\(frame.type) on stream 0")
                }
                try await self.handleStreamFrame(
                    frame,
                    session: session,
                    connection: connection,
                    compression: compression,
                    group: &group
                )
            }
        }
    }

    /// Pings a silent connection and closes it when the PONG does not come or it stays idle
    /// (`docs/PROTOCOL.md` §6.3, §6.5).
    private func monitorKeepalive(_ connection: ConnectionState) async throws {
        let configuration = self.runtime.configuration
        guard configuration.keepaliveInterval != nil || configuration.idleTimeout != nil else { return }
        let tick = min(
            configuration.keepaliveInterval ?? .seconds(1),
            configuration.keepaliveTimeout,
            configuration.idleTimeout ?? .seconds(1),
            .seconds(1)
        ) / 4
        while true {
            try await Task.sleep(for: tick)
            switch connection.keepaliveAction(
                interval: configuration.keepaliveInterval,
                timeout: configuration.keepaliveTimeout,
                idleTimeout: configuration.idleTimeout
            ) {
            case .nothing:
                continue
            case .ping:
                var ping = Assay_Ping()
                ping.opaque = UInt64(ContinuousClock.now.hashValue.magnitude)
                try await connection.writer.write([AssayFrame(type: .ping, streamID: 0, message: ping)])
            case .goAway(let error):
                self.logger.debug("closing connection", metadata: ["assay.error": "\(error.message)"])
                try await connection.closeWithGoAway(error)
                return
            }
        }
    }

    private func handleStreamFrame(
        _ frame: AssayFrame,
        session: ConnectionSession,
        connection: ConnectionState,
        compression: AssayMessageCompression,
        group: inout ThrowingDiscardingTaskGroup<any Error>
    ) async throws {
        let id = frame.streamID
        switch frame.type {
        case .open:
            try connection.markOpened(id)
            let call = try await self.accept(frame, session: session, connection: connection)
            guard let call else { return }
            let calls = CallHandler(runtime: self.runtime, session: session, connection: connection, logger: self.logger)
            let metrics = self.runtime.metrics
            metrics.activeStreams.increment()
            group.addTask {
                await calls.run(call)
                connection.streamFinished(id)
                metrics.activeStreams.decrement()
            }

        case .message:
            var failure: StreamFailure?
            var payload = frame.payload
            if frame.flags.contains(.compressed) {
                do {
                    payload = try compression.decompress(frame, limit: self.runtime.configuration.maximumMessageSize).payload
                } catch {
                    failure = StreamFailure(code: error.statusCode, message: error.message)
                }
            } else if payload.readableBytes > self.runtime.configuration.maximumMessageSize {
                failure = StreamFailure(code: .resourceExhausted, message: "message is over max_message_size")
            }
            let endStream = frame.flags.contains(.endStream)
            let outcome = try connection.withStream(id) { entry -> (StreamContext, StreamStateMachine.MessageAction) in
                let action = entry.machine.receiveMessage(payloadIsEmpty: frame.payload.readableBytes == 0, endStream: endStream)
                if failure != nil, case .deliver = action { entry.machine.close() }
                return (entry.context, action)
            }
            guard let (context, action) = outcome else { return }
            switch action {
            case .deliver(let endStream):
                if let failure {
                    context.deliver(.failure(failure))
                } else {
                    context.deliver(.message(payload, endStream: endStream))
                }
            case .halfClose:
                context.deliver(.end)
            case .drop:
                return
            case .fail(let code, let message):
                context.cancel()
                try await connection.writer.writeStatus(StreamFailure(code: code, message: message), streamID: id)
            }

        case .credit:
            let messages = (try? frame.decodePayload(as: Assay_Credit.self))?.messages ?? 0
            let outcome = try connection.withStream(id) { entry -> (StreamContext, Bool) in
                let accepted = messages >= 1 && entry.context.addCredit(Int(messages))
                if !accepted { entry.machine.close() }
                return (entry.context, accepted)
            }
            guard let (context, accepted) = outcome, !accepted else { return }
            context.cancel()
            let failure = StreamFailure(code: .internal, message: "flow control: CREDIT must be 1 to 2^31-1 in total")
            try await connection.writer.writeStatus(failure, streamID: id)

        case .cancel:
            let context = try connection.withStream(id) { entry -> StreamContext? in
                entry.machine.receiveCancel() == .cancelWork ? entry.context : nil
            }
            context??.cancel()

        case .status:
            let context = try connection.withStream(id) { entry -> StreamContext in
                entry.machine.close()
                return entry.context
            }
            guard let context else { return }
            context.cancel()
            try await connection.writer.writeStatus(
                StreamFailure(code: .internal, message: "only the server sends STATUS"),
                streamID: id
            )

        default:
            return
        }
    }

    /// Decides on an OPEN: returns the call to start, or answers with STATUS and returns nil.
    private func accept(_ frame: AssayFrame, session: ConnectionSession, connection: ConnectionState) async throws -> Call? {
        let id = frame.streamID
        let configuration = self.runtime.configuration
        var refusal: StreamFailure?
        let open = try? frame.decodePayload(as: Assay_Open.self)
        if let open {
            if connection.isDraining {
                refusal = StreamFailure(code: .unavailable, message: "server is shutting down", details: ["retryable": "true"])
            } else if connection.activeStreams >= configuration.maximumConcurrentStreams {
                refusal = StreamFailure(
                    code: .unavailable,
                    message: "too many concurrent streams",
                    retryAfterMilliseconds: 100,
                    details: ["retryable": "true", "limit": "max_concurrent_streams"]
                )
            } else if !AssayLimits.Method.all.contains(open.method) {
                refusal = StreamFailure(code: .unimplemented, message: "unknown method \(open.method)")
            } else if open.initialCredit > UInt32(Int32.max) {
                refusal = StreamFailure(code: .internal, message: "flow control: initial_credit above 2^31-1")
            }
        } else {
            refusal = StreamFailure(code: .internal, message: "OPEN payload is not a valid assay.v1.Open")
        }
        guard let open, refusal == nil else {
            try await connection.writer.writeStatus(refusal, streamID: id)
            return nil
        }
        let credit = open.initialCredit != 0 ? Int(open.initialCredit) : session.initialStreamCredit
        let context = StreamContext(
            streamID: id,
            initialCredit: credit,
            creditStalls: self.runtime.metrics.creditStalls,
            creditWait: self.runtime.metrics.creditWait
        )
        var machine = StreamStateMachine(
            inboundCredit: ServerRuntime.announcedInitialCredit,
            streamsRequests: open.method == AssayLimits.Method.analyzeBatch
        )
        let endStream = frame.flags.contains(.endStream)
        machine.receiveOpen(endStream: endStream)
        connection.register(id, ConnectionState.Entry(machine: machine, context: context))
        if endStream { context.deliver(.end) }
        let deadline: Duration? = open.timeoutMs > 0 ? .milliseconds(Int64(clamping: open.timeoutMs)) : nil
        return Call(method: open.method, context: context, deadline: deadline)
    }

    /// Checks HELLO (§2.2) and builds the HelloAck.
    private func handshake(_ frame: AssayFrame) throws(ConnectionError) -> ConnectionSession {
        guard frame.type == .hello, frame.streamID == 0 else {
            throw .protocolError("the first frame must be HELLO on stream 0, got \(frame.type)")
        }
        guard let hello = try? frame.decodePayload(as: Assay_Hello.self) else {
            throw .protocolError("HELLO payload is not a valid assay.v1.Hello")
        }
        let limits = hello.limits
        guard limits.maxFrameSize == 0 || (16384...(16 << 20)).contains(Int(limits.maxFrameSize)),
            limits.initialStreamCredit <= UInt32(Int32.max)
        else { throw .protocolError("HELLO limits out of range") }
        guard hello.versions.contains(AssayLimits.protocolVersion) else {
            throw ConnectionError(reason: .unsupportedVersion, code: .failedPrecondition, message: "no common protocol version")
        }
        if let keys = self.runtime.configuration.apiKeys {
            guard APIKeyCheck.matches(hello.authToken, anyOf: keys) else {
                throw ConnectionError(reason: .unauthenticated, code: .unauthenticated, message: "missing or wrong API key")
            }
        }
        let compresses = hello.acceptCompression.contains(.zlib)
        var ack = Assay_HelloAck()
        ack.version = AssayLimits.protocolVersion
        ack.compression = compresses ? .zlib : .none
        ack.acceptCompression = [.zlib, .none]
        ack.limits = self.runtime.announcedLimits
        ack.agent = ServerRuntime.agent
        return ConnectionSession(
            helloAck: ack,
            agent: hello.agent,
            compresses: compresses,
            minimumCompressSize: limits.minCompressSize == 0 ? AssayLimits.defaultMinimumCompressSize : Int(limits.minCompressSize),
            initialStreamCredit: limits.initialStreamCredit == 0 ? 64 : Int(limits.initialStreamCredit)
        )
    }
}

/// What HELLO settled for a connection.
struct ConnectionSession: Sendable {
    var helloAck: Assay_HelloAck
    var agent: String
    /// Whether the server may compress the MESSAGEs it sends.
    var compresses: Bool
    var minimumCompressSize: Int
    /// Send credit of a stream whose OPEN names none.
    var initialStreamCredit: Int
}

/// An accepted call, ready to run.
struct Call: Sendable {
    var method: String
    var context: StreamContext
    var deadline: Duration?
}

/// Constant-time comparison of API keys.
enum APIKeyCheck {
    /// Whether `token` equals one of `keys`, without early exits that leak timing.
    static func matches(_ token: String, anyOf keys: Set<String>) -> Bool {
        let tokenBytes = Array(token.utf8)
        var matched = false
        for key in keys {
            let keyBytes = Array(key.utf8)
            var difference = UInt8(tokenBytes.count == keyBytes.count ? 0 : 1)
            for index in 0..<max(keyBytes.count, tokenBytes.count) {
                let a = index < tokenBytes.count ? tokenBytes[index] : 0
                let b = index < keyBytes.count ? keyBytes[index] : 0
                difference |= a ^ b
            }
            matched = matched || difference == 0
        }
        return matched
    }
}

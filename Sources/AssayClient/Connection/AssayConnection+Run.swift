import AssayProtocol
import Logging
import NIOCore
import NIOPosix
import SwiftProtobuf
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension AssayConnection {
    /// A short reason for a connect failure, e.g. "Connection refused".
    static func reason(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return self.reason(first.error)
        }
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode))
        }
        return "\(error)"
    }

    /// How a connection ended.
    enum Outcome: Sendable {
        /// Connect or HELLO failed; `onReady` got the error.
        case failedToConnect(AssayClientError)
        /// The connection was up and has closed; `healthy` is false when it ended with an error
        /// (reset, protocol error, GOAWAY other than shutdown), which ejects the endpoint.
        case closed(healthy: Bool)
    }

    /// Connects, exchanges HELLO, reports the result to `onReady` (exactly once), then reads frames until the
    /// connection closes. Runs as a child task of ``AssayClient/run()``.
    static func run(
        endpoint: AssayEndpoint,
        configuration: AssayClientConfiguration,
        flowControl: FlowControlTally,
        logger: Logger,
        onReady: @Sendable (Result<AssayConnection, AssayClientError>) -> Void
    ) async -> Outcome {
        let unreachable = { (cause: (any Error & Sendable)?) in
            AssayClientError(
                code: .unavailable,
                message: "server unreachable at \(endpoint)" + (cause.map { ": " + Self.reason($0) } ?? ""),
                cause: cause,
                isServerUnreachable: true
            )
        }
        let asyncChannel: NIOAsyncChannel<AssayFrame, ByteBuffer>
        do {
            asyncChannel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(configuration.connectTimeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(AssayFrameDecoder(maximumFrameLength: AssayLimits.defaultMaximumFrameSize))
                        )
                        return try NIOAsyncChannel(
                            wrappingChannelSynchronously: channel,
                            configuration: NIOAsyncChannel.Configuration(inboundType: AssayFrame.self, outboundType: ByteBuffer.self)
                        )
                    }
                }
        } catch {
            let failure = unreachable(error)
            onReady(.failure(failure))
            return .failedToConnect(failure)
        }

        var hello = Assay_Hello()
        hello.versions = [AssayLimits.protocolVersion]
        hello.acceptCompression = configuration.compression ? [.zlib, .none] : [.none]
        hello.authToken = configuration.apiKey ?? ""
        hello.limits.initialStreamCredit = UInt32(configuration.initialCredit)
        hello.limits.maxMessageSize = UInt32(clamping: configuration.maximumMessageSize)
        hello.limits.keepaliveIntervalMs = UInt32(clamping: configuration.keepalive?.interval.wholeMilliseconds ?? 0)
        hello.agent = AssayClient.agent
        var helloBytes = ByteBuffer(bytes: AssayFrame.connectionPreface)
        if let frame = try? AssayFrame(type: .hello, streamID: 0, message: hello) {
            AssayFrameEncoder.encode(frame, into: &helloBytes)
        }
        let channel = asyncChannel.channel
        let helloTimer = channel.eventLoop.scheduleTask(in: TimeAmount(configuration.connectTimeout)) {
            channel.close(promise: nil)
        }

        var healthy = true
        /// The connection once HELLO was answered and `onReady` told of it.
        var connection: AssayConnection?
        do {
            try await asyncChannel.executeThenClose { inbound, outbound in
                var frames = inbound.makeAsyncIterator()
                try await outbound.write(helloBytes)
                guard let first = try await frames.next() else {
                    throw unreachable(nil)
                }
                helloTimer.cancel()
                if first.type == .goAway {
                    let goAway = try first.decodePayload(as: Assay_GoAway.self)
                    throw AssayClientError(
                        code: .init(goAway.code),
                        message: AssayConnection.describe(goAway, endpoint: endpoint),
                        isServerUnreachable: goAway.reason == .overloaded || goAway.reason == .timeout,
                        wasNotProcessed: true
                    )
                }
                guard first.type == .hello, first.streamID == 0 else {
                    throw AssayClientError(code: .internal, message: "server at \(endpoint) answered HELLO with \(first.type)")
                }
                let ack = try first.decodePayload(as: Assay_HelloAck.self)
                guard ack.version == AssayLimits.protocolVersion else {
                    throw AssayClientError(
                        code: .failedPrecondition,
                        message: "server at \(endpoint) chose protocol version \(ack.version), which the client did not offer"
                    )
                }
                let limits = ack.limits
                let session = Session(
                    compressesRequests: configuration.compression && ack.acceptCompression.contains(.zlib),
                    serverMinimumCompressSize: limits.minCompressSize == 0
                        ? AssayLimits.defaultMinimumCompressSize : Int(limits.minCompressSize),
                    serverInitialCredit: limits.initialStreamCredit == 0 ? 64 : Int(limits.initialStreamCredit),
                    serverMaximumMessageSize: limits.maxMessageSize == 0
                        ? AssayLimits.defaultMaximumMessageSize : Int(limits.maxMessageSize)
                )
                let ready = AssayConnection(
                    endpoint: endpoint,
                    channel: channel,
                    session: session,
                    configuration: configuration,
                    flowControl: flowControl,
                    logger: logger
                )
                connection = ready
                logger.debug("connected", metadata: ["assay.endpoint": "\(endpoint)", "assay.server.agent": "\(ack.agent)"])
                onReady(.success(ready))

                let keepalive = ready.startKeepalive()
                defer { keepalive?.cancel() }
                let inflater = AssayMessageCompression()
                while let frame = try await frames.next() {
                    if !ready.handle(frame, inflater: inflater) {
                        healthy = false
                        break
                    }
                }
                // A server that stopped answering PINGs is ejected like one that reset.
                if ready.keepaliveExpired { healthy = false }
            }
        } catch {
            helloTimer.cancel()
            if connection == nil {
                // Bytes that are not Assay frames before HELLO: something else listens on the port
                // (an HTTP server, the metrics port).
                var notAssay: AssayClientError?
                if let error = error as? AssayProtocolError, error.code == .frameTooLarge || error.code == .unknownFrameType {
                    notAssay = AssayClientError(
                        code: .unavailable,
                        message: "server at \(endpoint) does not speak the Assay protocol (its answer to HELLO: \(error.message))",
                        cause: error,
                        isServerUnreachable: true
                    )
                }
                let failure = (error as? AssayClientError) ?? notAssay ?? unreachable(error)
                onReady(.failure(failure))
                return .failedToConnect(failure)
            }
            logger.debug("connection ended with an error", metadata: ["assay.endpoint": "\(endpoint)", "assay.error": "\(error)"])
            connection?.closed(cause: error)
            return .closed(healthy: false)
        }
        if connection == nil {
            let failure = unreachable(nil)
            onReady(.failure(failure))
            return .failedToConnect(failure)
        }
        connection?.closed(cause: nil)
        return .closed(healthy: healthy)
    }
}

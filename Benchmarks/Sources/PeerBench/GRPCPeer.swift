import AssayProtocol
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf

/// `assay.v1.Assay/Analyze` over grpc-swift 2, written by hand (no protoc plugin here) the way
/// protoc-gen-grpc-swift would: a method descriptor, ProtobufSerializer/Deserializer for the
/// existing message types, a server handler and a client call.
enum GRPCAssay {
    static let analyze = MethodDescriptor(
        service: ServiceDescriptor(fullyQualifiedService: "assay.v1.Assay"),
        method: "Analyze",
        type: .serverStreaming
    )
}

/// Transport-only mode: the recorded events are already serialised; gRPC copies the bytes as they
/// are into its frame, as Assay's server does with ``AssayEventBatch/serialized(_:)``.
struct PassThroughSerializer: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes {
        Bytes(message)
    }
}

/// Transport-only mode, client side: reads only whether an event ends its article (its top-level
/// field keys), not the whole event, as Assay's bench client does with its serialised events.
struct EventEndDeserializer: MessageDeserializer {
    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> Bool {
        serializedMessageBytes.withUnsafeBytes { Assay_AnalysisEvent.endsArticle(serialized: $0) }
    }
}

/// The server side: the same engine and the same events as Assay's server.
struct GRPCAssayService: RegistrableRPCService {
    let emitter: PeerEmitter

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let emitter = self.emitter
        if emitter.engine == nil {
            // Transport-only: serialised events, all at once (PeerEmitter.emit without an engine).
            let payloads = emitter.book.entries.mapValues(\.payloadBytes)
            router.registerHandler(
                forMethod: GRPCAssay.analyze,
                deserializer: ProtobufDeserializer<Assay_Article>(),
                serializer: PassThroughSerializer()
            ) { request, context in
                let article = try await ServerRequest(stream: request).message
                guard let entry = emitter.entry(article.reference), let bytes = payloads[article.reference] else {
                    throw RPCError(code: .notFound, message: "no recorded article \(article.reference)")
                }
                return StreamingServerResponse { writer in
                    try await emitter.emit(entry) { range in
                        try await writer.write(contentsOf: bytes[range])
                    }
                    return [:]
                }
            }
            return
        }
        router.registerHandler(
            forMethod: GRPCAssay.analyze,
            deserializer: ProtobufDeserializer<Assay_Article>(),
            serializer: ProtobufSerializer<Assay_AnalysisEvent>()
        ) { request, context in
            let article = try await ServerRequest(stream: request).message
            guard let entry = emitter.entry(article.reference) else {
                throw RPCError(code: .notFound, message: "no recorded article \(article.reference)")
            }
            return StreamingServerResponse { writer in
                try await emitter.emit(entry) { range in
                    try await writer.write(contentsOf: entry.events[range])
                }
                return [:]
            }
        }
    }
}

/// Runs a gRPC server on 127.0.0.1:0; calls `listening` with its port.
func runGRPCServer(emitter: PeerEmitter, listening: @Sendable (Int) -> Void) async throws {
    let transport = HTTP2ServerTransport.Posix(
        address: .ipv4(host: "127.0.0.1", port: 0),
        transportSecurity: .plaintext,
        config: .defaults { config in
            config.http2.maxConcurrentStreams = 100_000
        }
    )
    let server = GRPCServer(transport: transport, services: [GRPCAssayService(emitter: emitter)])
    try await withThrowingDiscardingTaskGroup { group in
        group.addTask { try await server.serve() }
        let address = try await transport.listeningAddress
        listening(address.ipv4?.port ?? 0)
    }
}

/// The client side, for the load generator: one GRPCClient (one HTTP/2 connection) per connection.
struct GRPCBenchTransport: BenchTransport {
    let name = "grpc"
    let clients: [GRPCClient<HTTP2ClientTransport.Posix>]
    /// Whether to parse each event; `false` peeks at its kind only (transport-only mode).
    let parsesEvents: Bool
    private let next = SharedRunState()

    init(clients: [GRPCClient<HTTP2ClientTransport.Posix>], parsesEvents: Bool = true) {
        self.clients = clients
        self.parsesEvents = parsesEvents
    }

    func run(_ request: BenchRequest, onEvent: (BenchEventInfo) -> Void) async throws {
        let client = self.clients[self.next.take() % self.clients.count]
        guard self.parsesEvents else {
            let received = try await client.serverStreaming(
                request: ClientRequest(message: request.articles[0]),
                descriptor: GRPCAssay.analyze,
                serializer: ProtobufSerializer<Assay_Article>(),
                deserializer: EventEndDeserializer(),
                options: .defaults
            ) { response in
                var received: [BenchEventInfo] = []
                for try await ends in response.messages {
                    received.append(BenchEventInfo(payloadBytes: 0, endsArticle: ends, receivedAt: BenchClock.now()))
                }
                return received
            }
            for info in received { onEvent(info) }
            return
        }
        // The response handler must be @Sendable and escaping: collect arrival times, report after.
        let received = try await client.serverStreaming(
            request: ClientRequest(message: request.articles[0]),
            descriptor: GRPCAssay.analyze,
            serializer: ProtobufSerializer<Assay_Article>(),
            deserializer: ProtobufDeserializer<Assay_AnalysisEvent>(),
            options: .defaults
        ) { response in
            var received: [BenchEventInfo] = []
            for try await event in response.messages {
                received.append(BenchEventInfo(payloadBytes: 0, endsArticle: event.endsArticle, receivedAt: BenchClock.now()))
            }
            return received
        }
        for info in received { onEvent(info) }
    }

    func statusName(of error: any Error) -> String {
        if let error = error as? RPCError { return "\(error.code)".uppercased() }
        return "UNKNOWN"
    }

    /// Runs `body` with `connections` running clients of 127.0.0.1:`port`.
    static func withClients<Result: Sendable>(
        port: Int,
        connections: Int,
        _ body: ([GRPCClient<HTTP2ClientTransport.Posix>]) async throws -> Result
    ) async throws -> Result {
        let clients = try (0..<max(1, connections)).map { _ in
            GRPCClient(
                transport: try HTTP2ClientTransport.Posix(
                    target: .ipv4(address: "127.0.0.1", port: port),
                    transportSecurity: .plaintext,
                    config: .defaults { config in
                        // Wait for a connection instead of failing calls made before it is up.
                        config.backoff.initial = .milliseconds(10)
                    }
                )
            )
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for client in clients { group.addTask { try await client.runConnections() } }
            defer { for client in clients { client.beginGracefulShutdown() } }
            let result = try await body(clients)
            for client in clients { client.beginGracefulShutdown() }
            try await group.waitForAll()
            return result
        }
    }
}

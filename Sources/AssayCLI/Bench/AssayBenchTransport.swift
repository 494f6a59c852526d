import AssayClient
import AssayProtocol
import NIOCore
import SwiftProtobuf

/// Assay's own protocol, through the real ``AssayClient``: one client (so one TCP connection) per
/// `--connections`, calls spread over them round-robin.
struct AssayBenchTransport: BenchTransport {
    let name = "assay"
    let clients: [AssayClient]
    /// Whether to re-serialise each event to count its payload bytes (costs client CPU; off for peer comparisons).
    let countsBytes: Bool
    /// Whether to parse each event (what an application does); when `false` the serialised events
    /// are read (``AssayEventStream/serialized``) and only their kind is peeked at, for
    /// transport-only comparisons.
    let parsesEvents: Bool
    private let next = SharedRunState()

    /// A transport over already running clients.
    init(clients: [AssayClient], countsBytes: Bool = true, parsesEvents: Bool = true) {
        precondition(!clients.isEmpty, "the Assay transport needs at least one client")
        self.clients = clients
        self.countsBytes = countsBytes
        self.parsesEvents = parsesEvents
    }

    func run(_ request: BenchRequest, onEvent: (BenchEventInfo) -> Void) async throws {
        let client = self.clients[self.next.take() % self.clients.count]
        let events = request.batch ? try await client.analyzeBatch(request.articles) : try await client.analyze(request.articles[0])
        guard self.parsesEvents else {
            for try await payload in events.serialized {
                let ends = payload.withUnsafeReadableBytes { Assay_AnalysisEvent.endsArticle(serialized: $0) }
                onEvent(BenchEventInfo(payloadBytes: payload.readableBytes, endsArticle: ends, receivedAt: BenchClock.now()))
            }
            return
        }
        for try await event in events {
            let ends = event.endsArticle
            let bytes = self.countsBytes ? ((try? event.serializedBytes() as [UInt8])?.count ?? 0) : 0
            onEvent(BenchEventInfo(payloadBytes: bytes, endsArticle: ends, receivedAt: BenchClock.now()))
        }
    }

    /// The clients' flow-control totals (``AssayClient/flowControlStatistics``), added up.
    func creditWait() -> BenchCreditWait? {
        var total = BenchCreditWait(requests: .zero, responses: .zero)
        for client in self.clients {
            let statistics = client.flowControlStatistics
            total.requests += statistics.requestCreditWait
            total.responses += statistics.responseCreditExhausted
        }
        return total
    }

    func statusName(of error: any Error) -> String {
        if let error = error as? AssayClientError { return error.code.description }
        if error is CancellationError { return "CANCELLED" }
        return "UNKNOWN"
    }

    /// Runs `body` with `connections` clients of `endpoint`, each with its own connection.
    static func withClients<Result: Sendable>(
        endpoint: AssayEndpoint,
        connections: Int,
        configuration: AssayClientConfiguration,
        _ body: ([AssayClient]) async throws -> Result
    ) async throws -> Result {
        let clients = (0..<max(1, connections)).map { _ in AssayClient(endpoints: [endpoint], configuration: configuration) }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for client in clients { group.addTask { try await client.run() } }
            do {
                let result = try await body(clients)
                for client in clients { client.beginGracefulShutdown() }
                try await group.waitForAll()
                return result
            } catch {
                for client in clients { client.beginGracefulShutdown() }
                group.cancelAll()
                try? await group.waitForAll()
                throw error
            }
        }
    }
}

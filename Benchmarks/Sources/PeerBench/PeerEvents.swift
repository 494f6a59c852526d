import AssayAnalysis
import AssayClient
import AssayProtocol
import AssayServer
import Foundation
import Logging
import NIOCore
import SwiftProtobuf

/// The events Assay's own server sends for each workload article, recorded once through the real
/// server and client, so that the gRPC and bare peers stream exactly the same messages.
struct EventBook: Sendable {
    /// An article and its events, as messages and as serialised payloads.
    struct Entry: Sendable {
        var article: Assay_Article
        var events: [Assay_AnalysisEvent]
        var payloads: [ByteBuffer]
        /// The same payloads as byte arrays (for gRPC's pass-through serializer in transport-only mode).
        var payloadBytes: [[UInt8]] { self.payloads.map { Array(buffer: $0) } }
    }

    var entries: [String: Entry]

    /// Analyses every article through an in-process Assay server (compression off).
    static func record(_ articles: [Assay_Article], engine: AnalysisEngine) async throws -> EventBook {
        let server = AssayServer(configuration: AssayServerConfiguration(port: 0), engine: engine, logger: Logger(label: "peer.record"))
        return try await withThrowingTaskGroup(of: EventBook?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            let port = try await server.listeningAddress.port ?? 0
            var entries: [String: Entry] = [:]
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: AssayClientConfiguration(compression: false)) { client in
                for article in articles {
                    var events: [Assay_AnalysisEvent] = []
                    for try await event in try await client.analyze(article) { events.append(event) }
                    let payloads = try events.map { event -> ByteBuffer in
                        var buffer = ByteBuffer()
                        try buffer.writeProtobuf(event)
                        return buffer
                    }
                    entries[article.reference] = Entry(article: article, events: events, payloads: payloads)
                }
            }
            server.beginGracefulShutdown()
            while let result = try await group.next() { if result != nil { break } }
            return EventBook(entries: entries)
        }
    }
}

/// Bounds concurrent analyses as Assay's server does (one per core), first come first served.
actor PeerLimiter {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(concurrency: Int) { self.available = max(1, concurrency) }

    func acquire() async {
        if self.available > 0 {
            self.available -= 1
            return
        }
        await withCheckedContinuation { self.waiters.append($0) }
    }

    func release() {
        if self.waiters.isEmpty { self.available += 1 } else { self.waiters.removeFirst().resume() }
    }
}

/// What a peer server does for one Analyze call. With the engine (the default): runs the same
/// engine over the article, paragraph by paragraph (yielding between paragraphs, as Assay's server
/// does), and after each step hands the recorded events of that step to `send`, in one batch.
/// Transport-only (`engine == nil`): hands all the recorded events of the article to `send` at once,
/// with no engine and no analysis limit, as ``ReplayEventProducer`` does for Assay's server.
struct PeerEmitter: Sendable {
    let engine: AnalysisEngine?
    let book: EventBook
    let limiter: PeerLimiter

    /// The article of `reference`, or nil when the workload has no such article.
    func entry(_ reference: String) -> EventBook.Entry? { self.book.entries[reference] }

    func emit(_ entry: EventBook.Entry, send: (Range<Int>) async throws -> Void) async throws {
        guard let engine = self.engine else {
            try await send(0..<entry.events.count)
            return
        }
        await self.limiter.acquire()
        do {
            let article = entry.article
            var analysis = engine.analysis(of: ArticleInput(reference: article.reference, title: article.title, body: article.body))
            var offset = 0
            let total = entry.events.count
            while let events = analysis.next() {
                try Task.checkCancellation()
                await Task.yield()
                let end = min(total, offset + events.count)
                if end > offset { try await send(offset..<end) }
                offset = end
            }
            if offset < total { try await send(offset..<total) }
        } catch {
            await self.limiter.release()
            throw error
        }
        await self.limiter.release()
    }
}

/// Assay's server without the engine: replays the recorded, already serialised events of each
/// workload article in one step, through the server's ``AssayEventProducer`` seam. Everything else
/// (HELLO, OPEN, credit, multiplexing, per-stream state, STATUS) is the real server.
struct ReplayEventProducer: AssayEventProducer {
    let book: EventBook

    struct UnknownArticle: Error, CustomStringConvertible {
        var reference: String
        var description: String { "no recorded events for article \(self.reference)" }
    }

    func produceEvents(
        for article: Assay_Article,
        context: AssayEventContext,
        send: (AssayEventBatch) async throws -> Void
    ) async throws {
        guard let entry = self.book.entries[article.reference] else { throw UnknownArticle(reference: article.reference) }
        try await send(.serialized(entry.payloads))
    }
}

import AssayProtocol
import AssayServer
import NIOCore
import SwiftProtobuf
import Testing

/// The server's ``AssayEventProducer`` seam: another producer in place of the engine, with the
/// protocol (credit, STATUS, per-stream state) unchanged.
@Suite("Event producers")
struct EventProducerTests {
    /// Replays `count` serialised events per article in steps of `step`; fails articles whose
    /// reference is "fail" after its first step.
    struct Replay: AssayEventProducer {
        var count = 10
        var step = 4

        struct Failure: Error {}

        static func event(_ reference: String, _ sequence: Int, last: Bool) -> Assay_AnalysisEvent {
            var event = Assay_AnalysisEvent()
            event.reference = reference
            event.sequence = UInt32(sequence)
            if last { event.summary = Assay_AnalysisSummary() } else { event.accepted = Assay_ArticleAccepted() }
            return event
        }

        func produceEvents(
            for article: Assay_Article,
            context: AssayEventContext,
            send: (AssayEventBatch) async throws -> Void
        ) async throws {
            #expect(context.startedAt >= context.queuedAt)
            var sequence = 0
            while sequence < self.count {
                let end = min(self.count, sequence + self.step)
                let payloads = try (sequence..<end).map { index -> ByteBuffer in
                    var buffer = ByteBuffer()
                    try buffer.writeProtobuf(Self.event(article.reference, index, last: index == self.count - 1))
                    return buffer
                }
                // Alternate the two forms: both go out in order.
                if (sequence / self.step) % 2 == 0 {
                    try await send(.serialized(payloads))
                } else {
                    try await send(.events((sequence..<end).map { Self.event(article.reference, $0, last: $0 == self.count - 1) }))
                }
                if article.reference == "fail" { throw Failure() }
                sequence = end
            }
        }
    }

    @Test("a producer's steps arrive in order, serialised and message batches alike, then STATUS OK")
    func replayInOrder() async throws {
        try await withTestServer(eventProducer: Replay(count: 10, step: 4)) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(sampleBody, reference: "r1"))
            let (messages, status) = try await connection.collect(stream: 1)
            #expect(status.code == .ok)
            let events = try messages.map { try $0.decodePayload(as: Assay_AnalysisEvent.self) }
            #expect(events.map(\.sequence) == Array(0..<10))
            #expect(events.allSatisfy { $0.reference == "r1" })
            await connection.close()
        }
    }

    /// Sends the summary step first, then (against the contract) one more event.
    struct SummaryThenMore: AssayEventProducer {
        func produceEvents(
            for article: Assay_Article,
            context: AssayEventContext,
            send: (AssayEventBatch) async throws -> Void
        ) async throws {
            try await send(.events([Replay.event(article.reference, 0, last: false), Replay.event(article.reference, 1, last: true)]))
            try await send(.events([Replay.event(article.reference, 2, last: false)]))
        }
    }

    @Test("the final step is written with STATUS; a step after it is written first, in order")
    func heldFinalStepKeepsOrder() async throws {
        try await withTestServer(eventProducer: SummaryThenMore()) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(sampleBody, reference: "r"))
            let (messages, status) = try await connection.collect(stream: 1)
            #expect(status.code == .ok)
            let events = try messages.map { try $0.decodePayload(as: Assay_AnalysisEvent.self) }
            #expect(events.map(\.sequence) == [0, 1, 2])
            await connection.close()
        }
        try await withTestServer(eventProducer: Replay(count: 3, step: 3)) { _, port in
            let connection = try await RawConnection.connect(port: port)
            // Credit 2 of 3: the final step is split by credit; only its last part is held.
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(sampleBody), credit: 2)
            #expect(try await connection.next()?.type == .message)
            #expect(try await connection.next()?.type == .message)
            try await connection.grantCredit(1, stream: 1)
            let (messages, status) = try await connection.collect(stream: 1)
            #expect(messages.count == 1)
            #expect(status.code == .ok)
            await connection.close()
        }
    }

    @Test("a producer's events still wait for the client's credit")
    func replayRespectsCredit() async throws {
        try await withTestServer(eventProducer: Replay(count: 10, step: 10)) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(sampleBody), credit: 3)
            for _ in 0..<3 { #expect(try await connection.next()?.type == .message) }
            await #expect(throws: TestFailure.self) { try await connection.next(timeout: .milliseconds(300)) }
            try await connection.grantCredit(100, stream: 1)
            let (messages, status) = try await connection.collect(stream: 1)
            #expect(messages.count == 7)
            #expect(status.code == .ok)
            await connection.close()
        }
    }

    @Test("a producer that throws ends Analyze with INTERNAL and AnalyzeBatch's article with a failed event")
    func producerFailure() async throws {
        try await withTestServer(eventProducer: Replay(count: 10, step: 4)) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(sampleBody, reference: "fail"))
            let (messages, status) = try await connection.collect(stream: 1)
            #expect(messages.count == 4)
            #expect(status.code == .internal)
            #expect(status.message.contains("event producer failed"))

            var open = Assay_Open()
            open.method = AssayLimits.Method.analyzeBatch
            try await connection.send(
                try AssayFrame(type: .open, streamID: 3, message: open),
                try AssayFrame(type: .message, flags: .endStream, streamID: 3, message: article(sampleBody, reference: "fail"))
            )
            let (batch, batchStatus) = try await connection.collect(stream: 3)
            #expect(batchStatus.code == .ok)
            let events = try batch.map { try $0.decodePayload(as: Assay_AnalysisEvent.self) }
            #expect(events.count == 5)
            guard case .failed(let failed) = events.last?.event else {
                Issue.record("expected a failed event, got \(String(describing: events.last))")
                return
            }
            #expect(events.last?.sequence == 4)
            #expect(failed.code == .internal)
            await connection.close()
        }
    }
}

import AssayProtocol
import SwiftProtobuf
import NIOCore
import Testing

@Suite("Event end peek")
struct EventEndTests {
    static func isLast(_ event: Assay_AnalysisEvent) throws -> Bool {
        let payload = try AssayFrame(type: .message, streamID: 1, message: event).payload
        return payload.withUnsafeReadableBytes { Assay_AnalysisEvent.endsArticle(serialized: $0) }
    }

    @Test("summary and failed end an article; other events and garbage do not")
    func kinds() throws {
        var event = Assay_AnalysisEvent()
        event.reference = "r"
        event.sequence = 300
        #expect(try !Self.isLast(event))
        event.accepted = Assay_ArticleAccepted()
        #expect(try !Self.isLast(event))
        var found = Assay_EntityFound()
        found.entity.name = String(repeating: "x", count: 500)
        event.entity = found
        #expect(try !Self.isLast(event))
        var summary = Assay_AnalysisSummary()
        summary.entities = [found.entity]
        event.summary = summary
        #expect(try Self.isLast(event))
        var failed = Assay_ArticleFailed()
        failed.message = "bad"
        event.failed = failed
        #expect(try Self.isLast(event))
        event.summary = Assay_AnalysisSummary()
        #expect(try Self.isLast(event), "an empty summary is still present on the wire")
        let garbage: [UInt8] = [0xff, 0xff, 0xff]
        #expect(!garbage.withUnsafeBytes { Assay_AnalysisEvent.endsArticle(serialized: $0) })
        let truncated: [UInt8] = [0x0a, 0x10, 0x41]
        #expect(!truncated.withUnsafeBytes { Assay_AnalysisEvent.endsArticle(serialized: $0) })
    }
}

@Suite("Parsing straight from a buffer")
struct SerializedBufferTests {
    @Test("Message(serializedBuffer:) reads the readable bytes, and throws on garbage")
    func roundTrip() throws {
        var event = Assay_AnalysisEvent()
        event.reference = "r"
        event.sequence = 7
        var buffer = ByteBuffer(bytes: [0xAA, 0xBB])
        buffer.moveReaderIndex(forwardBy: 2)
        buffer.writeBytes(try event.serializedBytes() as [UInt8])
        #expect(try Assay_AnalysisEvent(serializedBuffer: buffer) == event)
        #expect(throws: (any Error).self) { try Assay_AnalysisEvent(serializedBuffer: ByteBuffer(bytes: [0xff, 0xff, 0xff])) }
    }
}

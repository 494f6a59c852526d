import AssayProtocol
import NIOCore
import SwiftProtobuf
import Testing

/// encode → decode is the identity, for random frames, random compression and random chunking.
@Suite("Codec properties")
struct AssayFramePropertyTests {
    static func randomFrame(using random: inout SeededRandom) -> AssayFrame {
        let type = AssayFrameType.allCore.randomElement(using: &random)!
        var flags: AssayFrameFlags = Bool.random(using: &random) ? .endStream : []
        let length = [0, 1, 9, 10, 511, 512, 513, 4096].randomElement(using: &random)!
        let compressible = Bool.random(using: &random)
        let bytes: [UInt8] = (0..<length).map { index in
            compressible ? UInt8(truncatingIfNeeded: index % 7) : UInt8.random(in: 0...255, using: &random)
        }
        if type == .message && Bool.random(using: &random) {
            flags.insert(.compressed)  // a marker here: the property test compresses it for real below
        }
        return AssayFrame(type: type, flags: flags, streamID: UInt32.random(in: 0...UInt32.max, using: &random), payload: ByteBuffer(bytes: bytes))
    }

    @Test("encode then decode is the identity (1,000 seeded cases)")
    func identity() throws {
        var random = SeededRandom(seed: 20261129)
        let compression = AssayMessageCompression()
        for round in 0..<1_000 {
            let originals = (0..<Int.random(in: 1...8, using: &random)).map { _ in Self.randomFrame(using: &random) }
            let sent = originals.map { original -> AssayFrame in
                var frame = original
                if frame.flags.contains(.compressed) {
                    frame.flags.remove(.compressed)
                    compression.compressIfWorthwhile(&frame)
                }
                return frame
            }
            let stream = encodeStream(sent, preface: true)
            let cuts = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                Int.random(in: 0...stream.readableBytes, using: &random)
            }
            let received = try decodeChunks(split(stream, at: cuts), expectsPreface: true)
                .map { try compression.decompress($0, limit: 1 << 20) }
            let expected = originals.map { frame -> AssayFrame in
                var frame = frame
                frame.flags.remove(.compressed)
                return frame
            }
            #expect(received == expected, "round \(round)")
        }
    }

    @Test("protobuf payloads survive the frame round trip")
    func protobufPayloads() throws {
        var hello = Assay_Hello()
        hello.versions = [1]
        hello.acceptCompression = [.zlib, .none]
        hello.authToken = "secret"
        hello.limits.maxFrameSize = 65_536
        let frame = try AssayFrame(type: .hello, streamID: 0, message: hello)
        let decoded = try decodeChunks([encodeStream([frame])])
        #expect(try decoded[0].decodePayload(as: Assay_Hello.self) == hello)

        var event = Assay_AnalysisEvent()
        event.reference = "ref-1"
        event.entity.entity.id = "country:CN"
        event.entity.entity.mentions = [.with { $0.span = .with { $0.field = .body; $0.start = 0; $0.end = 5 } }]
        let message = try AssayFrame(type: .message, streamID: 1, message: event)
        #expect(try message.decodePayload(as: Assay_AnalysisEvent.self) == event)
    }

    @Test("a payload that is not valid protobuf fails to decode")
    func invalidProtobuf() {
        let frame = AssayFrame(type: .message, streamID: 1, payload: ByteBuffer(bytes: [0xFF, 0xFF, 0xFF]))
        #expect(throws: (any Error).self) { try frame.decodePayload(as: Assay_Article.self) }
    }
}

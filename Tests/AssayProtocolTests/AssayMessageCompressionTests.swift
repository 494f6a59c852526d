import AssayProtocol
import NIOCore
import Testing

@Suite("Message compression")
struct AssayMessageCompressionTests {
    static func text(_ count: Int) -> ByteBuffer {
        let sentence = "China tightened export controls on gallium and germanium. "
        var buffer = ByteBuffer()
        while buffer.readableBytes < count {
            buffer.writeString(sentence)
        }
        return buffer.getSlice(at: 0, length: count)!
    }

    @Test("large compressible messages are compressed and inflate back")
    func roundTrip() throws {
        let compression = AssayMessageCompression()
        let original = AssayFrame(type: .message, flags: .endStream, streamID: 5, payload: Self.text(10_000))
        var frame = original
        compression.compressIfWorthwhile(&frame)
        #expect(frame.flags == [.endStream, .compressed])
        #expect(frame.payload.readableBytes < 1_000)
        let wire = try decodeChunks([encodeStream([frame])])
        #expect(try compression.decompress(wire[0], limit: 10_000) == original)
    }

    @Test("messages below the minimum size are left alone")
    func tinyMessagesSkipped() {
        let compression = AssayMessageCompression(minimumCompressSize: 512)
        var frame = AssayFrame(type: .message, streamID: 1, payload: Self.text(511))
        compression.compressIfWorthwhile(&frame)
        #expect(frame.flags.isEmpty)
        #expect(frame.payload == Self.text(511))
    }

    @Test("incompressible payloads are sent as they are")
    func incompressibleSkipped() {
        var random = SeededRandom(seed: 1)
        let noise = ByteBuffer(bytes: (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) })
        var frame = AssayFrame(type: .message, streamID: 1, payload: noise)
        AssayMessageCompression().compressIfWorthwhile(&frame)
        #expect(frame.flags.isEmpty)
        #expect(frame.payload == noise)
    }

    @Test("control frames are never compressed")
    func controlFramesSkipped() {
        var frame = AssayFrame(type: .status, streamID: 1, payload: Self.text(4096))
        AssayMessageCompression().compressIfWorthwhile(&frame)
        #expect(frame.flags.isEmpty)
    }

    @Test("a payload inflating to exactly the cap is accepted")
    func exactlyAtCap() throws {
        let compression = AssayMessageCompression()
        var frame = AssayFrame(type: .message, streamID: 1, payload: Self.text(5_000))
        compression.compressIfWorthwhile(&frame)
        #expect(try compression.decompress(frame, limit: 5_000).payload == Self.text(5_000))
    }

    @Test("a zip bomb is refused with RESOURCE_EXHAUSTED at the cap")
    func zipBomb() throws {
        let compression = AssayMessageCompression()
        var bomb = AssayFrame(type: .message, streamID: 3, payload: ByteBuffer(repeating: 0, count: 16 << 20))
        compression.compressIfWorthwhile(&bomb)
        #expect(bomb.payload.readableBytes < 64 << 10)
        for limit in [1, 4_999, 1 << 20] {
            #expect { try compression.decompress(bomb, limit: limit) } throws: { error in
                guard let error = error as? AssayProtocolError else { return false }
                return error.code == .decompressedMessageTooLarge && error.statusCode == .resourceExhausted
            }
        }
        // The inflater is reusable after a refusal.
        var small = AssayFrame(type: .message, streamID: 5, payload: Self.text(2_000))
        compression.compressIfWorthwhile(&small)
        #expect(try compression.decompress(small, limit: 2_000).payload == Self.text(2_000))
    }

    static let corruptPayloads: [(String, [UInt8])] = [
        ("garbage", Array("this is not zlib data at all".utf8)),
        ("empty", []),
        ("bad header checksum", [0x78, 0x9D, 0x01, 0x02]),
    ]

    @Test("corrupt zlib data is refused with INTERNAL", arguments: 0..<3)
    func corruptData(index: Int) throws {
        let frame = AssayFrame(
            type: .message,
            flags: .compressed,
            streamID: 1,
            payload: ByteBuffer(bytes: Self.corruptPayloads[index].1)
        )
        #expect { try AssayMessageCompression().decompress(frame, limit: 1 << 20) } throws: { error in
            guard let error = error as? AssayProtocolError else { return false }
            return error.code == .corruptCompressedPayload && error.statusCode == .internal
        }
    }

    @Test("truncated, bit-flipped and over-long zlib streams are refused")
    func damagedStreams() throws {
        let compression = AssayMessageCompression()
        var good = AssayFrame(type: .message, streamID: 1, payload: Self.text(3_000))
        compression.compressIfWorthwhile(&good)
        let bytes = Array(good.payload.readableBytesView)

        var truncated = good
        truncated.payload = ByteBuffer(bytes: bytes.dropLast(3))
        var flipped = good
        var flippedBytes = bytes
        flippedBytes[flippedBytes.count - 2] ^= 0xFF  // breaks the Adler-32 trailer
        flipped.payload = ByteBuffer(bytes: flippedBytes)
        var trailing = good
        trailing.payload = ByteBuffer(bytes: bytes + [0x00])

        for frame in [truncated, flipped, trailing] {
            #expect { try compression.decompress(frame, limit: 1 << 20) } throws: {
                AssayProtocolError.Code.corruptCompressedPayload.matches($0)
            }
        }
    }
}

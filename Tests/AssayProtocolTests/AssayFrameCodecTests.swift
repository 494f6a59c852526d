import AssayProtocol
import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@Suite("Frame codec")
struct AssayFrameCodecTests {
    static let sampleFrames: [AssayFrame] = {
        var frames: [AssayFrame] = []
        for (index, type) in AssayFrameType.allCore.enumerated() {
            let payload = ByteBuffer(string: "payload of \(type)")
            frames.append(AssayFrame(type: type, streamID: UInt32(index * 2 + 1), payload: payload))
            frames.append(AssayFrame(type: type, flags: .endStream, streamID: UInt32.max, payload: ByteBuffer()))
        }
        frames.append(AssayFrame(type: .message, flags: [.compressed], streamID: 7, payload: ByteBuffer(string: "zz")))
        frames.append(
            AssayFrame(type: .message, flags: [.compressed, .endStream], streamID: 9, payload: ByteBuffer(string: "z"))
        )
        return frames
    }()

    @Test("the header is 10 big-endian bytes: length, type, flags, stream")
    func headerLayout() {
        let frame = AssayFrame(
            type: .message,
            flags: .endStream,
            streamID: 0x0102_0304,
            payload: ByteBuffer(bytes: [0xAA, 0xBB])
        )
        let bytes = Array(encodeStream([frame]).readableBytesView)
        #expect(bytes == [0, 0, 0, 2, 0x03, 0x01, 0x01, 0x02, 0x03, 0x04, 0xAA, 0xBB])
    }

    @Test("every frame type and flag round-trips", arguments: AssayFrameCodecTests.sampleFrames)
    func roundTrip(frame: AssayFrame) throws {
        let decoded = try decodeChunks([encodeStream([frame])])
        #expect(decoded == [frame])
    }

    @Test("a byte stream cut at every position decodes to the same frames")
    func everyCutPosition() throws {
        let stream = encodeStream(Self.sampleFrames, preface: true)
        for cut in 0...stream.readableBytes {
            let decoded = try decodeChunks(split(stream, at: [cut]), expectsPreface: true)
            #expect(decoded == Self.sampleFrames, "cut at \(cut)")
        }
    }

    @Test("a byte stream cut at random positions decodes to the same frames")
    func randomCuts() throws {
        let stream = encodeStream(Self.sampleFrames, preface: true)
        var random = SeededRandom(seed: 0xA55A)
        for _ in 0..<200 {
            let cuts = (0..<Int.random(in: 1...20, using: &random)).map { _ in
                Int.random(in: 0...stream.readableBytes, using: &random)
            }
            let decoded = try decodeChunks(split(stream, at: cuts), expectsPreface: true)
            #expect(decoded == Self.sampleFrames, "cuts \(cuts.sorted())")
        }
    }

    @Test("NIO's decoder verifier: bytes one at a time and in batches")
    func nioVerifier() throws {
        let pairs = Self.sampleFrames.map { (encodeStream([$0]), [$0]) }
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) {
            AssayFrameDecoder(maximumFrameLength: 1 << 20)
        }
    }

    @Test("the decoder works in a channel pipeline")
    func embeddedChannel() throws {
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(AssayFrameDecoder(maximumFrameLength: 1024, expectsPreface: true))
        )
        var stream = encodeStream(Self.sampleFrames, preface: true)
        while stream.readableBytes > 0 {
            let chunk = stream.readSlice(length: min(3, stream.readableBytes))!
            try channel.writeInbound(chunk)
        }
        var decoded: [AssayFrame] = []
        while let frame = try channel.readInbound(as: AssayFrame.self) {
            decoded.append(frame)
        }
        #expect(decoded == Self.sampleFrames)
        #expect(try channel.finish().isClean)
    }

    @Test("a payload of exactly the maximum length is accepted")
    func maximumLength() throws {
        let frame = AssayFrame(type: .message, streamID: 1, payload: ByteBuffer(repeating: 7, count: 100))
        #expect(try decodeChunks([encodeStream([frame])], maximumFrameLength: 100) == [frame])
    }

    @Test("one byte over the maximum is refused from the header alone")
    func oneOverMaximum() throws {
        var decoder = AssayFrameDecoder(maximumFrameLength: 100)
        var header = rawHeader(length: 101, type: 0x03)
        #expect { try decoder.decode(buffer: &header) } throws: { error in
            guard let error = error as? AssayProtocolError else { return false }
            return error.code == .frameTooLarge && error.statusCode == .resourceExhausted
                && error.goAwayReason == .frameTooLarge
        }
    }

    @Test("a length of 0xFFFFFFFF is refused without buffering")
    func fourGigabyteLength() throws {
        var decoder = AssayFrameDecoder(maximumFrameLength: AssayLimits.defaultMaximumFrameSize)
        var header = rawHeader(length: 0xFFFF_FFFF, type: 0x03)
        #expect { try decoder.decode(buffer: &header) } throws: { AssayProtocolError.Code.frameTooLarge.matches($0) }
    }

    @Test("a header cut short at end of stream is a truncated frame", arguments: 1..<10)
    func truncatedHeader(length: Int) throws {
        let stream = encodeStream([AssayFrame(type: .ping, streamID: 0, payload: ByteBuffer(string: "12345678"))])
        let cut = stream.getSlice(at: 0, length: length)!
        #expect { try decodeChunks([cut]) } throws: { AssayProtocolError.Code.truncatedFrame.matches($0) }
    }

    @Test("a payload cut short at end of stream is a truncated frame")
    func truncatedPayload() throws {
        let stream = encodeStream([AssayFrame(type: .ping, streamID: 0, payload: ByteBuffer(string: "12345678"))])
        let cut = stream.getSlice(at: 0, length: stream.readableBytes - 1)!
        #expect { try decodeChunks([cut]) } throws: { AssayProtocolError.Code.truncatedFrame.matches($0) }
    }

    @Test("unknown core types are a protocol error", arguments: [0x00, 0x0A, 0x42, 0x7F] as [UInt8])
    func unknownCoreType(type: UInt8) throws {
        var stream = rawHeader(length: 2, type: type)
        stream.writeBytes([1, 2])
        #expect { try decodeChunks([stream]) } throws: { error in
            guard let error = error as? AssayProtocolError else { return false }
            return error.code == .unknownFrameType && error.goAwayReason == .protocolError
        }
    }

    @Test("unknown extension types are skipped whole", arguments: [0x80, 0x9C, 0xFF] as [UInt8])
    func extensionTypeSkipped(type: UInt8) throws {
        var stream = rawHeader(length: 3, type: type, flags: 0xFF)
        stream.writeBytes([9, 9, 9])
        let after = AssayFrame(type: .ping, streamID: 0, payload: ByteBuffer(string: "after"))
        AssayFrameEncoder.encode(after, into: &stream)
        for cut in 0...stream.readableBytes {
            #expect(try decodeChunks(split(stream, at: [cut])) == [after])
        }
    }

    @Test("an extension frame over the maximum length is still refused")
    func oversizedExtension() throws {
        var header = rawHeader(length: 2000, type: 0x80)
        var decoder = AssayFrameDecoder(maximumFrameLength: 1000)
        #expect { try decoder.decode(buffer: &header) } throws: { AssayProtocolError.Code.frameTooLarge.matches($0) }
    }

    @Test("COMPRESSED is refused on frames other than MESSAGE", arguments: [0x01, 0x02, 0x04, 0x05, 0x07] as [UInt8])
    func compressedControlFrame(type: UInt8) throws {
        var stream = rawHeader(length: 0, type: type, flags: 0x02)
        #expect { try decodeChunks([stream]) } throws: { AssayProtocolError.Code.compressionNotAllowed.matches($0) }
        stream.clear()
    }

    @Test("undefined flag bits are ignored")
    func undefinedFlags() throws {
        let stream = rawHeader(length: 0, type: 0x03, flags: 0xF1)
        let frames = try decodeChunks([stream])
        #expect(frames == [AssayFrame(type: .message, flags: .endStream, streamID: 1)])
    }

    @Test("a wrong preface is refused at the first differing byte")
    func badPreface() throws {
        var decoder = AssayFrameDecoder(maximumFrameLength: 1024, expectsPreface: true)
        var partial = ByteBuffer(bytes: AssayFrame.connectionPreface.prefix(5))
        #expect(try decoder.decode(buffer: &partial) == nil)
        var http = ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n")
        var fresh = AssayFrameDecoder(maximumFrameLength: 1024, expectsPreface: true)
        #expect { try fresh.decode(buffer: &http) } throws: { error in
            guard let error = error as? AssayProtocolError else { return false }
            return error.code == .badPreface && error.goAwayReason == .protocolError
        }
    }

    @Test("a connection closed inside the preface is truncated")
    func truncatedPreface() throws {
        let partial = ByteBuffer(bytes: AssayFrame.connectionPreface.prefix(3))
        #expect { try decodeChunks([partial], expectsPreface: true) } throws: {
            AssayProtocolError.Code.truncatedFrame.matches($0)
        }
    }

    @Test("the zero-copy encoder patches the length after writing the payload")
    func inPlaceEncoding() throws {
        var buffer = ByteBuffer()
        let written = AssayFrameEncoder.encode(type: .message, flags: .endStream, streamID: 3, into: &buffer) {
            $0.writeString("hello")
        }
        #expect(written == 5)
        let frames = try decodeChunks([buffer])
        #expect(frames == [AssayFrame(type: .message, flags: .endStream, streamID: 3, payload: ByteBuffer(string: "hello"))])
    }
}

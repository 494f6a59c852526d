import AssayProtocol
import NIOCore

/// Encodes frames back to back (optionally after the connection preface).
func encodeStream(_ frames: [AssayFrame], preface: Bool = false) -> ByteBuffer {
    var buffer = ByteBuffer()
    if preface {
        buffer.writeBytes(AssayFrame.connectionPreface)
    }
    for frame in frames {
        AssayFrameEncoder.encode(frame, into: &buffer)
    }
    return buffer
}

/// Feeds `chunks` to a fresh decoder one after another, then signals EOF, collecting every frame.
func decodeChunks(
    _ chunks: [ByteBuffer],
    maximumFrameLength: Int = 1 << 20,
    expectsPreface: Bool = false
) throws -> [AssayFrame] {
    var decoder = AssayFrameDecoder(maximumFrameLength: maximumFrameLength, expectsPreface: expectsPreface)
    var pending = ByteBuffer()
    var frames: [AssayFrame] = []
    for chunk in chunks {
        var chunk = chunk
        pending.writeBuffer(&chunk)
        while let frame = try decoder.decode(buffer: &pending) {
            frames.append(frame)
        }
    }
    while let frame = try decoder.decodeLast(buffer: &pending, seenEOF: true) {
        frames.append(frame)
    }
    return frames
}

/// Splits `buffer` at the given offsets.
func split(_ buffer: ByteBuffer, at offsets: [Int]) -> [ByteBuffer] {
    var chunks: [ByteBuffer] = []
    var start = 0
    for offset in offsets.sorted() + [buffer.readableBytes] where offset >= start {
        chunks.append(buffer.getSlice(at: buffer.readerIndex + start, length: offset - start)!)
        start = offset
    }
    return chunks
}

/// A header with arbitrary field values, for inputs no encoder would produce.
func rawHeader(length: UInt32, type: UInt8, flags: UInt8 = 0, stream: UInt32 = 1) -> ByteBuffer {
    var buffer = ByteBuffer()
    buffer.writeMultipleIntegers(length, type, flags, stream)
    return buffer
}

extension AssayProtocolError.Code {
    /// Whether `error` is an ``AssayProtocolError`` with this code.
    func matches(_ error: any Error) -> Bool {
        (error as? AssayProtocolError)?.code == self
    }
}

public import NIOCore
public import SwiftProtobuf

extension AssayFrame {
    /// Creates a frame whose payload is the binary protobuf encoding of `message`.
    public init(
        type: AssayFrameType,
        flags: AssayFrameFlags = [],
        streamID: UInt32,
        message: some SwiftProtobuf.Message
    ) throws {
        let box: ProtobufByteBuffer = try message.serializedBytes()
        self.init(type: type, flags: flags, streamID: streamID, payload: box.buffer)
    }

    /// Decodes the payload as a protobuf message of type `M`.
    ///
    /// - Throws: The decoding error from SwiftProtobuf (for example `BinaryDecodingError.invalidUTF8`).
    public func decodePayload<M: SwiftProtobuf.Message>(as type: M.Type = M.self) throws -> M {
        try M(serializedBuffer: self.payload)
    }
}

extension SwiftProtobuf.Message {
    /// Decodes a message from the readable bytes of `buffer`, without copying them into an array.
    ///
    /// - Throws: The decoding error from SwiftProtobuf (for example `BinaryDecodingError.invalidUTF8`).
    public init(serializedBuffer buffer: ByteBuffer) throws {
        try self.init(serializedBytes: ProtobufByteBuffer(buffer: buffer))
    }
}

extension ByteBuffer {
    /// Appends the binary protobuf encoding of `message`.
    public mutating func writeProtobuf(_ message: some SwiftProtobuf.Message) throws {
        let box: ProtobufByteBuffer = try message.serializedBytes()
        self.writeImmutableBuffer(box.buffer)
    }
}

/// A `ByteBuffer` seen as the byte container SwiftProtobuf serialises into and parses from,
/// so messages go to and from buffers without an intermediate array.
struct ProtobufByteBuffer: SwiftProtobufContiguousBytes {
    var buffer: ByteBuffer

    init(buffer: ByteBuffer) {
        self.buffer = buffer
    }

    init(repeating: UInt8, count: Int) {
        self.buffer = ByteBuffer(repeating: repeating, count: count)
    }

    init<S: Sequence>(_ sequence: S) where S.Element == UInt8 {
        self.buffer = ByteBuffer(bytes: sequence)
    }

    var count: Int { self.buffer.readableBytes }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try self.buffer.withUnsafeReadableBytes(body)
    }

    mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try self.buffer.withUnsafeMutableReadableBytes(body)
    }
}

public import NIOCore

/// Writes ``AssayFrame``s as bytes.
///
/// Frames are meant to be encoded in batches: call ``encode(_:into:)`` for every frame a step
/// produces, into one buffer, then write and flush that buffer once. The encoder itself
/// never compresses; see ``AssayMessageCompression``.
public struct AssayFrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = AssayFrame

    /// Creates an encoder.
    public init() {}

    /// Appends the frame's header and payload to `out`.
    public func encode(data frame: AssayFrame, out: inout ByteBuffer) {
        Self.encode(frame, into: &out)
    }

    /// Appends the frame's header and payload to `buffer`.
    public static func encode(_ frame: AssayFrame, into buffer: inout ByteBuffer) {
        precondition(frame.payload.readableBytes <= Int(UInt32.max), "frame payload larger than 4 GiB")
        buffer.reserveCapacity(minimumWritableBytes: AssayFrame.headerLength + frame.payload.readableBytes)
        buffer.writeMultipleIntegers(
            UInt32(frame.payload.readableBytes),
            frame.type.rawValue,
            frame.flags.rawValue,
            frame.streamID
        )
        buffer.writeImmutableBuffer(frame.payload)
    }

    /// Appends a frame header and lets `writePayload` write the payload straight after it,
    /// then patches the length: no intermediate payload buffer.
    ///
    /// - Returns: The payload length written.
    @discardableResult
    public static func encode(
        type: AssayFrameType,
        flags: AssayFrameFlags = [],
        streamID: UInt32,
        into buffer: inout ByteBuffer,
        writePayload: (inout ByteBuffer) throws -> Void
    ) rethrows -> Int {
        let start = buffer.writerIndex
        buffer.writeMultipleIntegers(UInt32(0), type.rawValue, flags.rawValue, streamID)
        try writePayload(&buffer)
        let length = buffer.writerIndex - start - AssayFrame.headerLength
        precondition(length <= Int(UInt32.max), "frame payload larger than 4 GiB")
        buffer.setInteger(UInt32(length), at: start)
        return length
    }
}

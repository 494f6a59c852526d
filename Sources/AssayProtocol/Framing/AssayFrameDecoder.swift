public import NIOCore

/// Splits a byte stream into ``AssayFrame``s.
///
/// A value type shared by server and client. It returns `nil` on a partial frame and
/// throws on input that no more bytes could make valid:
/// - the frame length is checked against `maximumFrameLength` as soon as the header is
///   readable, before any payload is buffered;
/// - unknown extension types (`>= 0x80`) are skipped whole; unknown core types are an error;
/// - the COMPRESSED flag is only allowed on MESSAGE frames (inflation is the job of
///   ``AssayMessageCompression``, so a bad payload fails one stream, not the connection).
///
/// A server-side decoder first expects the eight-byte ``AssayFrame/connectionPreface``.
public struct AssayFrameDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = AssayFrame

    /// The largest payload length accepted.
    public let maximumFrameLength: Int
    private var awaitingPreface: Bool

    /// Creates a decoder.
    /// - Parameters:
    ///   - maximumFrameLength: The largest payload length accepted; larger frames throw `frameTooLarge`.
    ///   - expectsPreface: Whether the stream starts with the connection preface (true on the server).
    public init(maximumFrameLength: Int, expectsPreface: Bool = false) {
        precondition(maximumFrameLength >= 0 && maximumFrameLength <= Int(UInt32.max))
        self.maximumFrameLength = maximumFrameLength
        self.awaitingPreface = expectsPreface
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> AssayFrame? {
        if self.awaitingPreface {
            guard try Self.readPreface(from: &buffer) else { return nil }
            self.awaitingPreface = false
        }
        while true {
            guard let header = buffer.getFrameHeader(at: buffer.readerIndex) else { return nil }
            guard Int(header.length) <= self.maximumFrameLength else {
                throw AssayProtocolError(
                    .frameTooLarge,
                    "\(header.type) frame of \(header.length) bytes exceeds the maximum frame size of "
                        + "\(self.maximumFrameLength) bytes"
                )
            }
            guard buffer.readableBytes >= AssayFrame.headerLength + Int(header.length) else { return nil }

            if !header.type.isKnown {
                guard header.type.isExtension else {
                    throw AssayProtocolError(
                        .unknownFrameType,
                        "unknown frame type \(header.type) on stream \(header.streamID)"
                    )
                }
                buffer.moveReaderIndex(forwardBy: AssayFrame.headerLength + Int(header.length))
                continue
            }
            let flags = AssayFrameFlags(rawValue: header.flags).intersection(.defined)
            if flags.contains(.compressed) && header.type != .message {
                throw AssayProtocolError(
                    .compressionNotAllowed,
                    "COMPRESSED flag on a \(header.type) frame; only MESSAGE payloads may be compressed"
                )
            }
            buffer.moveReaderIndex(forwardBy: AssayFrame.headerLength)
            let payload = buffer.readSlice(length: Int(header.length))!
            return AssayFrame(type: header.type, flags: flags, streamID: header.streamID, payload: payload)
        }
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> AssayFrame? {
        if let frame = try self.decode(buffer: &buffer) {
            return frame
        }
        if seenEOF && buffer.readableBytes > 0 {
            let what = self.awaitingPreface ? "connection preface" : "frame"
            throw AssayProtocolError(
                .truncatedFrame,
                "connection closed \(buffer.readableBytes) bytes into a \(what)"
            )
        }
        return nil
    }

    /// Consumes the preface if it is all there; throws as soon as a byte differs.
    private static func readPreface(from buffer: inout ByteBuffer) throws -> Bool {
        let expected = AssayFrame.connectionPreface
        let available = min(buffer.readableBytes, expected.count)
        let seen = buffer.readableBytesView.prefix(available)
        guard seen.elementsEqual(expected.prefix(available)) else {
            throw AssayProtocolError(.badPreface, "the connection did not start with the Assay preface")
        }
        guard available == expected.count else { return false }
        buffer.moveReaderIndex(forwardBy: expected.count)
        return true
    }
}

/// The fields of a frame header, read without consuming.
struct AssayFrameHeader {
    var length: UInt32
    var type: AssayFrameType
    var flags: UInt8
    var streamID: UInt32
}

extension ByteBuffer {
    /// Reads a frame header at `index` without moving the reader index; `nil` if incomplete.
    func getFrameHeader(at index: Int) -> AssayFrameHeader? {
        guard self.readableBytes >= AssayFrame.headerLength,
            let length = self.getInteger(at: index, as: UInt32.self),
            let type = self.getInteger(at: index + 4, as: UInt8.self),
            let flags = self.getInteger(at: index + 5, as: UInt8.self),
            let streamID = self.getInteger(at: index + 6, as: UInt32.self)
        else { return nil }
        return AssayFrameHeader(length: length, type: AssayFrameType(rawValue: type), flags: flags, streamID: streamID)
    }
}

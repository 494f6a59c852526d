import NIOCore

/// Per-message zlib compression of MESSAGE payloads, as negotiated in HELLO.
///
/// One instance per connection; not thread-safe (it owns zlib streams). Compression is skipped
/// for payloads below ``minimumCompressSize`` and whenever it would not make the payload smaller.
/// Inflation is capped at a maximum size, so a zip bomb is refused after at most that many bytes.
public final class AssayMessageCompression {
    /// Payloads smaller than this are sent uncompressed.
    public let minimumCompressSize: Int
    private lazy var deflater = ZlibDeflater()
    private lazy var inflater = ZlibInflater()

    /// Creates a compressor/decompressor pair.
    /// - Parameter minimumCompressSize: Payloads below this many bytes are never compressed.
    public init(minimumCompressSize: Int = AssayLimits.defaultMinimumCompressSize) {
        self.minimumCompressSize = minimumCompressSize
    }

    /// Compresses the frame's payload when it is a MESSAGE, large enough, and compression helps;
    /// sets the COMPRESSED flag when it does.
    public func compressIfWorthwhile(_ frame: inout AssayFrame) {
        guard frame.type == .message, !frame.flags.contains(.compressed),
            frame.payload.readableBytes >= self.minimumCompressSize
        else { return }
        var compressed = ByteBuffer()
        self.deflater.compress(frame.payload, into: &compressed)
        if compressed.readableBytes < frame.payload.readableBytes {
            frame.payload = compressed
            frame.flags.insert(.compressed)
        }
    }

    /// Returns the frame with its payload inflated when the COMPRESSED flag is set (and the flag cleared).
    ///
    /// - Throws: ``AssayProtocolError`` with `decompressedMessageTooLarge` when the payload would
    ///   inflate past `limit` bytes, or `corruptCompressedPayload` when it is not valid zlib data.
    public func decompress(_ frame: AssayFrame, limit: Int) throws(AssayProtocolError) -> AssayFrame {
        guard frame.flags.contains(.compressed) else { return frame }
        var result = frame
        do {
            result.payload = try self.inflater.inflate(frame.payload, limit: limit)
        } catch {
            switch error {
            case .tooLarge:
                throw AssayProtocolError(
                    .decompressedMessageTooLarge,
                    "compressed message on stream \(frame.streamID) inflates past the maximum message size of "
                        + "\(limit) bytes"
                )
            case .corrupt(let reason):
                throw AssayProtocolError(
                    .corruptCompressedPayload,
                    "compressed message on stream \(frame.streamID) is not valid zlib data: \(reason)"
                )
            }
        }
        result.flags.remove(.compressed)
        return result
    }
}

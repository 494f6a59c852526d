internal import CAssayZlib
internal import NIOCore

/// A reusable zlib (RFC 1950) deflate stream for whole messages.
///
/// Not thread-safe: one per connection direction, used from one task or event loop at a time.
final class ZlibDeflater {
    private let stream: UnsafeMutablePointer<z_stream>

    init(level: Int32 = Z_DEFAULT_COMPRESSION) {
        self.stream = .allocate(capacity: 1)
        self.stream.initialize(to: z_stream())
        let rc = CAssayZlib_deflateInit(self.stream, level)
        // Only Z_MEM_ERROR is possible with these constant parameters; nothing can proceed without memory.
        precondition(rc == Z_OK, "deflateInit2 failed (\(rc))")
    }

    deinit {
        deflateEnd(self.stream)
        self.stream.deallocate()
    }

    /// Compresses all readable bytes of `input` and appends the result to `output`.
    func compress(_ input: ByteBuffer, into output: inout ByteBuffer) {
        defer { deflateReset(self.stream) }
        let bound = Int(deflateBound(self.stream, UInt(input.readableBytes)))
        input.withUnsafeReadableBytes { inputBytes in
            self.stream.pointee.next_in = UnsafeMutablePointer(
                mutating: inputBytes.baseAddress?.assumingMemoryBound(to: Bytef.self)
            )
            self.stream.pointee.avail_in = UInt32(inputBytes.count)
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { outputBytes in
                self.stream.pointee.next_out = outputBytes.baseAddress?.assumingMemoryBound(to: Bytef.self)
                self.stream.pointee.avail_out = UInt32(bound)
                // With an output of deflateBound bytes and Z_FINISH, deflate always completes.
                let rc = deflate(self.stream, Z_FINISH)
                precondition(rc == Z_STREAM_END, "deflate with a deflateBound-sized output failed (\(rc))")
                return bound - Int(self.stream.pointee.avail_out)
            }
        }
        self.stream.pointee.next_in = nil
        self.stream.pointee.next_out = nil
    }
}

/// A reusable zlib (RFC 1950) inflate stream with a hard cap on the output size.
final class ZlibInflater {
    /// Why inflation failed.
    enum Failure: Error, Equatable {
        /// The output would exceed the cap; nothing beyond the cap was allocated.
        case tooLarge
        /// The input is not a complete, valid zlib stream.
        case corrupt(String)
    }

    private let stream: UnsafeMutablePointer<z_stream>

    init() {
        self.stream = .allocate(capacity: 1)
        self.stream.initialize(to: z_stream())
        let rc = CAssayZlib_inflateInit(self.stream)
        precondition(rc == Z_OK, "inflateInit2 failed (\(rc))")
    }

    deinit {
        inflateEnd(self.stream)
        self.stream.deallocate()
    }

    /// Inflates all readable bytes of `input`, which must be exactly one zlib stream.
    ///
    /// The output buffer grows by doubling from about twice the input size and never past `limit`
    /// bytes, so a zip bomb costs at most `limit` bytes of memory before it is refused.
    func inflate(_ input: ByteBuffer, limit: Int) throws(Failure) -> ByteBuffer {
        defer {
            inflateReset(self.stream)
            self.stream.pointee.next_in = nil
            self.stream.pointee.next_out = nil
        }
        var output = ByteBuffer()
        let outcome: Failure? = input.withUnsafeReadableBytes { inputBytes in
            self.stream.pointee.next_in = UnsafeMutablePointer(
                mutating: inputBytes.baseAddress?.assumingMemoryBound(to: Bytef.self)
            )
            self.stream.pointee.avail_in = UInt32(inputBytes.count)
            let firstChunk = max(inputBytes.count * 2, 256)
            while true {
                let remaining = limit - output.readableBytes
                let rc: Int32
                if remaining > 0 {
                    let chunk = min(max(output.readableBytes, firstChunk), remaining)
                    var code: Int32 = Z_OK
                    output.writeWithUnsafeMutableBytes(minimumWritableBytes: chunk) { outputBytes in
                        code = self.step(into: outputBytes.baseAddress!, count: chunk)
                        return chunk - Int(self.stream.pointee.avail_out)
                    }
                    rc = code
                } else {
                    // At the cap: offer one more byte to tell "ends exactly here" from "too large".
                    var probe: UInt8 = 0
                    rc = self.step(into: &probe, count: 1)
                    if self.stream.pointee.avail_out == 0 {
                        return .tooLarge
                    }
                }
                switch rc {
                case Z_STREAM_END:
                    return self.stream.pointee.avail_in == 0 ? nil : .corrupt("trailing bytes after the zlib stream")
                case Z_OK:
                    continue
                case Z_BUF_ERROR where self.stream.pointee.avail_in == 0:
                    return .corrupt("the zlib stream is truncated")
                case Z_BUF_ERROR:
                    continue
                default:
                    return .corrupt(self.lastError)
                }
            }
        }
        if let outcome {
            throw outcome
        }
        return output
    }

    /// Runs inflate once into `count` bytes at `pointer`.
    private func step(into pointer: UnsafeMutableRawPointer, count: Int) -> Int32 {
        self.stream.pointee.next_out = pointer.assumingMemoryBound(to: Bytef.self)
        self.stream.pointee.avail_out = UInt32(count)
        return CAssayZlib.inflate(self.stream, Z_NO_FLUSH)
    }

    private var lastError: String {
        self.stream.pointee.msg.map { String(cString: $0) } ?? "invalid zlib data"
    }
}

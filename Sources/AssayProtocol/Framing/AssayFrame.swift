public import NIOCore

/// One frame of the Assay wire protocol: a 10-byte header and a payload.
///
/// ```
/// u32 length   payload bytes that follow the header (big-endian)
/// u8  type     frame type; types >= 0x80 are extensions a peer may ignore
/// u8  flags    END_STREAM, COMPRESSED
/// u32 stream   0 = the connection itself; client-opened streams are odd and increase
/// ```
public struct AssayFrame: Hashable, Sendable {
    /// The number of bytes in every frame header.
    public static let headerLength = 10

    /// The eight bytes a client sends before its first frame: `0x89 'A' 'S' 'Y' '\r' '\n' 0x1A '\n'`.
    ///
    /// Like PNG's signature, the high first byte and the CR-LF / EOF / LF tail catch
    /// text-mode mangling and peers that speak some other protocol.
    public static let connectionPreface: [UInt8] = [0x89, 0x41, 0x53, 0x59, 0x0D, 0x0A, 0x1A, 0x0A]

    /// What the frame is.
    public var type: AssayFrameType
    /// Modifiers of the frame.
    public var flags: AssayFrameFlags
    /// The stream the frame belongs to; 0 for the connection.
    public var streamID: UInt32
    /// The payload (for control frames, a protobuf message from `wire.proto`).
    public var payload: ByteBuffer

    /// Creates a frame.
    public init(type: AssayFrameType, flags: AssayFrameFlags = [], streamID: UInt32, payload: ByteBuffer = ByteBuffer()) {
        self.type = type
        self.flags = flags
        self.streamID = streamID
        self.payload = payload
    }
}

/// The type byte of a frame header.
///
/// Values below `0x80` are core types: a peer that does not know one must treat it as a
/// protocol error. Values from `0x80` are extensions, which a peer that does not know them skips.
public struct AssayFrameType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Version, feature and limit negotiation (`Hello` from the client, `HelloAck` from the server).
    public static let hello = AssayFrameType(rawValue: 0x01)
    /// Starts a stream (`Open`).
    public static let open = AssayFrameType(rawValue: 0x02)
    /// One RPC message.
    public static let message = AssayFrameType(rawValue: 0x03)
    /// Grants the peer more MESSAGE frames (`Credit`).
    public static let credit = AssayFrameType(rawValue: 0x04)
    /// Ends a stream with a status (`Status`).
    public static let status = AssayFrameType(rawValue: 0x05)
    /// Abandons a stream (`Cancel`, possibly empty).
    public static let cancel = AssayFrameType(rawValue: 0x06)
    /// Keepalive request (`Ping`).
    public static let ping = AssayFrameType(rawValue: 0x07)
    /// Keepalive answer, echoing the PING's payload.
    public static let pong = AssayFrameType(rawValue: 0x08)
    /// No new work on this connection (`GoAway`).
    public static let goAway = AssayFrameType(rawValue: 0x09)

    /// Every core frame type defined by protocol version 1.
    public static let allCore: [AssayFrameType] = [
        .hello, .open, .message, .credit, .status, .cancel, .ping, .pong, .goAway,
    ]

    /// Whether this type is an extension that unknowing peers skip.
    public var isExtension: Bool { self.rawValue >= 0x80 }

    /// Whether protocol version 1 defines this type.
    public var isKnown: Bool { self.rawValue >= 0x01 && self.rawValue <= 0x09 }

    public var description: String {
        switch self {
        case .hello: "HELLO"
        case .open: "OPEN"
        case .message: "MESSAGE"
        case .credit: "CREDIT"
        case .status: "STATUS"
        case .cancel: "CANCEL"
        case .ping: "PING"
        case .pong: "PONG"
        case .goAway: "GOAWAY"
        default: "0x" + String(self.rawValue, radix: 16, uppercase: true)
        }
    }
}

/// The flags byte of a frame header.
public struct AssayFrameFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The sender sends nothing more on this stream (on OPEN or MESSAGE).
    public static let endStream = AssayFrameFlags(rawValue: 0x01)
    /// The payload is zlib-compressed (MESSAGE frames only).
    public static let compressed = AssayFrameFlags(rawValue: 0x02)

    /// Flags defined by protocol version 1; other bits must be zero and are ignored.
    public static let defined: AssayFrameFlags = [.endStream, .compressed]
}

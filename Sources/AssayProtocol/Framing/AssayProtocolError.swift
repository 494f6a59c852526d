/// A violation of the wire protocol or of a negotiated limit, detected while framing.
///
/// Each error knows the gRPC status code and the GOAWAY reason a peer answers it with,
/// as `docs/PROTOCOL.md` specifies.
public struct AssayProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The closed set of framing failures.
    public enum Code: Hashable, Sendable {
        /// The first eight bytes were not the connection preface.
        case badPreface
        /// A frame's length exceeds the negotiated maximum frame size.
        case frameTooLarge
        /// A core frame type (below 0x80) that this version does not define.
        case unknownFrameType
        /// The connection ended in the middle of a frame.
        case truncatedFrame
        /// A compressed payload that zlib could not inflate.
        case corruptCompressedPayload
        /// A compressed payload that would inflate past the maximum message size.
        case decompressedMessageTooLarge
        /// The COMPRESSED flag on a frame type that may not carry it.
        case compressionNotAllowed
    }

    /// What went wrong.
    public var code: Code
    /// A message for logs and for the GOAWAY or STATUS sent to the peer.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The gRPC status code this error maps onto.
    public var statusCode: Assay_StatusCode {
        switch self.code {
        case .frameTooLarge, .decompressedMessageTooLarge: .resourceExhausted
        case .badPreface, .unknownFrameType, .truncatedFrame, .corruptCompressedPayload, .compressionNotAllowed:
            .internal
        }
    }

    /// The GOAWAY reason a peer sends before closing the connection over this error.
    public var goAwayReason: Assay_GoAwayReason {
        switch self.code {
        case .frameTooLarge: .frameTooLarge
        case .corruptCompressedPayload, .decompressedMessageTooLarge: .compressionError
        case .badPreface, .unknownFrameType, .truncatedFrame, .compressionNotAllowed: .protocolError
        }
    }

    public var description: String { "protocol error (\(self.code)): \(self.message)" }
}

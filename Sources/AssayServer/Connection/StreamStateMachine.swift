import AssayProtocol

/// The server's view of one stream (`docs/PROTOCOL.md` §4.4): idle → open → half-closed (remote) → closed.
///
/// A value type that only decides: each event returns the action the connection takes.
/// Send-side credit lives with the producer (``StreamContext``); this tracks what the client may send.
struct StreamStateMachine: Sendable {
    /// Where the stream is.
    enum State: Hashable, Sendable {
        case idle
        case open
        case halfClosedRemote
        case closed
    }

    /// What to do with a received MESSAGE.
    enum MessageAction: Hashable, Sendable {
        /// Hand the payload to the call; `endStream` tells whether the client is done.
        case deliver(endStream: Bool)
        /// A length-0 END_STREAM MESSAGE: the client is done, there is no payload to deliver.
        case halfClose
        /// The stream is closed: drop the frame silently.
        case drop
        /// Close the stream with this status.
        case fail(Assay_StatusCode, String)
    }

    /// What to do with a received CANCEL.
    enum CancelAction: Hashable, Sendable {
        /// Cancel the call's work; send nothing more.
        case cancelWork
        /// The stream is already closed.
        case drop
    }

    private(set) var state: State = .idle
    /// Request MESSAGEs the client may still send before the server grants more.
    private(set) var inboundCredit: Int
    /// Whether the call has received at least one request message.
    private(set) var hasReceivedMessage = false

    /// Whether the method takes a stream of requests (AnalyzeBatch) rather than exactly one.
    let streamsRequests: Bool

    /// Creates an idle stream that will let the client send `inboundCredit` MESSAGEs.
    init(inboundCredit: Int, streamsRequests: Bool) {
        self.inboundCredit = inboundCredit
        self.streamsRequests = streamsRequests
    }

    /// The stream's OPEN was accepted.
    mutating func receiveOpen(endStream: Bool) {
        precondition(self.state == .idle, "OPEN on a stream that is not idle")
        self.state = endStream ? .halfClosedRemote : .open
    }

    /// A MESSAGE arrived.
    mutating func receiveMessage(payloadIsEmpty: Bool, endStream: Bool) -> MessageAction {
        switch self.state {
        case .idle:
            preconditionFailure("MESSAGE on an idle stream is a connection error, handled before")
        case .closed:
            return .drop
        case .halfClosedRemote:
            self.state = .closed
            return .fail(.internal, "MESSAGE after END_STREAM")
        case .open:
            if payloadIsEmpty && endStream && self.hasReceivedMessage {
                self.state = .halfClosedRemote
                return .halfClose
            }
            if self.hasReceivedMessage && !self.streamsRequests {
                self.state = .closed
                return .fail(.invalidArgument, "this method takes exactly one request message")
            }
            guard self.inboundCredit > 0 else {
                self.state = .closed
                return .fail(.resourceExhausted, "flow control: MESSAGE beyond the granted credit")
            }
            self.inboundCredit -= 1
            self.hasReceivedMessage = true
            if endStream { self.state = .halfClosedRemote }
            return .deliver(endStream: endStream)
        }
    }

    /// The server granted the client `messages` more request MESSAGEs.
    mutating func grantInbound(_ messages: Int) {
        self.inboundCredit += messages
    }

    /// A CANCEL arrived.
    mutating func receiveCancel() -> CancelAction {
        switch self.state {
        case .open, .halfClosedRemote:
            self.state = .closed
            return .cancelWork
        case .idle, .closed:
            return .drop
        }
    }

    /// The server sent STATUS (or the stream ended otherwise).
    mutating func close() {
        self.state = .closed
    }
}

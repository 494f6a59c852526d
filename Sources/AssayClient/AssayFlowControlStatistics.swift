import Synchronization

/// How long a client's streams were held up by flow control (credit), summed over all streams
/// since the client was created. Read it with ``AssayClient/flowControlStatistics``.
///
/// The client measures what it can see itself: its own wait for the server's credit, and the time
/// the server's credit for a stream was used up. The server's wait is visible only to the server
/// (its `assay_credit_wait_seconds_total` metric); it is at most ``responseCreditExhausted``,
/// because the server waits only while it has events ready to send.
public struct AssayFlowControlStatistics: Sendable, Hashable {
    /// Time during which a stream had request messages ready (articles of an AnalyzeBatch) and no
    /// send credit from the server, so they waited.
    public var requestCreditWait: Duration
    /// Time during which a stream's server could send nothing more: it had sent every message the
    /// client had granted, and the application had not yet read enough of them for the client to
    /// grant more (a slow consumer).
    public var responseCreditExhausted: Duration

    /// Creates statistics.
    public init(requestCreditWait: Duration = .zero, responseCreditExhausted: Duration = .zero) {
        self.requestCreditWait = requestCreditWait
        self.responseCreditExhausted = responseCreditExhausted
    }
}

/// The client-wide totals behind ``AssayFlowControlStatistics``, added to by every connection.
final class FlowControlTally: Sendable {
    private let requestNanoseconds = Atomic<Int64>(0)
    private let responseNanoseconds = Atomic<Int64>(0)

    /// Adds a stretch during which requests waited for send credit.
    func addRequestWait(_ duration: Duration) {
        self.requestNanoseconds.add(Self.nanoseconds(duration), ordering: .relaxed)
    }

    /// Adds a stretch during which the server's credit for a stream was used up.
    func addResponseExhausted(_ duration: Duration) {
        self.responseNanoseconds.add(Self.nanoseconds(duration), ordering: .relaxed)
    }

    var statistics: AssayFlowControlStatistics {
        AssayFlowControlStatistics(
            requestCreditWait: .nanoseconds(self.requestNanoseconds.load(ordering: .relaxed)),
            responseCreditExhausted: .nanoseconds(self.responseNanoseconds.load(ordering: .relaxed))
        )
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000)
    }
}

import AssayProtocol
import Foundation

/// What a load generator sends: one stream carrying one article (Analyze) or several (AnalyzeBatch).
struct BenchRequest: Sendable {
    /// The articles of the stream, each with a distinct `reference`.
    var articles: [Assay_Article]
    /// Whether to send them on one AnalyzeBatch stream rather than one Analyze stream.
    var batch: Bool
}

/// How a transport reports one received event to the load generator.
struct BenchEventInfo: Sendable {
    /// Payload bytes of the event as received (after decompression; the frame or HTTP/2 overhead is not counted).
    var payloadBytes: Int
    /// Whether this is an article's last event (`summary` or `failed`).
    var endsArticle: Bool
    /// When the caller received it (``BenchClock`` nanoseconds).
    var receivedAt: UInt64
}

/// A way to open a streaming analysis call: the only thing that differs between Assay's protocol,
/// gRPC and the bare loop, so that every peer is driven by the same load generator.
///
/// Implementations call `onEvent` once per received event, in order, with the time the event reached
/// the application, before ``run(_:onEvent:)`` returns (a transport whose API takes an escaping
/// handler may collect the events and report them at the end); they return when the stream has ended
/// with OK, and throw any other outcome, which ``statusName(of:)`` classifies.
protocol BenchTransport: Sendable {
    /// A short name for reports ("assay", "grpc", "bare").
    var name: String { get }

    /// Runs one call and reports each event as it arrives.
    func run(_ request: BenchRequest, onEvent: (BenchEventInfo) -> Void) async throws

    /// The status code an error of ``run(_:onEvent:)`` stands for, e.g. `DEADLINE_EXCEEDED`.
    func statusName(of error: any Error) -> String

    /// Flow-control waits of the transport's streams so far (totals since it was created), if it
    /// can tell; the generator reports the difference over a run.
    func creditWait() -> BenchCreditWait?
}

extension BenchTransport {
    func creditWait() -> BenchCreditWait? { nil }
}

/// Time a transport's streams were held up by flow control, summed over streams, as the client
/// sees it (``AssayFlowControlStatistics`` for Assay's protocol).
struct BenchCreditWait: Sendable, Hashable {
    /// The client had requests ready and no send credit from the server.
    var requests: Duration
    /// The server's credit for a stream was used up: it could send nothing until the client read more.
    var responses: Duration

    /// The waits between `earlier` and `self`.
    func since(_ earlier: BenchCreditWait) -> BenchCreditWait {
        BenchCreditWait(requests: self.requests - earlier.requests, responses: self.responses - earlier.responses)
    }
}

/// A monotonic clock in nanoseconds, cheap enough to read once per event.
enum BenchClock {
    /// Nanoseconds since an arbitrary fixed point (CLOCK_MONOTONIC).
    @inline(__always)
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// Sleeps until `deadline` (nanoseconds on this clock); returns at once if it has passed.
    static func sleep(until deadline: UInt64) async throws {
        let now = self.now()
        guard deadline > now else { return }
        try await Task.sleep(nanoseconds: deadline - now)
    }
}

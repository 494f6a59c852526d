public import AssayProtocol
import NIOCore
import SwiftProtobuf

/// The events of one Analyze or AnalyzeBatch call, in the order the server sends them.
///
/// Iterate it once. Iterating grants the server more credit, so a slow consumer slows the
/// analysis down instead of buffering it. The sequence ends after STATUS OK and throws
/// ``AssayClientError`` for any other outcome (deadline exceeded, cancelled, connection lost, …).
///
/// Cancelling the task that iterates, or dropping the sequence and its iterator before the end,
/// sends CANCEL to the server.
public struct AssayEventStream: AsyncSequence, Sendable {
    /// One analysis event.
    public typealias Element = Assay_AnalysisEvent

    let call: ClientCall
    let first: StreamInbox

    init(call: ClientCall, first: StreamInbox) {
        self.call = call
        self.first = first
    }

    /// Creates the iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(reader: CallReader(call: self.call, first: self.first))
    }

    /// Reads every event and returns the `summary` of an Analyze call.
    /// - Throws: ``AssayClientError``; INTERNAL if the call ended without a summary.
    public func summary() async throws -> Assay_AnalysisSummary {
        var summary: Assay_AnalysisSummary?
        for try await event in self {
            if case .summary(let value) = event.event { summary = value }
        }
        guard let summary else { throw AssayClientError(code: .internal, message: "the call ended without a summary") }
        return summary
    }

    /// Iterates the events.
    public struct Iterator: AsyncIteratorProtocol {
        var reader: CallReader

        /// The next event, or `nil` after STATUS OK.
        /// - Throws: ``AssayClientError``.
        public mutating func next() async throws -> Assay_AnalysisEvent? {
            guard let payload = try await self.reader.next() else { return nil }
            do {
                return try Assay_AnalysisEvent(serializedBuffer: payload)
            } catch {
                let failure = AssayClientError(code: .internal, message: "event does not parse as assay.v1.AnalysisEvent", cause: error)
                self.reader.call.cancel(failure)
                throw failure
            }
        }
    }
}

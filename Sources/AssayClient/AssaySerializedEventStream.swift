public import NIOCore

extension AssayEventStream {
    /// The same events without parsing them: each element is one serialised
    /// `assay.v1.AnalysisEvent` (already inflated), exactly as the server sent it.
    ///
    /// For services that store or forward events, or parse only some of them, and for measuring
    /// the transport alone. Iterate either this or the event stream, once; credit, deadlines,
    /// cancellation and errors are the same.
    public var serialized: AssaySerializedEventStream {
        AssaySerializedEventStream(call: self.call, first: self.first)
    }
}

/// The events of one Analyze or AnalyzeBatch call as serialised `assay.v1.AnalysisEvent`
/// payloads (see ``AssayEventStream/serialized``).
public struct AssaySerializedEventStream: AsyncSequence, Sendable {
    /// One serialised event.
    public typealias Element = ByteBuffer

    let call: ClientCall
    let first: StreamInbox

    /// Creates the iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(reader: CallReader(call: self.call, first: self.first))
    }

    /// Iterates the payloads.
    public struct Iterator: AsyncIteratorProtocol {
        var reader: CallReader

        /// The next serialised event, or `nil` after STATUS OK.
        /// - Throws: ``AssayClientError``.
        public mutating func next() async throws -> ByteBuffer? {
            try await self.reader.next()
        }
    }
}

public import AssayProtocol

/// The events of one Analyze call, in order. Iterating grants the server more credit;
/// the sequence ends at STATUS OK and throws ``AssayClientError`` for any other status.
public struct AssayEventStream: AsyncSequence, Sendable {
    /// The element type: one analysis event.
    public typealias Element = Assay_AnalysisEvent

    let frames: AsyncThrowingStream<Assay_AnalysisEvent, any Error>
    let onConsumed: @Sendable () -> Void

    /// Creates the iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(base: self.frames.makeAsyncIterator(), onConsumed: self.onConsumed)
    }

    /// Iterates the events.
    public struct Iterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<Assay_AnalysisEvent, any Error>.AsyncIterator
        let onConsumed: @Sendable () -> Void

        /// The next event, or nil after STATUS OK.
        public mutating func next() async throws -> Assay_AnalysisEvent? {
            guard let event = try await self.base.next() else { return nil }
            self.onConsumed()
            return event
        }
    }
}

import NIOCore
import Synchronization

/// The response payloads of one stream, handed from the connection's reader loop to the call's
/// reader.
///
/// The reader takes everything buffered at once (``nextBatch()``), so a burst of events costs one
/// lock and at most one wake-up, not one of each per event as an `AsyncThrowingStream` would; and
/// it is concrete (no generic code on the per-event path). The buffer is bounded by the credit the
/// client grants (``AssayConnection`` refuses MESSAGEs beyond it).
final class StreamInbox: Sendable {
    private struct State {
        var buffer: [ByteBuffer] = []
        /// Set once: `nil` error means the stream ended with STATUS OK.
        var end: (any Error)??
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Appends a payload; wakes the reader if it is waiting. Ignored after the end.
    func yield(_ payload: ByteBuffer) {
        let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.end == nil else { return nil }
            state.buffer.append(payload)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Ends the stream, after the payloads already buffered: normally (`nil`) or with `error`.
    /// Only the first end counts.
    func finish(throwing error: (any Error)? = nil) {
        let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.end == nil else { return nil }
            state.end = .some(error)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Every payload buffered now, waiting for at least one; `nil` once the stream ended OK and
    /// everything was taken.
    /// - Throws: The error the stream ended with, once everything before it was taken.
    func nextBatch() async throws -> [ByteBuffer]? {
        while true {
            enum Step {
                case batch([ByteBuffer])
                case end((any Error)?)
                case wait
            }
            let step = self.state.withLock { state -> Step in
                if !state.buffer.isEmpty {
                    defer { state.buffer = [] }
                    return .batch(state.buffer)
                }
                if let end = state.end { return .end(end) }
                return .wait
            }
            switch step {
            case .batch(let batch):
                return batch
            case .end(let error):
                if let error { throw error }
                return nil
            case .wait:
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let resumeNow = self.state.withLock { state -> Bool in
                        if !state.buffer.isEmpty || state.end != nil { return true }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
        }
    }
}

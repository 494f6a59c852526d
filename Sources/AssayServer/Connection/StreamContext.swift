import AssayProtocol
import NIOCore
import Synchronization

/// What the reader loop hands to a running call.
enum StreamInput: Sendable {
    /// A request MESSAGE (already inflated); `endStream` when it was the client's last.
    case message(ByteBuffer, endStream: Bool)
    /// The client half-closed without another message.
    case end
    /// The request could not be delivered; the call ends with this status.
    case failure(StreamFailure)
}

/// A stream error: the STATUS a call ends with.
struct StreamFailure: Error, Sendable {
    var code: Assay_StatusCode
    var message: String
    var retryAfterMilliseconds: UInt32 = 0
    var details: [String: String] = [:]
}

/// The state a running call shares with the connection's reader: send credit, the request
/// inbox and the cancellation signal.
final class StreamContext: Sendable {
    let streamID: UInt32
    /// Requests in arrival order; bounded by the credit the server grants the client.
    let inbox: AsyncStream<StreamInput>
    private let inboxContinuation: AsyncStream<StreamInput>.Continuation

    private struct State {
        var credit: Int
        var creditWaiter: CheckedContinuation<Void, any Error>?
        var cancelled = false
        var cancelWaiter: CheckedContinuation<Void, Never>?
    }

    private let state: Mutex<State>

    init(streamID: UInt32, initialCredit: Int) {
        self.streamID = streamID
        (self.inbox, self.inboxContinuation) = AsyncStream.makeStream(of: StreamInput.self)
        self.state = Mutex(State(credit: initialCredit))
    }

    /// Delivers a request to the call.
    func deliver(_ input: StreamInput) {
        self.inboxContinuation.yield(input)
    }

    /// Adds CREDIT; returns `false` when the total would exceed 2^31−1.
    func addCredit(_ messages: Int) -> Bool {
        let waiter: CheckedContinuation<Void, any Error>?
        let accepted: Bool
        (accepted, waiter) = self.state.withLock { state in
            guard state.credit + messages <= Int(Int32.max) else { return (false, nil) }
            state.credit += messages
            defer { state.creditWaiter = nil }
            return (true, state.creditWaiter)
        }
        waiter?.resume()
        return accepted
    }

    /// Takes between 1 and `wanted` send credits, waiting until at least one is available.
    /// - Throws: `CancellationError` when the call is cancelled while waiting.
    func takeCredit(upTo wanted: Int) async throws -> Int {
        while true {
            let (taken, cancelled) = self.state.withLock { state -> (Int, Bool) in
                guard !state.cancelled else { return (0, true) }
                let taken = min(wanted, state.credit)
                state.credit -= taken
                return (taken, false)
            }
            if cancelled { throw CancellationError() }
            if taken > 0 { return taken }
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let resumeNow = self.state.withLock { state -> Bool in
                        if state.credit > 0 || state.cancelled { return true }
                        state.creditWaiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                let waiter = self.state.withLock { state in
                    defer { state.creditWaiter = nil }
                    return state.creditWaiter
                }
                waiter?.resume(throwing: CancellationError())
            }
            try Task.checkCancellation()
        }
    }

    /// Cancels the call (CANCEL from the client, or the connection went away).
    func cancel() {
        let (creditWaiter, cancelWaiter) = self.state.withLock { state in
            state.cancelled = true
            defer {
                state.creditWaiter = nil
                state.cancelWaiter = nil
            }
            return (state.creditWaiter, state.cancelWaiter)
        }
        creditWaiter?.resume(throwing: CancellationError())
        cancelWaiter?.resume()
        self.inboxContinuation.finish()
    }

    /// Whether ``cancel()`` was called.
    var isCancelled: Bool { self.state.withLock { $0.cancelled } }

    /// Returns once the call is cancelled by the client (or the task itself is cancelled).
    func waitForCancellation() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = self.state.withLock { state -> Bool in
                    if state.cancelled { return true }
                    state.cancelWaiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = self.state.withLock { state in
                defer { state.cancelWaiter = nil }
                return state.cancelWaiter
            }
            waiter?.resume()
        }
    }
}

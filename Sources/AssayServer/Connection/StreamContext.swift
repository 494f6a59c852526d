import AssayProtocol
import CoreMetrics
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
        /// Producers waiting for credit: one per article in flight on an AnalyzeBatch stream.
        var creditWaiters: [Int: CheckedContinuation<Void, any Error>] = [:]
        var nextWaiterID = 0
        var cancelled = false
        var cancelWaiter: CheckedContinuation<Void, Never>?
    }

    private let state: Mutex<State>

    /// Counts the times a producer had to wait for credit.
    private let creditStalls: Counter?
    /// Adds up the seconds producers waited for credit.
    private let creditWait: FloatingPointCounter?

    init(streamID: UInt32, initialCredit: Int, creditStalls: Counter? = nil, creditWait: FloatingPointCounter? = nil) {
        self.streamID = streamID
        self.creditStalls = creditStalls
        self.creditWait = creditWait
        (self.inbox, self.inboxContinuation) = AsyncStream.makeStream(of: StreamInput.self)
        self.state = Mutex(State(credit: initialCredit))
    }

    /// Delivers a request to the call.
    func deliver(_ input: StreamInput) {
        self.inboxContinuation.yield(input)
    }

    /// Adds CREDIT; returns `false` when the total would exceed 2^31−1.
    func addCredit(_ messages: Int) -> Bool {
        let (accepted, waiters) = self.state.withLock { state -> (Bool, [CheckedContinuation<Void, any Error>]) in
            guard state.credit + messages <= Int(Int32.max) else { return (false, []) }
            state.credit += messages
            defer { state.creditWaiters = [:] }
            return (true, Array(state.creditWaiters.values))
        }
        // Every waiter re-checks; those that find the credit taken wait again.
        for waiter in waiters { waiter.resume() }
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
            let id = self.state.withLock { state -> Int in
                defer { state.nextWaiterID += 1 }
                return state.nextWaiterID
            }
            self.creditStalls?.increment()
            let waitStarted = ContinuousClock.now
            defer {
                self.creditWait?.increment(by: (ContinuousClock.now - waitStarted) / .seconds(1))
            }
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    // Task.isCancelled covers a cancellation that ran before this waiter was registered.
                    let resumeNow = self.state.withLock { state -> Bool in
                        if state.credit > 0 || state.cancelled || Task.isCancelled { return true }
                        state.creditWaiters[id] = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                let waiter = self.state.withLock { $0.creditWaiters.removeValue(forKey: id) }
                waiter?.resume(throwing: CancellationError())
            }
            try Task.checkCancellation()
        }
    }

    /// Cancels the call (CANCEL from the client, or the connection went away).
    func cancel() {
        let (creditWaiters, cancelWaiter) = self.state.withLock { state in
            state.cancelled = true
            defer {
                state.creditWaiters = [:]
                state.cancelWaiter = nil
            }
            return (Array(state.creditWaiters.values), state.cancelWaiter)
        }
        for waiter in creditWaiters { waiter.resume(throwing: CancellationError()) }
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
                    // Task.isCancelled covers a task cancelled before this waiter was registered:
                    // its cancellation handler has run already and found no waiter to resume.
                    // (A call whose work ends at once, such as a replayed article, cancels this
                    // task before it first runs; without the check the call never ended.)
                    if state.cancelled || Task.isCancelled { return true }
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

import Logging
import NIOCore
import Synchronization

/// One logical call, across its attempts: the stream it currently uses, its deadline and its retry budget.
///
/// Shared by the call's event sequence and iterator; when the last of them goes away before the
/// call has ended, the stream is cancelled (CANCEL is sent), so abandoning a call in a cancelled
/// task stops the server's work even if the task was not waiting for an event.
final class ClientCall: Sendable {
    private struct State {
        var connection: AssayConnection?
        var streamID: UInt32 = 0
        var retries = 0
        var ended = false
    }

    let method: String
    let deadline: ContinuousClock.Instant?
    private let client: AssayClient
    private let requests: [ByteBuffer]
    private let state = Mutex(State())

    init(client: AssayClient, method: String, requests: [ByteBuffer], deadline: ContinuousClock.Instant?) {
        self.client = client
        self.method = method
        self.requests = requests
        self.deadline = deadline
    }

    deinit {
        let (connection, id, ended) = self.state.withLock { ($0.connection, $0.streamID, $0.ended) }
        if !ended, let connection {
            connection.fail(id, with: AssayClientError(code: .cancelled, message: "the call was abandoned"), reason: "abandoned")
        }
    }

    /// Opens the call's stream (on a connection the client picks), retrying failures the server
    /// reports as not processed (`after`: the failure of the previous attempt).
    func open(after failure: AssayClientError? = nil) async throws(AssayClientError) -> AssayConnection.Frames {
        var pending = failure
        while true {
            if let failure = pending {
                let retry = self.state.withLock { state -> Int? in
                    guard failure.wasNotProcessed, state.retries < self.client.configuration.maximumRetries else { return nil }
                    state.retries += 1
                    return state.retries
                }
                guard let retry else { throw failure }
                let wait = failure.retryAfter ?? self.client.configuration.backoff.delay(afterFailures: retry)
                if let deadline = self.deadline, ContinuousClock.now + wait >= deadline {
                    throw AssayClientError(code: .deadlineExceeded, message: "deadline exceeded before the call could be retried")
                }
                self.client.logger.debug(
                    "retrying a call the server did not process",
                    metadata: ["assay.method": "\(self.method)", "assay.retry": "\(retry)", "assay.error": "\(failure)"]
                )
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    throw AssayClientError(code: .cancelled, message: "cancelled")
                }
            }
            if Task.isCancelled { throw AssayClientError(code: .cancelled, message: "cancelled") }
            var timeout: Duration?
            if let deadline = self.deadline {
                let remaining = deadline - .now
                guard remaining > .zero else { throw AssayClientError(code: .deadlineExceeded, message: "deadline exceeded") }
                timeout = remaining
            }
            do {
                let connection = try await self.client.connection(deadline: self.deadline)
                let (id, frames) = try connection.openStream(method: self.method, requests: self.requests, timeout: timeout)
                self.state.withLock { state in
                    state.connection = connection
                    state.streamID = id
                }
                return frames
            } catch {
                pending = error
            }
        }
    }

    /// The application consumed one message: give credit back to the server.
    func consumed() {
        let (connection, id) = self.state.withLock { ($0.connection, $0.streamID) }
        connection?.consumed(id)
    }

    /// The call reached its end (STATUS, or an error was delivered).
    func ended() {
        self.state.withLock { $0.ended = true }
    }

    /// Cancels the call: CANCEL to the server, `error` to the reader.
    func cancel(_ error: AssayClientError = AssayClientError(code: .cancelled, message: "cancelled")) {
        let (connection, id) = self.state.withLock { state in
            defer { state.ended = true }
            return (state.connection, state.streamID)
        }
        connection?.fail(id, with: error, reason: error.message)
    }
}

/// Reads a call's response payloads, retrying the call while nothing has been delivered and the
/// server reports it did not process it.
struct CallReader {
    let call: ClientCall
    private var frames: AssayConnection.Frames.AsyncIterator
    private var delivered = false
    private var finished = false

    init(call: ClientCall, first: AssayConnection.Frames) {
        self.call = call
        self.frames = first.makeAsyncIterator()
    }

    /// The next response payload; `nil` after STATUS OK.
    /// - Throws: ``AssayClientError``.
    mutating func next() async throws -> ByteBuffer? {
        guard !self.finished else { return nil }
        while true {
            if Task.isCancelled {
                self.finished = true
                let error = AssayClientError(code: .cancelled, message: "cancelled")
                self.call.cancel(error)
                throw error
            }
            do {
                var frames = self.frames
                let call = self.call
                let payload = try await withTaskCancellationHandler {
                    try await frames.next()
                } onCancel: {
                    call.cancel()
                }
                self.frames = frames
                guard let payload else {
                    self.finished = true
                    self.call.ended()
                    return nil
                }
                self.delivered = true
                self.call.consumed()
                return payload
            } catch {
                let failure = (error as? AssayClientError) ?? AssayClientError(code: .unknown, message: "\(error)")
                if !self.delivered, failure.wasNotProcessed {
                    do {
                        self.frames = try await self.call.open(after: failure).makeAsyncIterator()
                        continue
                    } catch {
                        self.finished = true
                        self.call.ended()
                        throw error
                    }
                }
                self.finished = true
                self.call.ended()
                throw failure
            }
        }
    }
}

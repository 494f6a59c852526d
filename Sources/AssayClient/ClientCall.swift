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
    func open(after failure: AssayClientError? = nil) async throws(AssayClientError) -> StreamInbox {
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

    /// The application consumed `messages` messages of `bytes` payload bytes: give credit back to
    /// the server.
    func consumed(_ messages: Int, bytes: Int) {
        let (connection, id) = self.state.withLock { ($0.connection, $0.streamID) }
        connection?.consumed(id, messages: messages, bytes: bytes)
    }

    /// Half the receive window: consumption is reported at least this often (CREDIT is granted
    /// in batches of this size).
    var creditReportInterval: Int { max(1, self.client.configuration.initialCredit / 2) }

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
///
/// Payloads are taken from the stream's inbox in batches; the messages the application has
/// consumed are reported (for CREDIT) when a batch is used up or half the window has been
/// consumed, whichever comes first, so a burst of events costs one hand-over, not one per event.
struct CallReader {
    let call: ClientCall
    private var inbox: StreamInbox
    private var batch: [ByteBuffer] = []
    private var position = 0
    /// Messages handed to the application and not yet reported as consumed, and their bytes.
    private var unreported = 0
    private var unreportedBytes = 0
    private let reportInterval: Int
    private var delivered = false
    private var finished = false

    init(call: ClientCall, first: StreamInbox) {
        self.call = call
        self.inbox = first
        self.reportInterval = call.creditReportInterval
    }

    /// The next response payload; `nil` after STATUS OK.
    /// - Throws: ``AssayClientError``.
    mutating func next() async throws -> ByteBuffer? {
        guard !self.finished else { return nil }
        // The previous payload has been consumed by now.
        if self.unreported >= self.reportInterval || (self.unreported > 0 && self.position == self.batch.count) {
            self.call.consumed(self.unreported, bytes: self.unreportedBytes)
            self.unreported = 0
            self.unreportedBytes = 0
        }
        while true {
            if Task.isCancelled {
                self.finished = true
                let error = AssayClientError(code: .cancelled, message: "cancelled")
                self.call.cancel(error)
                throw error
            }
            if self.position < self.batch.count {
                defer { self.position += 1 }
                self.unreported += 1
                self.unreportedBytes += self.batch[self.position].readableBytes
                return self.batch[self.position]
            }
            do {
                let inbox = self.inbox
                let call = self.call
                let batch = try await withTaskCancellationHandler {
                    try await inbox.nextBatch()
                } onCancel: {
                    call.cancel()
                    inbox.finish(throwing: AssayClientError(code: .cancelled, message: "cancelled"))
                }
                guard let batch else {
                    self.finished = true
                    self.call.ended()
                    return nil
                }
                self.delivered = true
                self.batch = batch
                self.position = 1
                self.unreported = 1
                self.unreportedBytes = batch[0].readableBytes
                return batch[0]
            } catch {
                let failure = (error as? AssayClientError) ?? AssayClientError(code: .unknown, message: "\(error)")
                if !self.delivered, failure.wasNotProcessed {
                    do {
                        self.inbox = try await self.call.open(after: failure)
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

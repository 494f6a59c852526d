/// Bounds how many analyses run at once and how many may wait for a slot.
///
/// An actor-based semaphore: ``acquire()`` returns `false` at once when the queue is full, so
/// the caller can answer RESOURCE_EXHAUSTED instead of piling up work.
actor AnalysisLimiter {
    private let concurrency: Int
    private let queueCapacity: Int
    private var running = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Bool, any Error>)] = []
    private var nextWaiterID = 0

    init(concurrency: Int, queueCapacity: Int) {
        self.concurrency = concurrency
        self.queueCapacity = queueCapacity
    }

    /// Takes a slot, waiting in line if all are busy.
    /// - Returns: `false` when the waiting line is full (nothing was taken).
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func acquire() async throws -> Bool {
        if self.running < self.concurrency {
            self.running += 1
            return true
        }
        guard self.waiters.count < self.queueCapacity else { return false }
        let id = self.nextWaiterID
        self.nextWaiterID += 1
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    self.waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Returns a slot taken with ``acquire()``; hands it straight to the next waiter, if any.
    func release() {
        if self.waiters.isEmpty {
            self.running -= 1
        } else {
            self.waiters.removeFirst().continuation.resume(returning: true)
        }
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = self.waiters.firstIndex(where: { $0.id == id }) else { return }
        self.waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}

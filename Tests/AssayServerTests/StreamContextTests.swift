import Testing

@testable import AssayServer

/// ``StreamContext`` on its own: cancellation and credit waits never lose a wake-up.
@Suite("Stream context", .timeLimit(.minutes(1)))
struct StreamContextTests {
    @Test("waitForCancellation returns in a task cancelled before it started waiting")
    func waitInAlreadyCancelledTask() async {
        let context = StreamContext(streamID: 1, initialCredit: 1)
        // As CallHandler.run does when a call's work ends at once: the waiting task is cancelled
        // before it has run.
        for _ in 0..<200 {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await context.waitForCancellation() }
                group.cancelAll()
                await group.waitForAll()
            }
        }
        #expect(!context.isCancelled)
    }

    @Test("waitForCancellation returns when the client cancels")
    func waitForClientCancel() async {
        let context = StreamContext(streamID: 1, initialCredit: 1)
        async let waited: Void = context.waitForCancellation()
        try? await Task.sleep(for: .milliseconds(20))
        context.cancel()
        await waited
        #expect(context.isCancelled)
    }

    @Test("takeCredit waits for credit and returns at most what was asked")
    func credit() async throws {
        let context = StreamContext(streamID: 1, initialCredit: 2)
        #expect(try await context.takeCredit(upTo: 5) == 2)
        async let taken = context.takeCredit(upTo: 3)
        try await Task.sleep(for: .milliseconds(20))
        #expect(context.addCredit(10))
        #expect(try await taken == 3)
    }

    @Test("producers waiting for credit at the same time are all woken (AnalyzeBatch's articles)")
    func concurrentCreditWaiters() async throws {
        let context = StreamContext(streamID: 1, initialCredit: 0)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask { try await context.takeCredit(upTo: 1) }
            }
            try await Task.sleep(for: .milliseconds(50))  // all four are waiting now
            // One grant at a time: each must reach a waiter, none may be lost.
            for _ in 0..<4 {
                #expect(context.addCredit(1))
                try await Task.sleep(for: .milliseconds(5))
            }
            var total = 0
            for try await taken in group { total += taken }
            #expect(total == 4)
        }
    }
}

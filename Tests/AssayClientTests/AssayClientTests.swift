import AssayClient
import AssayProtocol
import AssayServer
import Logging
import NIOCore
import Testing

@Suite(.serialized, .timeLimit(.minutes(2))) struct AssayClientTests {
    /// AnalyzeBatch with enough response credit that the server never waits for CREDIT (concurrent
    /// producers waiting for credit are tested in StreamContextTests).
    static let batchConfiguration = AssayClientConfiguration(initialCredit: 1_000_000)

    @Test func eventsStreamInOrderAcceptedFirstSummaryLast() async throws {
        try await TestServer.with { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                var events: [Assay_AnalysisEvent] = []
                for try await event in try await client.analyze(TestServer.article()) { events.append(event) }
                try #require(events.count >= 3)
                guard case .accepted = events.first?.event else { Issue.record("first event is not accepted"); return }
                guard case .summary(let summary) = events.last?.event else { Issue.record("last event is not summary"); return }
                #expect(!summary.entities.isEmpty)
                #expect(events.map(\.sequence) == (0..<UInt32(events.count)).map { $0 })
                #expect(events.allSatisfy { $0.reference == "gallium-export-controls" })
                #expect(events.dropFirst().dropLast().allSatisfy { event in
                    switch event.event {
                    case .entity, .entityUpdate, .repetition, .risk: true
                    default: false
                    }
                })
            }
        }
    }

    @Test func serializedEventsAreTheSameEventsUnparsed() async throws {
        try await TestServer.with { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                var parsed: [Assay_AnalysisEvent] = []
                for try await event in try await client.analyze(TestServer.article()) { parsed.append(event) }
                var raw: [Assay_AnalysisEvent] = []
                for try await payload in try await client.analyze(TestServer.article()).serialized {
                    raw.append(try Assay_AnalysisEvent(serializedBuffer: payload))
                }
                #expect(raw.map(\.sequence) == parsed.map(\.sequence))
                #expect(raw.map(\.reference) == parsed.map(\.reference))
                guard case .summary = raw.last?.event else { Issue.record("last serialised event is not summary"); return }
            }
        }
    }

    @Test func manyEventsFlowWithSmallCreditAndWithoutCompression() async throws {
        try await TestServer.with { _, port in
            let configuration = AssayClientConfiguration(compression: false, initialCredit: 2)
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                var count = 0
                for try await _ in try await client.analyze(TestServer.longArticle()) { count += 1 }
                #expect(count > 10)
            }
        }
    }

    @Test func theServerAnswersKeepalivePingsWithoutCountingStrikes() async throws {
        // A stream held open, unconsumed, for 3.5 s after its first event with a PING a second: the
        // server answers every one (else the client closes the connection 0.5 s after the first
        // PING) and the client never pings sooner than a second after the previous one (the server
        // here tolerates no strike: one would get GOAWAY ENHANCE_YOUR_CALM); either fails the stream.
        try await TestServer.with(AssayServerConfiguration(port: 0, maximumPingStrikes: 0)) { _, port in
            let configuration = AssayClientConfiguration(
                initialCredit: 2, receiveWindowBytes: nil, maximumRetries: 0,
                keepalive: .init(interval: .seconds(1), timeout: .milliseconds(500))
            )
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                var events = try await client.analyze(TestServer.longArticle()).makeAsyncIterator()
                var count = try await events.next() == nil ? 0 : 1
                try await Task.sleep(for: .milliseconds(3500))
                while try await events.next() != nil { count += 1 }
                #expect(count > 10)
            }
        }
    }

    @Test func callsShareOneConnectionConcurrently() async throws {
        try await TestServer.with { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for name in ["gallium-export-controls", "cobalt-mine-strike", "lithium-deal", "copper-market"] {
                        group.addTask { try await client.analyze(TestServer.article(name)).summary().entities.count }
                    }
                    for try await entities in group { #expect(entities > 0) }
                }
            }
        }
    }

    @Test func batchEndsEveryArticleWithSummaryOrFailed() async throws {
        try await TestServer.with { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: Self.batchConfiguration) { client in
                var empty = Assay_Article()
                empty.reference = "empty"
                let articles = [TestServer.article("lithium-deal"), empty, TestServer.article("copper-market")]
                var ends: [String: String] = [:]
                for try await event in try await client.analyzeBatch(articles) {
                    switch event.event {
                    case .summary: ends[event.reference] = "summary"
                    case .failed: ends[event.reference] = "failed"
                    default: break
                    }
                }
                #expect(ends == ["lithium-deal": "summary", "empty": "failed", "copper-market": "summary"])
            }
        }
    }

    @Test func batchLargerThanTheServersCreditIsSentAsCreditArrives() async throws {
        try await TestServer.with { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: Self.batchConfiguration) { client in
                let articles = (0..<150).map { index -> Assay_Article in
                    var article = Assay_Article()
                    article.reference = "a\(index)"
                    article.body = "China restricted gallium exports to Japan in week \(index)."
                    return article
                }
                var summaries = Set<String>()
                for try await event in try await client.analyzeBatch(articles) {
                    if case .summary = event.event { summaries.insert(event.reference) }
                }
                #expect(summaries.count == 150)
            }
        }
    }

    @Test func emptyBatchEndsAtOnce() async throws {
        try await TestServer.with { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                var count = 0
                for try await _ in try await client.analyzeBatch([Assay_Article]()) { count += 1 }
                #expect(count == 0)
            }
        }
    }

    @Test func healthAndServerInfo() async throws {
        try await TestServer.with { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                try await #expect(client.health().status == .serving)
                let info = try await client.serverInfo()
                #expect(info.protocolVersion == 1)
                #expect(info.methods.contains("/assay.v1.Assay/Analyze"))
                await #expect(throws: AssayClientError.self) { try await client.health(service: "no.such.Service") }
            }
        }
    }

    @Test func cancellingTheConsumerCancelsTheStreamAndTheConnectionLives() async throws {
        // One stream per connection on the server, no retries on the client: the second call only
        // succeeds if the server has closed the first stream on CANCEL.
        try await TestServer.with(AssayServerConfiguration(port: 0, maximumConcurrentStreams: 1)) { _, port in
            let configuration = AssayClientConfiguration(initialCredit: 2, maximumRetries: 0)
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                let (firstEvent, firstEventSeen) = AsyncStream.makeStream(of: Void.self)
                let consumer = Task {
                    for try await _ in try await client.analyze(TestServer.longArticle()) {
                        firstEventSeen.yield()
                        // Busy elsewhere, not waiting for the next event, when the task is cancelled.
                        try await Task.sleep(for: .seconds(60))
                    }
                }
                for await _ in firstEvent { break }
                consumer.cancel()
                await #expect(throws: CancellationError.self) { try await consumer.value }
                try await #expect(client.health().status == .serving)
                let summary = try await client.analyze(TestServer.article("lithium-deal")).summary()
                #expect(!summary.entities.isEmpty)
            }
        }
    }

    @Test func cancellingWhileWaitingForAnEventThrowsCancelled() async throws {
        try await TestServer.with { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: .init(initialCredit: 2)) { client in
                let events = try await client.analyze(TestServer.longArticle())
                let consumer = Task {
                    var count = 0
                    for try await _ in events {
                        count += 1
                        if count == 1 { withUnsafeCurrentTask { $0?.cancel() } }
                    }
                    return count
                }
                do {
                    _ = try await consumer.value
                    Issue.record("the call finished despite cancellation")
                } catch let error as AssayClientError {
                    #expect(error.code == .cancelled)
                }
                try await #expect(client.health().status == .serving)
            }
        }
    }

    @Test func tinyDeadlineFailsWithDeadlineExceeded() async throws {
        try await TestServer.with { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                _ = try await client.health()  // connect first, so the deadline is spent on the call
                do {
                    for try await _ in try await client.analyze(TestServer.longArticle(), deadline: .milliseconds(2)) {}
                    Issue.record("the call finished within 2 ms")
                } catch let error as AssayClientError {
                    #expect(error.code == .deadlineExceeded)
                }
                try await #expect(client.health().status == .serving)
            }
        }
    }

    @Test func defaultDeadlineAppliesToo() async throws {
        try await TestServer.with { _, port in
            let configuration = AssayClientConfiguration(defaultDeadline: .milliseconds(1))
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                let error = await #expect(throws: AssayClientError.self) {
                    for try await _ in try await client.analyze(TestServer.longArticle()) {}
                }
                #expect(error?.code == .deadlineExceeded)
            }
        }
    }

    @Test func reconnectsAfterTheServerRestarts() async throws {
        // Pick a port, serve on it, stop, serve again on the same port.
        let port = try await TestServer.deadPort()
        let longLived = AssayClient(host: "127.0.0.1", port: port)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await longLived.run() }
            try await TestServer.with(AssayServerConfiguration(port: port)) { _, _ in
                try await #expect(longLived.health().status == .serving)
            }
            try await TestServer.with(AssayServerConfiguration(port: port)) { _, _ in
                try await #expect(longLived.health().status == .serving)
                let summary = try await longLived.analyze(TestServer.article("copper-market")).summary()
                #expect(!summary.entities.isEmpty)
            }
            longLived.beginGracefulShutdown()
            try await group.waitForAll()
        }
    }

    @Test func deadEndpointIsEjectedAndCallsGoToTheLiveOne() async throws {
        let dead = try await TestServer.deadPort()
        try await TestServer.with { _, port in
            let endpoints = [AssayEndpoint(host: "127.0.0.1", port: dead), AssayEndpoint(host: "127.0.0.1", port: port)]
            let configuration = AssayClientConfiguration(backoff: .init(initial: .seconds(30)))
            try await withAssayClient(endpoints: endpoints, configuration: configuration) { client in
                let started = ContinuousClock.now
                for _ in 0..<6 {
                    try await #expect(client.health().status == .serving)
                }
                #expect(ContinuousClock.now - started < .seconds(10))
            }
        }
    }

    @Test func unreachableServerIsReportedAsSuch() async throws {
        let dead = try await TestServer.deadPort()
        let configuration = AssayClientConfiguration(backoff: .init(initial: .milliseconds(10)))
        try await withAssayClient(host: "127.0.0.1", port: dead, configuration: configuration) { client in
            let error = await #expect(throws: AssayClientError.self) { try await client.health() }
            #expect(error?.code == .unavailable)
            #expect(error?.isServerUnreachable == true)
            #expect(error?.message.contains("server unreachable at 127.0.0.1:\(dead)") == true)
        }
    }

    @Test func serverAtItsConnectionLimitIsReportedAsSuch() async throws {
        try await TestServer.with(AssayServerConfiguration(port: 0, maximumConnections: 1)) { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port) { holder in
                try await #expect(holder.health().status == .serving)
                // Twenty tries guard against the old race: a server that closed right after its GOAWAY
                // (resetting over the unread HELLO) made the client report a lost connection instead.
                // The lingering close ended it; under load it used to show in most runs.
                let configuration = AssayClientConfiguration(connectionAttempts: 1, maximumRetries: 0)
                for _ in 0..<20 {
                    try await withAssayClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                        let error = await #expect(throws: AssayClientError.self) { try await client.health() }
                        #expect(error?.code == .unavailable)
                        #expect(error?.isServerUnreachable == true)
                        #expect(error?.message.contains("connection limit") == true)
                    }
                }
                try await #expect(holder.health().status == .serving)
            }
        }
    }

    @Test func apiKeyIsCheckedByTheServer() async throws {
        try await TestServer.with(AssayServerConfiguration(port: 0, apiKeys: ["secret-1"])) { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                let error = await #expect(throws: AssayClientError.self) { try await client.health() }
                #expect(error?.code == .unauthenticated)
                #expect(error?.isServerUnreachable == false)
            }
            let configuration = AssayClientConfiguration(apiKey: "secret-1")
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                try await #expect(client.serverInfo().authRequired)
            }
        }
    }

    @Test func emptyArticleIsInvalidArgument() async throws {
        try await TestServer.with { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                let error = await #expect(throws: AssayClientError.self) {
                    for try await _ in try await client.analyze(Assay_Article()) {}
                }
                #expect(error?.code == .invalidArgument)
            }
        }
    }

    @Test func articleOverTheLimitIsInvalidArgumentWithDetails() async throws {
        try await TestServer.with(AssayServerConfiguration(port: 0, maximumArticleBytes: 100)) { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                let error = await #expect(throws: AssayClientError.self) {
                    for try await _ in try await client.analyze(TestServer.article()) {}
                }
                #expect(error?.code == .invalidArgument)
                #expect(error?.details["max_article_bytes"] == "100")
            }
        }
    }

    @Test func fullQueueIsResourceExhaustedWithRetryHintAndRetriesHideIt() async throws {
        let configuration = AssayServerConfiguration(port: 0, analysisConcurrency: 1, queueCapacity: 1)
        try await TestServer.with(configuration) { _, port in
            // Without retries some calls see the full queue.
            let failures = try await withAssayClient(
                host: "127.0.0.1",
                port: port,
                configuration: .init(maximumRetries: 0)
            ) { client in
                try await withThrowingTaskGroup(of: AssayClientError?.self) { group in
                    for _ in 0..<6 {
                        group.addTask {
                            do {
                                _ = try await client.analyze(TestServer.longArticle()).summary()
                                return nil
                            } catch let error as AssayClientError {
                                return error
                            }
                        }
                    }
                    var failures: [AssayClientError] = []
                    for try await case let error? in group { failures.append(error) }
                    return failures
                }
            }
            #expect(!failures.isEmpty)
            for failure in failures {
                #expect(failure.code == .resourceExhausted)
                #expect(failure.retryAfter != nil)
                #expect(failure.wasNotProcessed)
            }
            // With retries (waiting retry_after_ms), every call gets through.
            let retrying = AssayClientConfiguration(maximumRetries: 200)
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: retrying) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<3 {
                        group.addTask { _ = try await client.analyze(TestServer.article()).summary() }
                    }
                    try await group.waitForAll()
                }
            }
        }
    }

    @Test func refusedStreamsAreRetriedTransparently() async throws {
        try await TestServer.with(AssayServerConfiguration(port: 0, maximumConcurrentStreams: 1)) { _, port in
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: .init(maximumRetries: 100)) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for name in ["lithium-deal", "copper-market", "cobalt-mine-strike"] {
                        group.addTask { _ = try await client.analyze(TestServer.article(name)).summary() }
                    }
                    try await group.waitForAll()
                }
            }
        }
    }

    @Test func callsAfterShutdownFail() async throws {
        try await TestServer.with { _, port in
            let client = AssayClient(host: "127.0.0.1", port: port)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await client.run() }
                try await #expect(client.health().status == .serving)
                client.beginGracefulShutdown()
                try await group.waitForAll()
            }
            let error = await #expect(throws: AssayClientError.self) { try await client.health() }
            #expect(error?.code == .unavailable)
        }
    }
}

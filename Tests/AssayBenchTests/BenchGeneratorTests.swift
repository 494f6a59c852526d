@testable import AssayCLI
import ArgumentParser
import AssayAnalysis
import AssayClient
import AssayProtocol
import AssayServer
import Foundation
import Logging
import NIOCore
import Testing

/// A transport that answers every call with `events` events, `delay` apart, and stalls once.
struct FakeTransport: BenchTransport {
    let name = "fake"
    var events = 3
    var delay: Duration = .milliseconds(1)
    /// The call of this index sleeps `stall` before its first event.
    var stallAt: Int?
    var stall: Duration = .zero
    let calls = SharedRunState()

    func run(_ request: BenchRequest, onEvent: (BenchEventInfo) -> Void) async throws {
        let index = self.calls.take()
        if index == self.stallAt { try await Task.sleep(for: self.stall) }
        for event in 0..<self.events {
            try await Task.sleep(for: self.delay)
            onEvent(BenchEventInfo(payloadBytes: 10, endsArticle: event == self.events - 1, receivedAt: BenchClock.now()))
        }
    }

    func statusName(of error: any Error) -> String { "UNKNOWN" }
}

@Suite("Load generator")
struct LoadGeneratorTests {
    let requests = BenchWorkload.requests(BenchWorkload.generated(count: 2, bytes: 100), batchSize: nil)

    @Test("closed loop keeps N streams in flight and stops on time")
    func closedLoop() async {
        let transport = FakeTransport()
        let generator = LoadGenerator(
            transport: transport,
            requests: self.requests,
            configuration: LoadGeneratorConfiguration(load: .closed(concurrency: 4), duration: .milliseconds(500), warmup: .milliseconds(100))
        )
        let started = ContinuousClock.now
        let outcome = await generator.run()
        #expect(ContinuousClock.now - started < .seconds(2))
        let recorder = outcome.recorder
        #expect(recorder.streamsStarted > 20)
        #expect(recorder.statuses["OK"] == recorder.streamsSucceeded)
        #expect(recorder.articlesCompleted >= recorder.streamsSucceeded - 4)
        #expect(recorder.firstEvent.summary.p50 >= 0.9)
    }

    @Test("open loop sends at the target rate")
    func openLoopRate() async {
        let generator = LoadGenerator(
            transport: FakeTransport(),
            requests: self.requests,
            configuration: LoadGeneratorConfiguration(load: .open(rate: 200, maximumInFlight: 50), duration: .seconds(1), warmup: .zero)
        )
        let outcome = await generator.run()
        #expect(abs(outcome.recorder.streamsStarted - 200) <= 2)
        // Not `fellBehind`: other suites run in parallel on the same two cooperative threads, and a
        // busy thread can delay a timer past the slack now and then. Most calls leave on time.
        #expect(outcome.recorder.startLag.summary.p50 < 5)
        let report = BenchReport(setup: LoadGeneratorTests.setup(rate: 200), outcome: outcome, creditWait: nil)
        #expect(report.achievedRate > 190 && report.achievedRate < 210)
    }

    @Test("a stall shows in corrected latency, not in raw latency (coordinated omission)")
    func coordinatedOmission() async {
        // One stream in flight at 100/s: a 300 ms stall on call 10 delays the ~30 calls due during it.
        let generator = LoadGenerator(
            transport: FakeTransport(events: 1, delay: .microseconds(100), stallAt: 10, stall: .milliseconds(300)),
            requests: self.requests,
            configuration: LoadGeneratorConfiguration(load: .open(rate: 100, maximumInFlight: 1), duration: .seconds(1), warmup: .zero)
        )
        let outcome = await generator.run()
        let corrected = outcome.recorder.firstEvent.summary
        let raw = outcome.recorder.firstEventUncorrected.summary
        #expect(outcome.fellBehind)
        #expect(corrected.p90 > 100)  // many calls waited behind the stall
        #expect(raw.p90 < 50)  // yet each took well under a millisecond once sent
        #expect(corrected.max >= 290)
        let report = BenchReport(setup: LoadGeneratorTests.setup(rate: 100), outcome: outcome, creditWait: nil)
        #expect(report.saturated == true)
        #expect(report.table().contains("SATURATED"))
    }

    @Test("a transport that never answers is cancelled after the drain timeout")
    func boundedByDrainTimeout() async {
        var configuration = LoadGeneratorConfiguration(load: .closed(concurrency: 2), duration: .milliseconds(200), warmup: .zero)
        configuration.drainTimeout = .milliseconds(200)
        let generator = LoadGenerator(
            transport: FakeTransport(events: 1, delay: .seconds(3600)),
            requests: self.requests,
            configuration: configuration
        )
        let started = ContinuousClock.now
        let outcome = await generator.run()
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(outcome.recorder.statuses["CANCELLED"] == 2)
    }

    static func setup(rate: Double?) -> BenchReport.Setup {
        BenchReport.Setup(
            transport: "fake", server: "nowhere", mode: rate == nil ? "closed" : "open", concurrency: rate == nil ? 4 : nil,
            targetRate: rate, connections: 1, method: "Analyze", batchSize: nil, compression: false,
            receiveWindowBytes: 65_536, articles: 2, meanArticleBytes: 100, durationSeconds: 1, warmupSeconds: 0
        )
    }
}

@Suite("Report")
struct BenchReportTests {
    @Test("saturation rule")
    func saturation() {
        #expect(!BenchReport.isSaturated(target: 100, completedPerSecond: 96, fellBehind: false))
        #expect(BenchReport.isSaturated(target: 100, completedPerSecond: 94, fellBehind: false))
        #expect(BenchReport.isSaturated(target: 100, completedPerSecond: 100, fellBehind: true))
    }

    @Test("table and JSON render every figure")
    func rendering() throws {
        var recorder = BenchRecorder(windowStart: 0, windowEnd: 2_000_000_000)
        var call = recorder.begin(intendedStart: 1_000, actualStart: 2_000)
        recorder.event(BenchEventInfo(payloadBytes: 1_500, endsArticle: true, receivedAt: 5_000_000), of: &call)
        recorder.end(call, status: "OK", at: 5_000_001)
        let failed = recorder.begin(intendedStart: 3_000, actualStart: 3_000)
        recorder.end(failed, status: "RESOURCE_EXHAUSTED", at: 6_000_000)
        let outcome = LoadGenerator<FakeTransport>.Outcome(recorder: recorder, fellBehind: false)
        let report = BenchReport(setup: LoadGeneratorTests.setup(rate: nil), outcome: outcome, creditWait: nil)
        #expect(report.streams == 2 && report.succeeded == 1 && report.articles == 1)
        #expect(report.eventsPerSecond == 0.5)
        #expect(report.saturated == nil)
        #expect(report.timeToFirstEventUncorrected == nil)
        let table = report.table()
        #expect(table.contains("closed loop, 4 streams in flight over 1 connection"))
        #expect(table.contains("compression off, receive window 65536 B, 1 s after 0 s warm-up"))
        #expect(table.contains("status      OK 1, RESOURCE_EXHAUSTED 1"))
        #expect(table.contains("time to first event"))
        #expect(table.contains("credit wait not reported"))
        #expect(table.split(separator: "\n").filter { $0.hasPrefix("     0") || $0.hasPrefix("     1") }.count == 2)
        let json = try report.json()
        let decoded = try JSONDecoder().decode(BenchReport.self, from: Data(json.utf8))
        #expect(decoded == report)
        #expect(json.contains("\"timeToFirstEvent\""))
        #expect(json.contains("\"receiveWindowBytes\" : 65536"))
        #expect(!json.contains("CreditWait"))
    }

    @Test("credit wait: both client-side figures in the table and the JSON")
    func creditWaitRendering() throws {
        let recorder = BenchRecorder(windowStart: 0, windowEnd: 1_000_000_000)
        let outcome = LoadGenerator<FakeTransport>.Outcome(recorder: recorder, fellBehind: false)
        let wait = BenchCreditWait(requests: .milliseconds(1_250), responses: .milliseconds(40))
        let report = BenchReport(setup: LoadGeneratorTests.setup(rate: nil), outcome: outcome, creditWait: wait)
        #expect(report.requestCreditWaitSeconds == 1.25)
        #expect(report.responseCreditExhaustedSeconds == 0.04)
        let table = report.table()
        #expect(table.contains("requests waited 1.250 s for send credit"))
        #expect(table.contains("server out of credit for 0.040 s"))
        let json = try report.json()
        #expect(json.contains("\"requestCreditWaitSeconds\" : 1.25"))
        #expect(json.contains("\"responseCreditExhaustedSeconds\" : 0.04"))
        let earlier = BenchCreditWait(requests: .milliseconds(250), responses: .milliseconds(40))
        #expect(wait.since(earlier) == BenchCreditWait(requests: .seconds(1), responses: .zero))
    }
}

@Suite("assay bench end to end")
struct BenchEndToEndTests {
    @Test("a 2-second run against an in-process server gives a sane report")
    func endToEnd() async throws {
        let server = AssayServer(
            configuration: AssayServerConfiguration(host: "127.0.0.1", port: 0),
            engine: try AnalysisEngine.bundled(),
            logger: Logger(label: "test.server")
        )
        let report = try await server.withRunning { port in
            let command = try BenchCommand.parse([
                "--server", "127.0.0.1:\(port)", "--duration", "2", "--warmup", "0.5",
                "--concurrency", "4", "--connections", "2", "--article-bytes", "1500", "--generated-articles", "4",
            ])
            let requests = try command.workload()
            return try await AssayBenchTransport.withClients(
                endpoint: AssayEndpoint(host: "127.0.0.1", port: port),
                connections: 2,
                configuration: AssayClientConfiguration(compression: true)
            ) { clients in
                await command.measure(AssayBenchTransport(clients: clients), server: "test", requests: requests)
            }
        }
        #expect(report.setup.mode == "closed" && report.setup.connections == 2 && report.setup.articles == 4)
        #expect(report.setup.receiveWindowBytes == 64 << 10)
        #expect(report.streams > 4)
        #expect(report.statuses["OK"] == report.succeeded)
        #expect(report.succeeded >= report.streams - 4)
        #expect(report.articles >= report.succeeded)
        #expect(report.eventsPerSecond > 0 && report.bytesPerSecond > 0)
        #expect(report.timeToFirstEvent.count > 0 && report.timeToFirstEvent.p50 > 0)
        #expect(report.timeToFirstEvent.p50 <= report.timeToSummary.p50)
        #expect(report.timeToSummary.p99 < 2_000)
        #expect(report.timeline.count == 2)
        #expect(report.table().contains("assay bench: assay at test"))
        // Analyze sends one request per stream: never more than the server's window of 64.
        #expect(report.requestCreditWaitSeconds == 0)
        // The Assay client reports how long the server was out of credit: at most every stream for
        // the whole run, warm-up included (4 streams × 2.5 s).
        let exhausted = try #require(report.responseCreditExhaustedSeconds)
        #expect(exhausted >= 0 && exhausted <= 10)
    }

    @Test("refuses a non-loopback address that was not named with --server")
    func refusal() throws {
        #expect(BenchTarget.refusal(host: "10.1.2.3", namedExplicitly: false) != nil)
        #expect(throws: (any Error).self) { try BenchCommand.parse(["--in-process", "--server", "127.0.0.1:1"]) }
        #expect(throws: (any Error).self) { try BenchCommand.parse(["--rate", "0"]) }
    }
}

@Suite("assay bench options")
struct BenchOptionsTests {
    @Test("--api-key, --deadline and --no-compression are the shared call options; no retries")
    func callOptions() throws {
        let command = try BenchCommand.parse(["--api-key", "k1", "--deadline", "2.5", "--no-compression"])
        let configuration = command.clientConfiguration
        #expect(configuration.apiKey == "k1")
        #expect(configuration.defaultDeadline == .milliseconds(2_500))
        #expect(!configuration.compression)
        #expect(configuration.maximumRetries == 0)
        #expect(try BenchCommand.parse([]).clientConfiguration.compression)
        let error = #expect(throws: (any Error).self) { try BenchCommand.parse(["--deadline", "0"]) }
        #expect(error.map { BenchCommand.message(for: $0) } == "--deadline must be a positive number of seconds, at most a year")
        // A deadline too large for a 64-bit nanosecond count is refused, not a crash.
        #expect(throws: (any Error).self) { try BenchCommand.parse(["--deadline", "1e300"]) }
    }

    @Test("--receive-window-bytes reaches the client configuration; without it, the library's default")
    func receiveWindow() throws {
        #expect(try BenchCommand.parse([]).clientConfiguration.receiveWindowBytes == AssayClientConfiguration().receiveWindowBytes)
        for bytes in [1, 1_000, 1 << 30] {
            let command = try BenchCommand.parse(["--receive-window-bytes", "\(bytes)"])
            #expect(command.clientConfiguration.receiveWindowBytes == bytes)
        }
    }

    @Test("--receive-window-bytes outside 1…1073741824 is refused", arguments: ["0", "1073741825"])
    func receiveWindowOutOfRange(value: String) {
        let error = #expect(throws: (any Error).self) { try BenchCommand.parse(["--receive-window-bytes", value]) }
        #expect(error.map { BenchCommand.message(for: $0) } == "--receive-window-bytes must be 1…1073741824")
    }

    @Test("--receive-window-bytes needs a whole number", arguments: ["64K", "1.5", "-1"])
    func receiveWindowNotANumber(value: String) {
        let error = #expect(throws: (any Error).self) { try BenchCommand.parse(["--receive-window-bytes", value]) }
        #expect(error.map { BenchCommand.message(for: $0) }?.contains("--receive-window-bytes") == true)
    }
}

@testable import AssayCLI
import AssayProtocol
import Foundation
import Testing

@Suite("Latency histogram")
struct LatencyHistogramTests {
    @Test("percentiles of 1…1000 ms")
    func percentiles() {
        var histogram = LatencyHistogram()
        for milliseconds in 1...1000 { histogram.record(nanoseconds: UInt64(milliseconds) * 1_000_000) }
        let summary = histogram.summary
        #expect(summary.count == 1000)
        #expect(abs(summary.p50 - 500) <= 1)
        #expect(abs(summary.p90 - 900) <= 1)
        #expect(abs(summary.p99 - 990) <= 1)
        #expect(abs(summary.p999 - 999) <= 1)
        #expect(abs(summary.max - 1000) <= 1)
    }

    @Test("empty histogram summarises to zeros; merging adds counts")
    func emptyAndMerge() {
        var first = LatencyHistogram()
        #expect(first.summary == LatencySummary())
        var second = LatencyHistogram()
        first.record(nanoseconds: 2_000_000)
        second.record(nanoseconds: 4_000_000)
        first.merge(second)
        #expect(first.count == 2)
        #expect(abs(first.summary.max - 4) < 0.01)
    }

    @Test("values past an hour are clamped, not lost")
    func clamping() {
        var histogram = LatencyHistogram()
        histogram.record(nanoseconds: UInt64.max / 2)
        #expect(histogram.count == 1)
    }
}

@Suite("Rate schedule")
struct RateScheduleTests {
    @Test("evenly spaced from the start")
    func spacing() {
        let schedule = RateSchedule(start: 1_000, rate: 4)
        #expect(schedule.intendedStart(of: 0) == 1_000)
        #expect(schedule.intendedStart(of: 1) == 250_001_000)
        #expect(schedule.intendedStart(of: 4) == 1_000_001_000)
        #expect(schedule.interval == 250_000_000)
    }

    @Test("requests due before a time", arguments: [
        (UInt64(0), 0), (UInt64(1), 1), (UInt64(250_000_000), 1), (UInt64(250_000_001), 2), (UInt64(1_000_000_000), 4),
    ])
    func due(time: UInt64, expected: Int) {
        let schedule = RateSchedule(start: 0, rate: 4)
        #expect(schedule.requestsDue(before: time) == expected)
    }

    @Test("a fractional rate keeps its long-run average")
    func fractional() {
        let schedule = RateSchedule(start: 0, rate: 3)
        #expect(schedule.requestsDue(before: 10_000_000_000) == 30)
        #expect(schedule.intendedStart(of: 1) == 333_333_333)
    }
}

@Suite("Recorder and coordinated-omission correction")
struct BenchRecorderTests {
    let second: UInt64 = 1_000_000_000

    @Test("latency counts from the intended start, and raw latency from the actual send")
    func corrected() {
        var recorder = BenchRecorder(windowStart: 0, windowEnd: 10 * second)
        // Meant for t=1 s, sent 300 ms late (the generator was blocked), first event 10 ms after sending.
        var call = recorder.begin(intendedStart: second, actualStart: second + 300_000_000)
        recorder.event(BenchEventInfo(payloadBytes: 100, endsArticle: false, receivedAt: second + 310_000_000), of: &call)
        recorder.event(BenchEventInfo(payloadBytes: 50, endsArticle: true, receivedAt: second + 330_000_000), of: &call)
        recorder.end(call, status: "OK", at: second + 331_000_000)
        #expect(abs(recorder.firstEvent.summary.p50 - 310) < 0.5)
        #expect(abs(recorder.firstEventUncorrected.summary.p50 - 10) < 0.05)
        #expect(abs(recorder.summary.summary.p50 - 330) < 0.5)
        #expect(abs(recorder.summaryUncorrected.summary.p50 - 30) < 0.05)
        #expect(abs(recorder.gaps.summary.p50 - 20) < 0.05)
        #expect(abs(recorder.startLag.summary.p50 - 300) < 0.5)
        #expect(recorder.events == 2)
        #expect(recorder.payloadBytes == 150)
        #expect(recorder.articlesCompleted == 1)
        #expect(recorder.statuses == ["OK": 1])
        #expect(recorder.timeline[1].started == 1 && recorder.timeline[1].completed == 1 && recorder.timeline[1].events == 2)
    }

    @Test("warm-up calls are run but not measured; late events still count as throughput")
    func window() {
        var recorder = BenchRecorder(windowStart: 2 * second, windowEnd: 4 * second)
        #expect(recorder.timeline.count == 2)
        var warm = recorder.begin(intendedStart: second, actualStart: second)
        recorder.event(BenchEventInfo(payloadBytes: 10, endsArticle: true, receivedAt: 2 * second + 5), of: &warm)
        recorder.end(warm, status: "OK", at: 2 * second + 6)
        #expect(recorder.streamsStarted == 0)
        #expect(recorder.firstEvent.count == 0)
        #expect(recorder.statuses.isEmpty)
        #expect(recorder.events == 1)  // arrived inside the window
    }

    @Test("failures are counted by status and on the timeline")
    func failures() {
        var recorder = BenchRecorder(windowStart: 0, windowEnd: 2 * second)
        let call = recorder.begin(intendedStart: 10, actualStart: 10)
        recorder.end(call, status: "DEADLINE_EXCEEDED", at: 3 * second)  // after the window: last second
        #expect(recorder.statuses == ["DEADLINE_EXCEEDED": 1])
        #expect(recorder.streamsSucceeded == 0)
        #expect(recorder.timeline[1].failed == 1)
    }

    @Test("merging adds everything")
    func merge() {
        var first = BenchRecorder(windowStart: 0, windowEnd: second)
        var second = BenchRecorder(windowStart: 0, windowEnd: self.second)
        for recorder in [0, 1] {
            var call = recorder == 0 ? first.begin(intendedStart: 1, actualStart: 1) : second.begin(intendedStart: 1, actualStart: 1)
            let info = BenchEventInfo(payloadBytes: 7, endsArticle: true, receivedAt: 1_000_000)
            if recorder == 0 {
                first.event(info, of: &call)
                first.end(call, status: "OK", at: 2_000_000)
            } else {
                second.event(info, of: &call)
                second.end(call, status: "UNAVAILABLE", at: 2_000_000)
            }
        }
        first.merge(second)
        #expect(first.streamsStarted == 2 && first.events == 2 && first.payloadBytes == 14)
        #expect(first.statuses == ["OK": 1, "UNAVAILABLE": 1])
        #expect(first.firstEvent.count == 2)
        #expect(first.timeline[0].completed == 1 && first.timeline[0].failed == 1)
    }
}

@Suite("Target check")
struct BenchTargetTests {
    @Test("loopback addresses", arguments: ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "LOCALHOST"])
    func loopback(host: String) {
        #expect(BenchTarget.isLoopback(host))
        #expect(BenchTarget.refusal(host: host, namedExplicitly: false) == nil)
    }

    @Test("anything else only when named with --server", arguments: ["10.0.0.1", "192.168.1.2", "example.com", "127.0.0.256", "127.0.0", "128.0.0.1"])
    func other(host: String) {
        #expect(!BenchTarget.isLoopback(host))
        #expect(BenchTarget.refusal(host: host, namedExplicitly: false) != nil)
        #expect(BenchTarget.refusal(host: host, namedExplicitly: true) == nil)
    }
}

@Suite("Workload")
struct BenchWorkloadTests {
    @Test("generated articles are distinct and close to the size asked for", arguments: [200, 2_000, 20_000])
    func generated(bytes: Int) {
        let articles = BenchWorkload.generated(count: 4, bytes: bytes)
        #expect(articles.count == 4)
        #expect(Set(articles.map(\.reference)).count == 4)
        for article in articles {
            #expect(article.body.utf8.count <= bytes)
            #expect(article.body.utf8.count >= bytes / 2)
        }
    }

    @Test("batches group articles with distinct references")
    func batches() {
        let articles = BenchWorkload.generated(count: 5, bytes: 100)
        let requests = BenchWorkload.requests(articles, batchSize: 2)
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.batch && $0.articles.count == 2 })
        #expect(Set(requests[0].articles.map(\.reference)).count == 2)
        let single = BenchWorkload.requests(articles, batchSize: nil)
        #expect(single.count == 5 && single.allSatisfy { !$0.batch && $0.articles.count == 1 })
    }

    @Test("title, blank line, body")
    func parse() {
        let article = ArticleTextFormat.parse("Title\n\nBody one.\n\nBody two.")
        #expect(article.title == "Title")
        #expect(article.body == "Body one.\n\nBody two.")
        #expect(ArticleTextFormat.parse("No title here\nstill body").title.isEmpty)
    }
}

import Foundation

/// The result of a load-generator run, as `assay bench` prints it (a table, or JSON with `--json`).
struct BenchReport: Codable, Sendable, Equatable {
    /// What was run.
    struct Setup: Codable, Sendable, Equatable {
        /// "assay", "grpc", "bare".
        var transport: String
        /// HOST:PORT, or "in-process".
        var server: String
        /// "closed" or "open".
        var mode: String
        /// Streams in flight (closed loop).
        var concurrency: Int?
        /// Target streams per second (open loop).
        var targetRate: Double?
        /// TCP connections.
        var connections: Int
        /// "Analyze" or "AnalyzeBatch".
        var method: String
        /// Articles per AnalyzeBatch stream.
        var batchSize: Int?
        /// Whether compression was negotiated.
        var compression: Bool
        /// The client's receive window per stream in bytes (`AssayClientConfiguration.receiveWindowBytes`);
        /// `nil` when the window is a fixed number of messages.
        var receiveWindowBytes: Int?
        /// Distinct articles in the workload.
        var articles: Int
        /// Mean UTF-8 bytes of an article.
        var meanArticleBytes: Int
        /// Seconds measured.
        var durationSeconds: Double
        /// Seconds of warm-up.
        var warmupSeconds: Double
    }

    /// The run's settings.
    var setup: Setup
    /// Streams sent in the window.
    var streams: Int
    /// Streams that ended OK.
    var succeeded: Int
    /// Articles that ended with a summary.
    var articles: Int
    /// Streams sent per second (actual send times).
    var achievedRate: Double
    /// Whether the server could not keep up with the target rate (open loop only).
    var saturated: Bool?
    /// Events received per second.
    var eventsPerSecond: Double
    /// Event payload bytes received per second.
    var bytesPerSecond: Double
    /// Time to first event, corrected for coordinated omission in open loop.
    var timeToFirstEvent: LatencySummary
    /// Time to first event from the actual send (open loop only; equal to the above in closed loop).
    var timeToFirstEventUncorrected: LatencySummary?
    /// Time to each article's summary.
    var timeToSummary: LatencySummary
    /// Time to summary from the actual send (open loop only).
    var timeToSummaryUncorrected: LatencySummary?
    /// Gaps between consecutive events of a stream.
    var eventGaps: LatencySummary
    /// How late streams were sent against their schedule (open loop only).
    var startLag: LatencySummary?
    /// Outcomes of the measured streams by status.
    var statuses: [String: Int]
    /// Seconds, summed over streams, during which the client had requests ready and no send credit
    /// (warm-up included), when the transport can tell.
    var requestCreditWaitSeconds: Double?
    /// Seconds, summed over streams, during which the server had used up the credit the client
    /// granted and could send nothing until the client read more (warm-up included). The server's
    /// own wait is at most this; it is its `assay_credit_wait_seconds_total` metric.
    var responseCreditExhaustedSeconds: Double?
    /// Per second of the window.
    var timeline: [TimelineSecond]

    /// Builds the report of a run.
    init(setup: Setup, outcome: LoadGenerator<some BenchTransport>.Outcome, creditWait: BenchCreditWait?) {
        let recorder = outcome.recorder
        let seconds = Double(recorder.windowEnd - recorder.windowStart) / 1e9
        let open = setup.mode == "open"
        self.setup = setup
        self.streams = recorder.streamsStarted
        self.succeeded = recorder.streamsSucceeded
        self.articles = recorder.articlesCompleted
        self.achievedRate = Double(recorder.streamsStarted) / seconds
        self.eventsPerSecond = Double(recorder.events) / seconds
        self.bytesPerSecond = Double(recorder.payloadBytes) / seconds
        self.timeToFirstEvent = recorder.firstEvent.summary
        self.timeToSummary = recorder.summary.summary
        self.eventGaps = recorder.gaps.summary
        self.statuses = recorder.statuses
        self.timeline = recorder.timeline
        self.requestCreditWaitSeconds = creditWait.map { $0.requests / .seconds(1) }
        self.responseCreditExhaustedSeconds = creditWait.map { $0.responses / .seconds(1) }
        if open, let target = setup.targetRate {
            self.timeToFirstEventUncorrected = recorder.firstEventUncorrected.summary
            self.timeToSummaryUncorrected = recorder.summaryUncorrected.summary
            self.startLag = recorder.startLag.summary
            self.saturated = Self.isSaturated(
                target: target,
                completedPerSecond: Double(recorder.streamsSucceeded) / seconds,
                fellBehind: outcome.fellBehind
            )
        }
    }

    /// An open-loop run saturated the server when fewer than 95% of the target streams per second
    /// completed, or when a stream was due while every allowed stream was still in flight.
    static func isSaturated(target: Double, completedPerSecond: Double, fellBehind: Bool) -> Bool {
        fellBehind || completedPerSecond < 0.95 * target
    }

    // MARK: Rendering

    /// The report as pretty-printed JSON with sorted keys.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The report as a table for people.
    func table(timeline showTimeline: Bool = true) -> String {
        var lines: [String] = []
        let setup = self.setup
        var load = setup.mode == "open"
            ? "open loop at \(Self.number(setup.targetRate ?? 0)) streams/s"
            : "closed loop, \(setup.concurrency ?? 0) streams in flight"
        load += " over \(setup.connections) connection\(setup.connections == 1 ? "" : "s")"
        let method = setup.method + (setup.batchSize.map { " (\($0) articles per stream)" } ?? "")
        lines.append("assay bench: \(setup.transport) at \(setup.server), \(load)")
        lines.append(
            "  \(method), \(setup.articles) distinct articles of \(setup.meanArticleBytes) bytes on average, "
                + "compression \(setup.compression ? "on" : "off"), "
                + (setup.receiveWindowBytes.map { "receive window \($0) B, " } ?? "")
                + "\(Self.number(setup.durationSeconds)) s after \(Self.number(setup.warmupSeconds)) s warm-up"
        )
        lines.append("")
        var rate = "streams     \(self.streams) sent, \(self.succeeded) OK, \(Self.number(self.achievedRate))/s"
        if let target = setup.targetRate { rate += " (target \(Self.number(target))/s)" }
        if let saturated = self.saturated, saturated { rate += "  SATURATED: the server did not keep up" }
        lines.append(rate)
        lines.append("articles    \(self.articles) summaries")
        lines.append(
            "throughput  \(Self.number(self.eventsPerSecond)) events/s, \(Self.bytes(self.bytesPerSecond))/s of event payload"
        )
        let statuses = self.statuses.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        lines.append("status      " + (statuses.isEmpty ? "none" : statuses.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        if let requests = self.requestCreditWaitSeconds, let responses = self.responseCreditExhaustedSeconds {
            lines.append(
                "credit wait client: requests waited \(Self.seconds3(requests)) s for send credit; "
                    + "server out of credit for \(Self.seconds3(responses)) s (summed over streams, warm-up included)"
            )
        } else {
            lines.append("credit wait not reported by this transport")
        }
        lines.append("")
        lines.append("latency (ms)                   count        p50        p90        p99      p99.9        max")
        func row(_ name: String, _ summary: LatencySummary?) {
            guard let summary else { return }
            let cells = [summary.p50, summary.p90, summary.p99, summary.p999, summary.max].map { Self.pad(Self.milliseconds($0), 11) }
            lines.append(name.padding(toLength: 30, withPad: " ", startingAt: 0) + Self.pad(String(summary.count), 6) + cells.joined())
        }
        let corrected = setup.mode == "open" ? " (corrected)" : ""
        row("time to first event" + corrected, self.timeToFirstEvent)
        row("time to first event (raw)", self.timeToFirstEventUncorrected)
        row("time to summary" + corrected, self.timeToSummary)
        row("time to summary (raw)", self.timeToSummaryUncorrected)
        row("gap between events", self.eventGaps)
        row("send lag behind schedule", self.startLag)
        if showTimeline, !self.timeline.isEmpty {
            lines.append("")
            lines.append("second   sent     OK  failed     events      bytes")
            for second in self.timeline {
                lines.append(
                    Self.pad(String(second.second), 6) + Self.pad(String(second.started), 7) + Self.pad(String(second.completed), 7)
                        + Self.pad(String(second.failed), 8) + Self.pad(String(second.events), 11) + Self.pad(Self.bytes(Double(second.bytes)), 11)
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Seconds to three decimals.
    static func seconds3(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }

    /// A number with at most one decimal, thousands not separated.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// Milliseconds to three decimals below 10 ms, one decimal above.
    static func milliseconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.3f", value) : String(format: "%.1f", value)
    }

    /// Bytes as B, KB, MB or GB (powers of 1,000).
    static func bytes(_ value: Double) -> String {
        switch value {
        case ..<1e3: return "\(Int(value)) B"
        case ..<1e6: return String(format: "%.1f KB", value / 1e3)
        case ..<1e9: return String(format: "%.1f MB", value / 1e6)
        default: return String(format: "%.2f GB", value / 1e9)
        }
    }
}

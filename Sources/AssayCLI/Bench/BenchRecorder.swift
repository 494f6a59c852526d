/// Everything one load-generator worker measured; workers' recorders are merged at the end.
///
/// Times are nanoseconds on ``BenchClock``. A call counts towards the latency figures when its
/// intended start falls inside the measurement window; events and bytes count towards throughput
/// when they arrive inside it.
struct BenchRecorder: Sendable {
    /// Start of the measurement window (the end of the warm-up).
    let windowStart: UInt64
    /// End of the measurement window.
    let windowEnd: UInt64

    /// Time to first event, from the intended start (corrected for coordinated omission in open loop).
    var firstEvent = LatencyHistogram()
    /// Time to first event, from the actual send.
    var firstEventUncorrected = LatencyHistogram()
    /// Time to each article's summary, from the intended start.
    var summary = LatencyHistogram()
    /// Time to each article's summary, from the actual send.
    var summaryUncorrected = LatencyHistogram()
    /// Gaps between consecutive events of one stream.
    var gaps = LatencyHistogram()
    /// How late requests started against their intended time (open loop only).
    var startLag = LatencyHistogram()

    /// Streams whose intended start fell in the window.
    var streamsStarted = 0
    /// Of those, streams that ended OK.
    var streamsSucceeded = 0
    /// Of those, articles that ended with a summary.
    var articlesCompleted = 0
    /// Events that arrived in the window.
    var events = 0
    /// Event payload bytes that arrived in the window.
    var payloadBytes = 0
    /// Outcome of every measured stream by status name ("OK", "DEADLINE_EXCEEDED", …).
    var statuses: [String: Int] = [:]
    /// Per second of the window.
    var timeline: [TimelineSecond]

    /// Creates an empty recorder for the window `[windowStart, windowEnd)`.
    init(windowStart: UInt64, windowEnd: UInt64) {
        precondition(windowEnd > windowStart, "the measurement window must not be empty")
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        let seconds = Int((windowEnd - windowStart + 999_999_999) / 1_000_000_000)
        self.timeline = (0..<seconds).map { TimelineSecond(second: $0) }
    }

    /// The second of the window `time` falls in, or `nil` outside it.
    func second(of time: UInt64) -> Int? {
        guard time >= self.windowStart, time < self.windowEnd else { return nil }
        return Int((time - self.windowStart) / 1_000_000_000)
    }

    /// Whether a call meant to start at `intendedStart` is measured.
    func measures(intendedStart: UInt64) -> Bool { self.second(of: intendedStart) != nil }

    // MARK: Recording a call

    /// One call in progress: created when it is sent, fed each event, finished with its outcome.
    struct Call {
        let intendedStart: UInt64
        let actualStart: UInt64
        let measured: Bool
        var firstEventAt: UInt64?
        var lastEventAt: UInt64?
    }

    /// Starts recording a call meant to start at `intendedStart` and actually sent at `actualStart`.
    mutating func begin(intendedStart: UInt64, actualStart: UInt64) -> Call {
        let measured = self.measures(intendedStart: intendedStart)
        if measured {
            self.streamsStarted += 1
            if actualStart >= intendedStart { self.startLag.record(nanoseconds: actualStart - intendedStart) }
            if let second = self.second(of: actualStart) { self.timeline[second].started += 1 }
        }
        return Call(intendedStart: intendedStart, actualStart: actualStart, measured: measured)
    }

    /// Records an event of `call`.
    mutating func event(_ info: BenchEventInfo, of call: inout Call) {
        let time = info.receivedAt
        if call.measured {
            if call.firstEventAt == nil {
                self.firstEvent.record(nanoseconds: time &- min(time, call.intendedStart))
                self.firstEventUncorrected.record(nanoseconds: time &- min(time, call.actualStart))
            } else if let last = call.lastEventAt {
                self.gaps.record(nanoseconds: time &- min(time, last))
            }
            if info.endsArticle {
                self.articlesCompleted += 1
                self.summary.record(nanoseconds: time &- min(time, call.intendedStart))
                self.summaryUncorrected.record(nanoseconds: time &- min(time, call.actualStart))
            }
        }
        if call.firstEventAt == nil { call.firstEventAt = time }
        call.lastEventAt = time
        if let second = self.second(of: time) {
            self.events += 1
            self.payloadBytes += info.payloadBytes
            self.timeline[second].events += 1
            self.timeline[second].bytes += info.payloadBytes
        }
    }

    /// Records how `call` ended at `time`: `"OK"` or a status name.
    mutating func end(_ call: Call, status: String, at time: UInt64) {
        guard call.measured else { return }
        self.statuses[status, default: 0] += 1
        if status == "OK" { self.streamsSucceeded += 1 }
        let second = self.second(of: time) ?? (time < self.windowStart ? nil : self.timeline.count - 1)
        if let second, second >= 0 {
            if status == "OK" { self.timeline[second].completed += 1 } else { self.timeline[second].failed += 1 }
        }
    }

    // MARK: Merging

    /// Adds everything `other` (a recorder of the same window) measured.
    mutating func merge(_ other: BenchRecorder) {
        precondition(other.windowStart == self.windowStart && other.windowEnd == self.windowEnd, "different windows")
        self.firstEvent.merge(other.firstEvent)
        self.firstEventUncorrected.merge(other.firstEventUncorrected)
        self.summary.merge(other.summary)
        self.summaryUncorrected.merge(other.summaryUncorrected)
        self.gaps.merge(other.gaps)
        self.startLag.merge(other.startLag)
        self.streamsStarted += other.streamsStarted
        self.streamsSucceeded += other.streamsSucceeded
        self.articlesCompleted += other.articlesCompleted
        self.events += other.events
        self.payloadBytes += other.payloadBytes
        for (status, count) in other.statuses { self.statuses[status, default: 0] += count }
        for index in self.timeline.indices {
            self.timeline[index].started += other.timeline[index].started
            self.timeline[index].completed += other.timeline[index].completed
            self.timeline[index].failed += other.timeline[index].failed
            self.timeline[index].events += other.timeline[index].events
            self.timeline[index].bytes += other.timeline[index].bytes
        }
    }
}

/// One second of a run.
struct TimelineSecond: Codable, Sendable, Equatable {
    /// Seconds since the end of the warm-up.
    var second: Int
    /// Streams sent in this second.
    var started = 0
    /// Streams that ended OK in this second.
    var completed = 0
    /// Streams that failed in this second.
    var failed = 0
    /// Events received in this second.
    var events = 0
    /// Event payload bytes received in this second.
    var bytes = 0
}

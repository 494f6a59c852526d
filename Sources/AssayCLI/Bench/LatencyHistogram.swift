import Histogram

/// A latency distribution: an HdrHistogram of microseconds, 3 significant digits, up to an hour.
struct LatencyHistogram: Sendable {
    private(set) var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1,
        highestTrackableValue: 3_600_000_000,
        numberOfSignificantValueDigits: .three
    )

    init() {}

    /// Values recorded.
    var count: UInt64 { self.histogram.totalCount }

    /// Records one latency, given in nanoseconds (kept to the microsecond; values past an hour are clamped).
    mutating func record(nanoseconds: UInt64) {
        let microseconds = min(nanoseconds / 1000, self.histogram.highestTrackableValue)
        _ = self.histogram.record(microseconds)
    }

    /// Adds every value of `other`.
    mutating func merge(_ other: LatencyHistogram) {
        self.histogram.add(other.histogram)
    }

    /// The percentiles a report shows.
    var summary: LatencySummary {
        guard self.count > 0 else { return LatencySummary() }
        func milliseconds(_ microseconds: UInt64) -> Double { Double(microseconds) / 1000 }
        return LatencySummary(
            count: Int(self.count),
            p50: milliseconds(self.histogram.valueAtPercentile(50)),
            p90: milliseconds(self.histogram.valueAtPercentile(90)),
            p99: milliseconds(self.histogram.valueAtPercentile(99)),
            p999: milliseconds(self.histogram.valueAtPercentile(99.9)),
            max: milliseconds(self.histogram.max)
        )
    }
}

/// Percentiles of a latency distribution, in milliseconds.
struct LatencySummary: Codable, Sendable, Equatable {
    /// Values recorded.
    var count = 0
    /// Median.
    var p50 = 0.0
    /// 90th percentile.
    var p90 = 0.0
    /// 99th percentile.
    var p99 = 0.0
    /// 99.9th percentile.
    var p999 = 0.0
    /// Largest value (to the histogram's precision).
    var max = 0.0
}

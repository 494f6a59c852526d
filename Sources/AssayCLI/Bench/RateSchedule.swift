/// When each request of an open-loop run is meant to be sent: evenly spaced at the target rate
/// from the start, whatever happened to the requests before it.
///
/// Latency measured from these intended times, not from when a request was actually sent, is
/// corrected for coordinated omission (as wrk2 does): a server stall delays every request
/// scheduled during it, and the delay shows up in the percentiles instead of vanishing.
struct RateSchedule: Sendable, Equatable {
    /// Nanoseconds (on ``BenchClock``) of request 0.
    var start: UInt64
    /// Requests per second; positive.
    var rate: Double

    /// Creates a schedule; `rate` must be positive and finite.
    init(start: UInt64, rate: Double) {
        precondition(rate > 0 && rate.isFinite, "a rate schedule needs a positive rate")
        self.start = start
        self.rate = rate
    }

    /// Nanoseconds between two requests.
    var interval: Double { 1e9 / self.rate }

    /// The intended send time of request `index` (0-based).
    func intendedStart(of index: Int) -> UInt64 {
        self.start &+ UInt64((Double(index) * 1e9 / self.rate).rounded())
    }

    /// How many requests are due strictly before `time`.
    func requestsDue(before time: UInt64) -> Int {
        guard time > self.start else { return 0 }
        let elapsed = Double(time - self.start)
        var count = Int((elapsed * self.rate / 1e9).rounded(.up))
        // Rounding can be off by one at an exact boundary: settle it with intendedStart itself.
        while count > 0, self.intendedStart(of: count - 1) >= time { count -= 1 }
        while self.intendedStart(of: count) < time { count += 1 }
        return count
    }
}

/// Round-robin choice among endpoints, skipping those ejected after failures.
///
/// A pure value with no clock of its own (the caller passes `now`), so it is tested alone.
struct EndpointPicker: Sendable {
    struct Health: Sendable, Equatable {
        /// Consecutive failures (connect failures and connections that ended with an error).
        var failures = 0
        /// Until when the endpoint is skipped.
        var ejectedUntil: ContinuousClock.Instant?
    }

    enum Choice: Equatable {
        /// Use the endpoint at this index.
        case use(Int)
        /// Every endpoint is ejected; the first returns to service at this instant.
        case waitUntil(ContinuousClock.Instant, Int)
    }

    private(set) var health: [Health]
    private var cursor = 0

    init(count: Int) {
        self.health = Array(repeating: Health(), count: count)
    }

    /// The next endpoint in round-robin order that is not ejected at `now`.
    mutating func next(now: ContinuousClock.Instant) -> Choice {
        let count = self.health.count
        for offset in 0..<count {
            let index = (self.cursor + offset) % count
            if let until = self.health[index].ejectedUntil, until > now { continue }
            self.cursor = (index + 1) % count
            return .use(index)
        }
        let earliest = self.health.indices.min { a, b in
            (self.health[a].ejectedUntil ?? now) < (self.health[b].ejectedUntil ?? now)
        } ?? 0
        return .waitUntil(self.health[earliest].ejectedUntil ?? now, earliest)
    }

    /// Records a failure of the endpoint at `index`: it is ejected for `backoff.delay(afterFailures:)`.
    mutating func recordFailure(_ index: Int, now: ContinuousClock.Instant, backoff: AssayClientConfiguration.Backoff) {
        self.health[index].failures += 1
        self.health[index].ejectedUntil = now + backoff.delay(afterFailures: self.health[index].failures)
    }

    /// Records a successful connection: the endpoint is healthy again.
    mutating func recordSuccess(_ index: Int) {
        self.health[index] = Health()
    }
}

import Synchronization

/// How a load generator paces its calls.
enum BenchLoad: Sendable, Equatable {
    /// Closed loop: this many streams in flight, each sent as soon as the previous one of its worker ended.
    case closed(concurrency: Int)
    /// Open loop: calls sent at this rate (per second) whatever the server does, with at most
    /// `maximumInFlight` streams open; a call that finds them all busy starts late and its latency
    /// counts from when it should have started. A call sent more than 10 ms plus one interval late
    /// marks the run as having fallen behind.
    case open(rate: Double, maximumInFlight: Int)
}

/// The settings of one load-generator run.
struct LoadGeneratorConfiguration: Sendable {
    /// Pacing.
    var load: BenchLoad
    /// How long to measure.
    var duration: Duration
    /// How long to run before measuring (results discarded).
    var warmup: Duration
    /// How long calls still in flight at the end may take to finish before they are cancelled.
    var drainTimeout: Duration = .seconds(5)
}

/// Drives a ``BenchTransport`` with bounded loops that always stop: every worker stops sending at
/// the end of the run, and calls still in flight are cancelled after ``LoadGeneratorConfiguration/drainTimeout``.
struct LoadGenerator<Transport: BenchTransport>: Sendable {
    let transport: Transport
    let requests: [BenchRequest]
    let configuration: LoadGeneratorConfiguration

    /// Creates a generator sending `requests` round-robin.
    init(transport: Transport, requests: [BenchRequest], configuration: LoadGeneratorConfiguration) {
        precondition(!requests.isEmpty, "a load generator needs at least one request")
        self.transport = transport
        self.requests = requests
        self.configuration = configuration
    }

    /// The merged measurements of a run.
    struct Outcome: Sendable {
        var recorder: BenchRecorder
        /// Whether open-loop workers ever found every stream busy when a call was due.
        var fellBehind: Bool
    }

    /// Runs warm-up then measurement; returns when every worker has stopped.
    func run() async -> Outcome {
        let start = BenchClock.now() + 5_000_000  // let every worker get going first
        let windowStart = start + Self.nanoseconds(self.configuration.warmup)
        let windowEnd = windowStart + max(1, Self.nanoseconds(self.configuration.duration))
        let hardStop = windowEnd + Self.nanoseconds(self.configuration.drainTimeout)
        let shared = SharedRunState()
        let workers: Int
        switch self.configuration.load {
        case .closed(let concurrency): workers = max(1, concurrency)
        case .open(_, let maximumInFlight): workers = max(1, maximumInFlight)
        }
        // Workers share a few recorders (a histogram set is ~1 MB; one per worker would cost
        // gigabytes at 10,000 streams in flight): worker w records into stripe w % stripes.
        let stripes = (0..<min(workers, 8)).map { _ in RecorderStripe(windowStart: windowStart, windowEnd: windowEnd) }
        await withTaskGroup(of: Bool.self) { group in
            for worker in 0..<workers {
                let stripe = stripes[worker % stripes.count]
                group.addTask {
                    await self.work(start: start, end: windowEnd, shared: shared, stripe: stripe)
                    return true
                }
            }
            // The watchdog: whatever the transport does, nothing outlives the drain timeout.
            group.addTask {
                try? await BenchClock.sleep(until: hardStop)
                return false
            }
            var finished = 0
            while let isWorker = await group.next() {
                guard isWorker else {
                    group.cancelAll()  // the drain timeout passed: cancel the calls still in flight
                    continue
                }
                finished += 1
                if finished == workers { group.cancelAll() }
            }
        }
        var merged = BenchRecorder(windowStart: windowStart, windowEnd: windowEnd)
        for stripe in stripes { merged.merge(stripe.recorder.withLock { $0 }) }
        return Outcome(recorder: merged, fellBehind: shared.fellBehind)
    }

    /// One worker's loop.
    private func work(
        start: UInt64,
        end: UInt64,
        shared: SharedRunState,
        stripe: RecorderStripe
    ) async {
        switch self.configuration.load {
        case .closed:
            do { try await BenchClock.sleep(until: start) } catch { return }
            while !Task.isCancelled {
                let now = BenchClock.now()
                guard now < end else { return }
                let index = shared.take()
                await self.call(index: index, intendedStart: now, stripe: stripe)
            }
        case .open(let rate, _):
            let schedule = RateSchedule(start: start, rate: rate)
            let slack = 10_000_000 + UInt64(schedule.interval)
            while !Task.isCancelled {
                let index = shared.take()
                let intended = schedule.intendedStart(of: index)
                guard intended < end else { return }
                // Every worker was busy when this call was due: the server is not keeping up (the
                // slack keeps scheduler jitter on a loaded machine from counting as saturation).
                if BenchClock.now() > intended + slack { shared.markBehind() }
                do { try await BenchClock.sleep(until: intended) } catch { return }
                await self.call(index: index, intendedStart: intended, stripe: stripe)
            }
        }
    }

    /// Sends request `index` and records it.
    private func call(index: Int, intendedStart: UInt64, stripe: RecorderStripe) async {
        let request = self.requests[index % self.requests.count]
        let actualStart = BenchClock.now()
        var call = stripe.recorder.withLock { $0.begin(intendedStart: intendedStart, actualStart: actualStart) }
        let status: String
        do {
            try await self.transport.run(request) { info in
                stripe.recorder.withLock { $0.event(info, of: &call) }
            }
            status = "OK"
        } catch {
            status = Task.isCancelled ? "CANCELLED" : self.transport.statusName(of: error)
        }
        let ended = BenchClock.now()
        stripe.recorder.withLock { $0.end(call, status: status, at: ended) }
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds / 1_000_000_000))
    }
}

/// A recorder some workers share.
final class RecorderStripe: Sendable {
    let recorder: Mutex<BenchRecorder>

    init(windowStart: UInt64, windowEnd: UInt64) {
        self.recorder = Mutex(BenchRecorder(windowStart: windowStart, windowEnd: windowEnd))
    }
}

/// What a run's workers share: the request counter and whether the schedule slipped.
final class SharedRunState: Sendable {
    private let index = Atomic<Int>(0)
    private let behind = Atomic<Bool>(false)

    /// The next request index (0, 1, 2, …).
    func take() -> Int { self.index.wrappingAdd(1, ordering: .relaxed).oldValue }

    /// Notes that a call was due while every worker was busy.
    func markBehind() { self.behind.store(true, ordering: .relaxed) }

    /// Whether a call was ever due while every worker was busy.
    var fellBehind: Bool { self.behind.load(ordering: .relaxed) }
}

@testable import AssayClient
import Testing

@Suite struct EndpointPickerTests {
    let backoff = AssayClientConfiguration.Backoff(initial: .seconds(1), maximum: .seconds(8), multiplier: 2, jitter: 0)

    @Test func roundRobin() {
        var picker = EndpointPicker(count: 3)
        let now = ContinuousClock.now
        #expect((0..<6).map { _ in picker.next(now: now) } == [.use(0), .use(1), .use(2), .use(0), .use(1), .use(2)])
    }

    @Test func failedEndpointIsEjectedUntilItsBackoffEnds() {
        var picker = EndpointPicker(count: 2)
        let now = ContinuousClock.now
        picker.recordFailure(0, now: now, backoff: self.backoff)
        #expect((0..<3).map { _ in picker.next(now: now) } == [.use(1), .use(1), .use(1)])
        #expect(picker.next(now: now + .seconds(2)) == .use(0))
    }

    @Test func backoffDoublesWithConsecutiveFailuresAndSuccessResets() {
        var picker = EndpointPicker(count: 1)
        let now = ContinuousClock.now
        picker.recordFailure(0, now: now, backoff: self.backoff)
        #expect(picker.next(now: now) == .waitUntil(now + .seconds(1), 0))
        picker.recordFailure(0, now: now, backoff: self.backoff)
        #expect(picker.next(now: now) == .waitUntil(now + .seconds(2), 0))
        picker.recordSuccess(0)
        #expect(picker.next(now: now) == .use(0))
    }
}

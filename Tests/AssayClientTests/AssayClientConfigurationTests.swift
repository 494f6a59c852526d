import AssayClient
import Testing

@Suite struct AssayClientConfigurationTests {
    @Test func defaults() {
        let configuration = AssayClientConfiguration()
        #expect(configuration.initialCredit == 64)
        #expect(configuration.receiveWindowBytes == 64 << 10)
        #expect(configuration.compression)
        #expect(configuration.apiKey == nil)
        #expect(configuration.defaultDeadline == nil)
        #expect(configuration.maximumRetries == 3)
        #expect(configuration.keepalive == .init(interval: .seconds(30), timeout: .seconds(20)))
    }

    @Test func keepaliveIsClampedToTheProtocolsMinimums() {
        let fast = AssayClientConfiguration.Keepalive(interval: .milliseconds(10), timeout: .zero)
        #expect(fast.interval == .seconds(1))
        #expect(fast.timeout == .milliseconds(1))
        var changed = AssayClientConfiguration.Keepalive()
        changed.interval = .milliseconds(10)
        changed.timeout = .zero
        #expect(changed == fast)
    }

    @Test func creditIsClamped() {
        #expect(AssayClientConfiguration(initialCredit: 0).initialCredit == 2)
        #expect(AssayClientConfiguration(initialCredit: Int.max).initialCredit == Int(Int32.max))
        #expect(AssayClientConfiguration(receiveWindowBytes: 0).receiveWindowBytes == 1)
        #expect(AssayClientConfiguration(receiveWindowBytes: nil).receiveWindowBytes == nil)
    }

    @Test(arguments: [
        ("127.0.0.1:7443", "127.0.0.1", 7443),
        ("localhost:1", "localhost", 1),
        ("[::1]:8080", "::1", 8080),
    ])
    func endpointsParse(text: String, host: String, port: Int) throws {
        let endpoint = try #require(AssayEndpoint(text))
        #expect(endpoint.host == host)
        #expect(endpoint.port == port)
        #expect(endpoint.description == text)
    }

    @Test(arguments: ["127.0.0.1", ":7443", "host:", "host:0", "host:70000", "host:port"])
    func badEndpointsDoNotParse(text: String) {
        #expect(AssayEndpoint(text) == nil)
    }

    @Test func backoffGrowsWithinJitterAndIsCapped() {
        let backoff = AssayClientConfiguration.Backoff(initial: .milliseconds(100), maximum: .seconds(1), multiplier: 2, jitter: 0.2)
        for failures in 1...8 {
            let expected = min(0.1 * Double(1 << (failures - 1)), 1.0)
            let delay = backoff.delay(afterFailures: failures)
            let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
            #expect(seconds >= expected * 0.8 - 1e-9 && seconds <= expected * 1.2 + 1e-9)
        }
    }

    @Test func errorsDescribeThemselvesOnOneLine() {
        let error = AssayClientError(code: .resourceExhausted, message: "analysis queue full", retryAfter: .milliseconds(250))
        #expect(error.description == "RESOURCE_EXHAUSTED: analysis queue full; retry after 250 ms")
        #expect(AssayClientError.Code.deadlineExceeded.description == "DEADLINE_EXCEEDED")
    }
}

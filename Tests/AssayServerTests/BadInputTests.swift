import AssayProtocol
import AssayServer
import NIOCore
import Testing

/// The malformed inputs of PROTOCOL.md §8 not covered elsewhere, each followed by a healthy request
/// on a new connection.
@Suite("Bad input")
struct BadInputTests {
    /// A new connection still gets Health SERVING.
    static func expectHealthy(port: Int) async throws {
        let connection = try await RawConnection.connect(port: port)
        try await connection.call(AssayLimits.Method.health, stream: 1, request: Assay_HealthRequest())
        #expect(try await connection.collect(stream: 1).status.code == .ok)
        await connection.close()
    }

    @Test("credit overflow and CREDIT 0 end the stream with STATUS INTERNAL")
    func creditOverflow() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            let long = String(repeating: sampleBody + "\n", count: 50)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(long), credit: 1)
            try await connection.grantCredit(UInt32(Int32.max), stream: 1)
            let overflow = try await connection.collect(stream: 1).status
            #expect(overflow.code == .internal)
            #expect(overflow.message.contains("flow control"))

            try await connection.call(AssayLimits.Method.analyze, stream: 3, request: article(long), credit: 1)
            try await connection.grantCredit(0, stream: 3)
            #expect(try await connection.collect(stream: 3).status.code == .internal)
            await connection.close()
            try await Self.expectHealthy(port: port)
        }
    }

    @Test("a truncated frame then silence is closed by the keepalive timeout")
    func truncatedThenSilence() async throws {
        var configuration = AssayServerConfiguration()
        configuration.keepaliveInterval = .milliseconds(200)
        configuration.keepaliveTimeout = .milliseconds(200)
        try await withTestServer(configuration) { _, port in
            let connection = try await RawConnection.connect(port: port)
            var partial = ByteBuffer()
            partial.writeMultipleIntegers(UInt32(100), UInt8(0x03), UInt8(0), UInt32(1))
            partial.writeString("only part of the payload")
            try await connection.send(partial)
            // next() returns nil once the server closes the connection, and throws if it never does.
            var goAway: Assay_GoAway?
            while let frame = try await connection.next(timeout: .seconds(5)) {
                if frame.type == .goAway { goAway = try frame.decodePayload(as: Assay_GoAway.self) }
            }
            #expect(goAway?.reason == .timeout)
            try await Self.expectHealthy(port: port)
        }
    }

    @Test("no HELLO within the hello timeout gets GOAWAY TIMEOUT")
    func helloTimeout() async throws {
        var configuration = AssayServerConfiguration()
        configuration.helloTimeout = .milliseconds(200)
        try await withTestServer(configuration) { _, port in
            let silent = try await RawConnection.connect(port: port, hello: nil)
            let goAway = try await silent.expectGoAway()
            #expect(goAway.reason == .timeout)
            try await Self.expectHealthy(port: port)
        }
    }

    @Test("past max_connections a new connection gets GOAWAY OVERLOADED, then a lingering close; the others keep working")
    func connectionLimit() async throws {
        var configuration = AssayServerConfiguration()
        configuration.maximumConnections = 2
        try await withTestServer(configuration) { _, port in
            let first = try await RawConnection.connect(port: port)
            let second = try await RawConnection.connect(port: port)
            let connecting = ContinuousClock.now
            let third = try await RawConnection.connect(port: port, hello: nil)
            // Its HELLO crosses the GOAWAY, and it never closes: the server drops the HELLO, then
            // closes at the linger deadline (1 s).
            try await third.sendPreface()
            let refusal = try #require(try await third.next())
            #expect(refusal.type == .goAway)
            let goAway = try refusal.decodePayload(as: Assay_GoAway.self)
            #expect(goAway.reason == .overloaded)
            #expect(goAway.code == .unavailable)
            #expect(try await third.next() == nil)
            let lingered = ContinuousClock.now - connecting
            #expect(lingered >= .seconds(1) && lingered < .seconds(5))
            try await first.call(AssayLimits.Method.health, stream: 1, request: Assay_HealthRequest())
            #expect(try await first.collect(stream: 1).status.code == .ok)
            await first.close()
            await second.close()
            // Room again once they are gone.
            try await Task.sleep(for: .milliseconds(100))
            try await Self.expectHealthy(port: port)
        }
    }
}

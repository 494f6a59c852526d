import AssayProtocol
import AssayServer
import NIOCore
import Testing

/// Keepalive, ping strikes, idle timeout and the end of the shutdown grace period (PROTOCOL.md §6).
@Suite("Keepalive and timeouts")
struct KeepaliveTests {
    @Test("a silent connection is pinged; answering keeps it, silence closes it with GOAWAY TIMEOUT")
    func keepalive() async throws {
        var configuration = AssayServerConfiguration()
        // Generous timeout: on a loaded machine the test's PONG may take a while to be scheduled.
        configuration.keepaliveInterval = .milliseconds(300)
        configuration.keepaliveTimeout = .seconds(2)
        configuration.idleTimeout = nil
        try await withTestServer(configuration) { _, port in
            let connection = try await RawConnection.connect(port: port)
            let ping = try #require(try await connection.next(timeout: .seconds(3)))
            #expect(ping.type == .ping)
            try await connection.send(AssayFrame(type: .pong, streamID: 0, payload: ping.payload))
            let second = try #require(try await connection.next(timeout: .seconds(3)))
            #expect(second.type == .ping)
            // No answer this time.
            let goAway = try await connection.expectGoAway()
            #expect(goAway.reason == .timeout)
        }
    }

    @Test("pinging too often earns strikes; the third gets GOAWAY ENHANCE_YOUR_CALM")
    func pingStrikes() async throws {
        // Pings closer than 10 s are strikes: a loaded machine cannot space four quick pings apart.
        var configuration = AssayServerConfiguration()
        configuration.minimumPingInterval = .seconds(10)
        try await withTestServer(configuration) { _, port in
            let connection = try await RawConnection.connect(port: port)
            var ping = Assay_Ping()
            for round in 1...3 {
                ping.opaque = UInt64(round)
                try await connection.send(try AssayFrame(type: .ping, streamID: 0, message: ping))
                #expect(try await connection.next()?.type == .pong, "ping \(round) is still answered")
            }
            ping.opaque = 4
            try await connection.send(try AssayFrame(type: .ping, streamID: 0, message: ping))
            let goAway = try await connection.expectGoAway()
            #expect(goAway.reason == .enhanceYourCalm)
            #expect(goAway.message == "too_many_pings")
        }
    }

    @Test("a connection with no open stream past the idle timeout gets GOAWAY TIMEOUT")
    func idleTimeout() async throws {
        var configuration = AssayServerConfiguration()
        // Long enough that a loaded machine opens the first call in time, short enough to wait for.
        configuration.idleTimeout = .seconds(1)
        configuration.keepaliveInterval = nil
        try await withTestServer(configuration) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.call(AssayLimits.Method.health, stream: 1, request: Assay_HealthRequest())
            #expect(try await connection.collect(stream: 1).status.code == .ok)
            let goAway = try await connection.expectGoAway()
            #expect(goAway.reason == .timeout)
            #expect(goAway.lastStreamID == 1)
        }
    }

    @Test("HelloAck announces the keepalive interval and idle timeout")
    func announcedLimits() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port, hello: nil)
            var bytes = ByteBuffer(bytes: AssayFrame.connectionPreface)
            AssayFrameEncoder.encode(try AssayFrame(type: .hello, streamID: 0, message: Assay_Hello.standard), into: &bytes)
            try await connection.send(bytes)
            let ack = try #require(try await connection.next()).decodePayload(as: Assay_HelloAck.self)
            #expect(ack.version == 1)
            #expect(ack.limits.keepaliveIntervalMs == 30_000)
            #expect(ack.limits.idleTimeoutMs == 300_000)
            #expect(ack.limits.initialStreamCredit == 64)
            #expect(ack.compression == .none)
            await connection.close()
        }
    }

    @Test("past the grace period, streams still running end with STATUS CANCELLED")
    func gracePeriodEnds() async throws {
        var configuration = AssayServerConfiguration()
        configuration.shutdownGracePeriod = .milliseconds(300)
        try await withTestServer(configuration) { server, port in
            let connection = try await RawConnection.connect(port: port)
            let long = String(repeating: sampleBody + "\n", count: 30)
            // Credit 1 and never more: the stream cannot finish by itself.
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(long), credit: 1)
            #expect(try await connection.next()?.type == .message)
            server.beginGracefulShutdown()
            var status: Assay_Status?
            while let frame = try await connection.next() {
                if frame.type == .status { status = try frame.decodePayload(as: Assay_Status.self) }
            }
            #expect(status?.code == .cancelled)
        }
    }
}

import AssayClient
import AssayProtocol
import NIOCore
import Testing

@Suite(.timeLimit(.minutes(1))) struct ScriptedServerTests {
    @Test func serverPingIsAnsweredWithPongEchoingThePayload() async throws {
        let echoed = Shared<[UInt8]?>(nil)
        try await ScriptedServer.with(script: { _, connection in
            try await connection.handshake()
            try await connection.send([AssayFrame(type: .ping, streamID: 0, payload: ByteBuffer(bytes: [9, 1, 2, 3, 4, 5, 6, 7, 8]))])
            var openID: UInt32?
            while let frame = try await connection.next() {
                switch frame.type {
                case .pong: echoed.set(Array(buffer: frame.payload))
                case .open: openID = frame.streamID
                case .message: if let openID { try await connection.serveHealth(openID) }
                default: break
                }
            }
        }) { port in
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                _ = try await client.health()
                for _ in 0..<100 where echoed.get() == nil { try await Task.sleep(for: .milliseconds(10)) }
            }
        }
        #expect(echoed.get() == [9, 1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func keepalivePingsAfterSilenceAndAnAnsweredConnectionLives() async throws {
        let announced = Shared<UInt32?>(nil)
        let pings = Shared(0)
        try await ScriptedServer.with(script: { _, connection in
            announced.set(try await connection.handshake().limits.keepaliveIntervalMs)
            var openID: UInt32?
            while let frame = try await connection.next() {
                switch frame.type {
                case .ping:
                    pings.set(pings.get() + 1)
                    try await connection.send([AssayFrame(type: .pong, streamID: 0, payload: frame.payload)])
                    // Answer the call only after two PINGs: the client kept the silent connection.
                    if pings.get() == 2, let openID { try await connection.serveHealth(openID) }
                case .open: openID = frame.streamID
                default: break
                }
            }
        }) { port in
            let configuration = AssayClientConfiguration(keepalive: .init(interval: .seconds(1), timeout: .seconds(1)))
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                try await #expect(client.health().status == .serving)
            }
        }
        #expect(announced.get() == 1000)
        #expect(pings.get() >= 2)
    }

    @Test func keepaliveClosesAConnectionWhosePingGoesUnanswered() async throws {
        try await ScriptedServer.with(script: { _, connection in
            try await connection.handshake()
            // Reads (so the client's writes succeed) but never answers: a server that hangs.
            while try await connection.next() != nil {}
        }) { port in
            let configuration = AssayClientConfiguration(
                maximumRetries: 0, keepalive: .init(interval: .seconds(1), timeout: .milliseconds(500))
            )
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                let start = ContinuousClock.now
                let error = await #expect(throws: AssayClientError.self) { try await client.health() }
                #expect(error?.code == .unavailable)
                #expect(error?.message.contains("no PONG to the keepalive PING within the timeout (500 ms)") == true, "\(error?.message ?? "")")
                #expect(ContinuousClock.now - start < .seconds(20), "closed by keepalive, not by a test timeout")
            }
        }
    }

    @Test func withoutKeepaliveTheClientAnnouncesZero() async throws {
        let announced = Shared<UInt32?>(nil)
        try await ScriptedServer.with(script: { _, connection in
            announced.set(try await connection.handshake().limits.keepaliveIntervalMs)
            guard let open = try await connection.next(.open) else { return }
            try await connection.serveHealth(open.streamID)
            while try await connection.next() != nil {}
        }) { port in
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: .init(keepalive: nil)) { client in
                try await #expect(client.health().status == .serving)
            }
        }
        #expect(announced.get() == 0)
    }

    @Test func aPeerThatDoesNotSpeakAssayIsNamedAsSuch() async throws {
        try await ScriptedServer.with(script: { _, connection in
            _ = try await connection.next()
            try await connection.outbound.write(ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"))
            try await connection.closeLingering()
        }) { port in
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: .init(connectionAttempts: 1)) { client in
                let error = await #expect(throws: AssayClientError.self) { try await client.health() }
                #expect(error?.code == .unavailable)
                #expect(error?.isServerUnreachable == true)
                #expect(error?.message.hasPrefix("server at 127.0.0.1:\(port) does not speak the Assay protocol") == true, "\(error?.message ?? "")")
            }
        }
    }

    @Test func streamAboveGoAwayLastStreamIDIsRetriedOnANewConnection() async throws {
        try await ScriptedServer.with(script: { index, connection in
            try await connection.handshake()
            guard let open = try await connection.next(.open) else { return }
            if index == 0 {
                try await connection.goAway(.shutdown, .unavailable)
                return
            }
            try await connection.serveHealth(open.streamID)
            while try await connection.next() != nil {}
        }) { port in
            try await withAssayClient(host: "127.0.0.1", port: port) { client in
                try await #expect(client.health().status == .serving)
            }
        }
    }

    @Test func goAwayFailsUnprocessedStreamsWithItsCodeWhenRetriesAreOff() async throws {
        try await ScriptedServer.with(script: { _, connection in
            try await connection.handshake()
            _ = try await connection.next(.open)
            try await connection.goAway(.enhanceYourCalm, .resourceExhausted)
        }) { port in
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: .init(maximumRetries: 0)) { client in
                let error = await #expect(throws: AssayClientError.self) { try await client.health() }
                #expect(error?.code == .resourceExhausted)
                #expect(error?.wasNotProcessed == true)
            }
        }
    }

    @Test func messagesBeyondTheGrantedCreditAreRefusedWithCancel() async throws {
        let cancelled = Shared(false)
        try await ScriptedServer.with(script: { _, connection in
            try await connection.handshake()
            guard let open = try await connection.next(.open) else { return }
            var event = Assay_AnalysisEvent()
            event.event = .accepted(Assay_ArticleAccepted())
            // The client granted 2; send 3 without waiting for CREDIT.
            try await connection.send((0..<3).map { _ in try AssayFrame(type: .message, streamID: open.streamID, message: event) })
            if try await connection.next(.cancel) != nil { cancelled.set(true) }
        }) { port in
            let configuration = AssayClientConfiguration(initialCredit: 2)
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                let events = try await client.analyze(TestServer.article())
                // Let all three arrive before consuming (no CREDIT can be sent in between).
                try await Task.sleep(for: .milliseconds(200))
                let error = await #expect(throws: AssayClientError.self) { for try await _ in events {} }
                #expect(error?.code == .resourceExhausted)
                for _ in 0..<100 where !cancelled.get() { try await Task.sleep(for: .milliseconds(10)) }
            }
        }
        #expect(cancelled.get())
    }

    @Test func frameForAStreamNeverOpenedClosesTheConnection() async throws {
        let sawGoAway = Shared(false)
        try await ScriptedServer.with(script: { _, connection in
            try await connection.handshake()
            guard let open = try await connection.next(.open) else { return }
            try await connection.send([AssayFrame(type: .status, streamID: open.streamID + 100, message: Assay_Status())])
            if try await connection.next(.goAway) != nil { sawGoAway.set(true) }
        }) { port in
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: .init(maximumRetries: 0)) { client in
                let error = await #expect(throws: AssayClientError.self) { try await client.health() }
                #expect(error?.code == .unavailable)
            }
        }
        #expect(sawGoAway.get())
    }

    @Test func helloAnsweredWithGoAwayOverloadedIsUnavailable() async throws {
        try await ScriptedServer.with(script: { _, connection in
            try await connection.goAway(.overloaded, .unavailable, message: "server at max_connections")
        }) { port in
            let configuration = AssayClientConfiguration(connectionAttempts: 1)
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                let error = await #expect(throws: AssayClientError.self) { try await client.health() }
                #expect(error?.code == .unavailable)
                #expect(error?.message.contains("connection limit") == true)
            }
        }
    }

    @Test func serverThatNeverAnswersHelloTimesOut() async throws {
        try await ScriptedServer.with(script: { _, connection in
            while try await connection.next() != nil {}
        }) { port in
            let configuration = AssayClientConfiguration(connectTimeout: .milliseconds(200), connectionAttempts: 1)
            try await withAssayClient(host: "127.0.0.1", port: port, configuration: configuration) { client in
                let error = await #expect(throws: AssayClientError.self) { try await client.health() }
                #expect(error?.code == .unavailable)
            }
        }
    }
}

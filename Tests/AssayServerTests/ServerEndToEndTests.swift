import AssayProtocol
import AssayServer
import NIOCore
import SwiftProtobuf
import Testing

/// The server over real TCP on loopback, driven by a bare protocol peer.
@Suite("Server end to end")
struct ServerEndToEndTests {
    @Test("Analyze streams accepted → entities → summary, then STATUS OK")
    func analyzeOrder() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(sampleBody, title: "China and gallium", reference: "ref-7"))
            let (messages, status) = try await connection.collect(stream: 1)
            #expect(status.code == .ok)
            let events = try messages.map { try $0.decodePayload(as: Assay_AnalysisEvent.self) }
            #expect(events.first.map { if case .accepted = $0.event { true } else { false } } == true)
            #expect(events.last.map { if case .summary = $0.event { true } else { false } } == true)
            #expect(events.map(\.sequence) == Array(0..<UInt32(events.count)))
            #expect(events.allSatisfy { $0.reference == "ref-7" })
            let found = events.compactMap { event -> String? in
                if case .entity(let found) = event.event { found.entity.id } else { nil }
            }
            #expect(Set(found).isSuperset(of: ["country:CN", "country:US", "commodity:gallium", "person:xi-jinping"]))
            #expect(Set(found).count == found.count, "each entity is found once")
            guard case .summary(let summary) = events.last?.event else { return }
            #expect(summary.entities.first?.id == "country:CN")
            #expect(!summary.versions.knowledgeBase.isEmpty)
            await connection.close()
        }
    }

    @Test("the server never sends more MESSAGE frames than the client granted")
    func creditRespected() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(sampleBody), credit: 1)
            let first = try #require(try await connection.next())
            #expect(first.type == .message)
            // Nothing more arrives while the credit is used up.
            await #expect(throws: TestFailure.self) { try await connection.next(timeout: .milliseconds(300)) }
            try await connection.grantCredit(2, stream: 1)
            #expect(try await connection.next()?.type == .message)
            #expect(try await connection.next()?.type == .message)
            await #expect(throws: TestFailure.self) { try await connection.next(timeout: .milliseconds(300)) }
            try await connection.grantCredit(1000, stream: 1)
            let (_, status) = try await connection.collect(stream: 1)
            #expect(status.code == .ok)
            await connection.close()
        }
    }

    @Test("unknown method → UNIMPLEMENTED; the connection keeps working")
    func unknownMethod() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.call("/assay.v1.Assay/Nope", stream: 1, request: Assay_HealthRequest())
            #expect(try await connection.collect(stream: 1).status.code == .unimplemented)
            try await connection.call(AssayLimits.Method.health, stream: 3, request: Assay_HealthRequest())
            let (messages, status) = try await connection.collect(stream: 3)
            #expect(status.code == .ok)
            #expect(try messages.first?.decodePayload(as: Assay_HealthResponse.self).status == .serving)
            await connection.close()
        }
    }

    @Test("bad articles get INVALID_ARGUMENT with a clear message")
    func badArticles() async throws {
        var configuration = AssayServerConfiguration()
        configuration.maximumArticleBytes = 1000
        try await withTestServer(configuration) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article("   \n "))
            let empty = try await connection.collect(stream: 1).status
            #expect(empty.code == .invalidArgument)
            #expect(empty.message.contains("empty"))

            try await connection.call(AssayLimits.Method.analyze, stream: 3, request: article(String(repeating: "a", count: 1001)))
            let large = try await connection.collect(stream: 3).status
            #expect(large.code == .invalidArgument)
            #expect(large.message.contains("1000"))
            #expect(large.details["max_article_bytes"] == "1000")

            var open = Assay_Open()
            open.method = AssayLimits.Method.analyze
            // Field 3 (body) as a length-delimited string holding invalid UTF-8.
            let invalidUTF8 = ByteBuffer(bytes: [0x1A, 0x02, 0xC3, 0x28])
            try await connection.send(
                try AssayFrame(type: .open, streamID: 5, message: open),
                AssayFrame(type: .message, flags: .endStream, streamID: 5, payload: invalidUTF8)
            )
            let notUTF8 = try await connection.collect(stream: 5).status
            #expect(notUTF8.code == .invalidArgument)

            try await connection.send(
                try AssayFrame(type: .open, streamID: 7, message: open),
                AssayFrame(type: .message, flags: .endStream, streamID: 7, payload: ByteBuffer(bytes: [0xFF, 0xFF, 0xFF]))
            )
            #expect(try await connection.collect(stream: 7).status.code == .invalidArgument)
            await connection.close()
        }
    }

    @Test("a garbage preface gets GOAWAY PROTOCOL_ERROR; other connections keep working")
    func garbagePreface() async throws {
        try await withTestServer { _, port in
            let good = try await RawConnection.connect(port: port)
            let bad = try await RawConnection.connect(port: port, hello: nil)
            try await bad.send(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
            let goAway = try await bad.expectGoAway()
            #expect(goAway.reason == .protocolError)
            try await good.call(AssayLimits.Method.health, stream: 1, request: Assay_HealthRequest())
            #expect(try await good.collect(stream: 1).status.code == .ok)
            await good.close()
        }
    }

    @Test("a frame length of 4 GiB gets GOAWAY FRAME_TOO_LARGE")
    func hugeFrame() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            var header = ByteBuffer()
            header.writeMultipleIntegers(UInt32.max, UInt8(0x03), UInt8(0), UInt32(1))
            try await connection.send(header)
            let goAway = try await connection.expectGoAway()
            #expect(goAway.reason == .frameTooLarge)
            #expect(goAway.code == .resourceExhausted)
        }
    }

    @Test("a wrong or missing API key gets GOAWAY UNAUTHENTICATED; the right one works")
    func apiKeys() async throws {
        var configuration = AssayServerConfiguration()
        configuration.apiKeys = ["s3cret-key"]
        try await withTestServer(configuration) { _, port in
            for token in ["", "wrong", "s3cret-ke", "s3cret-key2"] {
                let connection = try await RawConnection.connect(port: port, hello: nil)
                var hello = Assay_Hello.standard
                hello.authToken = token
                var bytes = ByteBuffer(bytes: AssayFrame.connectionPreface)
                AssayFrameEncoder.encode(try AssayFrame(type: .hello, streamID: 0, message: hello), into: &bytes)
                try await connection.send(bytes)
                let goAway = try await connection.expectGoAway()
                #expect(goAway.reason == .unauthenticated, "token '\(token)'")
                #expect(goAway.code == .unauthenticated)
            }
            var hello = Assay_Hello.standard
            hello.authToken = "s3cret-key"
            let connection = try await RawConnection.connect(port: port, hello: hello)
            try await connection.call(AssayLimits.Method.health, stream: 1, request: Assay_HealthRequest())
            #expect(try await connection.collect(stream: 1).status.code == .ok)
            await connection.close()
        }
    }

    @Test("stream id reuse and frames for never-opened streams are protocol errors")
    func streamIDRules() async throws {
        try await withTestServer { _, port in
            let reuse = try await RawConnection.connect(port: port)
            try await reuse.call(AssayLimits.Method.health, stream: 3, request: Assay_HealthRequest())
            _ = try await reuse.collect(stream: 3)
            try await reuse.call(AssayLimits.Method.health, stream: 1, request: Assay_HealthRequest())
            #expect(try await reuse.expectGoAway().reason == .protocolError)

            let neverOpened = try await RawConnection.connect(port: port)
            try await neverOpened.grantCredit(1, stream: 9)
            #expect(try await neverOpened.expectGoAway().reason == .protocolError)

            let even = try await RawConnection.connect(port: port)
            try await even.call(AssayLimits.Method.health, stream: 2, request: Assay_HealthRequest())
            #expect(try await even.expectGoAway().reason == .protocolError)
        }
    }

    @Test("frames for a closed stream are dropped silently")
    func closedStreamFrames() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.call(AssayLimits.Method.health, stream: 1, request: Assay_HealthRequest())
            _ = try await connection.collect(stream: 1)
            var credit = Assay_Credit()
            credit.messages = 5
            try await connection.send(
                try AssayFrame(type: .credit, streamID: 1, message: credit),
                try AssayFrame(type: .cancel, streamID: 1, message: Assay_Cancel()),
                AssayFrame(type: .message, flags: .endStream, streamID: 1, payload: ByteBuffer(string: "late"))
            )
            try await connection.call(AssayLimits.Method.health, stream: 3, request: Assay_HealthRequest())
            #expect(try await connection.collect(stream: 3).status.code == .ok)
            await connection.close()
        }
    }

    @Test("CANCEL stops the stream: nothing more is sent for it, the connection lives")
    func cancel() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            let long = String(repeating: sampleBody + "\n", count: 200)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(long), credit: 1)
            #expect(try await connection.next()?.type == .message)
            try await connection.send(try AssayFrame(type: .cancel, streamID: 1, message: Assay_Cancel()))
            try await connection.grantCredit(1000, stream: 1)
            try await connection.call(AssayLimits.Method.health, stream: 3, request: Assay_HealthRequest())
            let (_, status) = try await connection.collect(stream: 3)
            #expect(status.code == .ok)
            await #expect(throws: TestFailure.self) {
                while let frame = try await connection.next(timeout: .milliseconds(300)) {
                    if frame.streamID == 1 { return }
                }
            }
            await connection.close()
        }
    }

    @Test("an expired deadline ends the call with DEADLINE_EXCEEDED")
    func deadline() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            let long = String(repeating: sampleBody + "\n", count: 300)
            // Credit 1 stalls the stream after one event, so the 200 ms deadline must fire.
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(long), credit: 1, timeoutMs: 200)
            let (_, status) = try await connection.collect(stream: 1)
            #expect(status.code == .deadlineExceeded)
            await connection.close()
        }
    }

    @Test("too many concurrent streams → UNAVAILABLE, marked retryable")
    func streamLimit() async throws {
        var configuration = AssayServerConfiguration()
        configuration.maximumConcurrentStreams = 2
        try await withTestServer(configuration) { _, port in
            let connection = try await RawConnection.connect(port: port)
            let long = String(repeating: sampleBody + "\n", count: 50)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(long), credit: 1)
            try await connection.call(AssayLimits.Method.analyze, stream: 3, request: article(long), credit: 1)
            try await connection.call(AssayLimits.Method.analyze, stream: 5, request: article(long), credit: 1)
            let status = try await connection.collect(stream: 5).status
            #expect(status.code == .unavailable)
            #expect(status.details["retryable"] == "true")
            await connection.close()
        }
    }

    @Test("PING gets a PONG with the same payload")
    func ping() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            var ping = Assay_Ping()
            ping.opaque = 0xDEAD_BEEF_0102_0304
            let frame = try AssayFrame(type: .ping, streamID: 0, message: ping)
            try await connection.send(frame)
            let pong = try #require(try await connection.next())
            #expect(pong.type == .pong)
            #expect(pong.payload == frame.payload)
            await connection.close()
        }
    }

    @Test("compression: compressed requests are inflated, responses come compressed")
    func compression() async throws {
        try await withTestServer { _, port in
            var hello = Assay_Hello.standard
            hello.acceptCompression = [.zlib, .none]
            let connection = try await RawConnection.connect(port: port, hello: hello)
            let compression = AssayMessageCompression()
            var open = Assay_Open()
            open.method = AssayLimits.Method.analyze
            open.initialCredit = 10_000  // more than the events of the article: no CREDIT needed
            var request = try AssayFrame(
                type: .message,
                flags: .endStream,
                streamID: 1,
                message: article(String(repeating: sampleBody + "\n", count: 10))
            )
            compression.compressIfWorthwhile(&request)
            #expect(request.flags.contains(.compressed))
            try await connection.send(try AssayFrame(type: .open, streamID: 1, message: open), request)
            let (messages, status) = try await connection.collect(stream: 1)
            #expect(status.code == .ok)
            #expect(messages.contains { $0.flags.contains(.compressed) })
            let events = try messages.map { try compression.decompress($0, limit: 4 << 20).decodePayload(as: Assay_AnalysisEvent.self) }
            #expect(events.last.map { if case .summary = $0.event { true } else { false } } == true)

            // A zip bomb fails its stream only.
            var bomb = AssayFrame(type: .message, flags: .endStream, streamID: 3, payload: ByteBuffer(repeating: 0x20, count: 8 << 20))
            compression.compressIfWorthwhile(&bomb)
            try await connection.send(try AssayFrame(type: .open, streamID: 3, message: open), bomb)
            #expect(try await connection.collect(stream: 3).status.code == .resourceExhausted)
            try await connection.call(AssayLimits.Method.health, stream: 5, request: Assay_HealthRequest())
            #expect(try await connection.collect(stream: 5).status.code == .ok)
            await connection.close()
        }
    }

    @Test("AnalyzeBatch tags every event with its article's reference; bad articles fail alone")
    func batch() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            var open = Assay_Open()
            open.method = AssayLimits.Method.analyzeBatch
            try await connection.send(
                try AssayFrame(type: .open, streamID: 1, message: open),
                try AssayFrame(type: .message, streamID: 1, message: article(sampleBody, reference: "a")),
                try AssayFrame(type: .message, streamID: 1, message: article("", reference: "empty")),
                try AssayFrame(type: .message, flags: .endStream, streamID: 1, message: article("Chile and lithium.", reference: "b"))
            )
            let (messages, status) = try await connection.collect(stream: 1)
            #expect(status.code == .ok)
            let events = try messages.map { try $0.decodePayload(as: Assay_AnalysisEvent.self) }
            #expect(Set(events.map(\.reference)) == ["a", "empty", "b"])
            for reference in ["a", "b"] {
                let own = events.filter { $0.reference == reference }
                #expect(own.map(\.sequence) == Array(0..<UInt32(own.count)))
                #expect(own.last.map { if case .summary = $0.event { true } else { false } } == true)
            }
            let failed = events.filter { $0.reference == "empty" }
            #expect(failed.count == 1)
            #expect(failed.first.map { if case .failed(let f) = $0.event { f.code == .invalidArgument } else { false } } == true)
            await connection.close()
        }
    }

    @Test("AnalyzeBatch results arrive in completion order: a short article overtakes a long one")
    func batchCompletionOrder() async throws {
        var configuration = AssayServerConfiguration()
        configuration.analysisConcurrency = 2
        try await withTestServer(configuration) { _, port in
            let connection = try await RawConnection.connect(port: port)
            var open = Assay_Open()
            open.method = AssayLimits.Method.analyzeBatch
            open.initialCredit = 100_000
            let long = (0..<3000).map { "Paragraph \($0): China and the United States argued over gallium in Geneva." }.joined(separator: "\n")
            try await connection.send(
                try AssayFrame(type: .open, streamID: 1, message: open),
                try AssayFrame(type: .message, streamID: 1, message: article(long, reference: "long")),
                try AssayFrame(type: .message, flags: .endStream, streamID: 1, message: article("Chile and lithium.", reference: "short"))
            )
            let (messages, status) = try await connection.collect(stream: 1)
            #expect(status.code == .ok)
            let summaries = try messages.map { try $0.decodePayload(as: Assay_AnalysisEvent.self) }
                .filter { if case .summary = $0.event { true } else { false } }
                .map(\.reference)
            #expect(summaries == ["short", "long"])
            await connection.close()
        }
    }

    @Test("ServerInfo reports versions, limits and methods")
    func serverInfo() async throws {
        try await withTestServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.call(AssayLimits.Method.serverInfo, stream: 1, request: Assay_ServerInfoRequest())
            let (messages, status) = try await connection.collect(stream: 1)
            #expect(status.code == .ok)
            let info = try #require(try messages.first?.decodePayload(as: Assay_ServerInfoResponse.self))
            #expect(info.protocolVersion == 1)
            #expect(info.methods.sorted() == AssayLimits.Method.all.sorted())
            #expect(info.limits.maxArticleBytes == 1 << 20)
            #expect(!info.versions.engine.isEmpty && !info.versions.knowledgeBase.isEmpty)
            await connection.close()
        }
    }

    @Test("graceful shutdown: GOAWAY(SHUTDOWN), the in-flight stream still completes")
    func gracefulShutdown() async throws {
        try await withTestServer { server, port in
            let connection = try await RawConnection.connect(port: port)
            let long = String(repeating: sampleBody + "\n", count: 30)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(long), credit: 1)
            #expect(try await connection.next()?.type == .message)
            server.beginGracefulShutdown()
            var sawGoAway = false
            var status: Assay_Status?
            try await connection.grantCredit(10_000, stream: 1)
            while let frame = try await connection.next() {
                if frame.type == .goAway {
                    let goAway = try frame.decodePayload(as: Assay_GoAway.self)
                    #expect(goAway.reason == .shutdown)
                    #expect(goAway.lastStreamID == 1)
                    sawGoAway = true
                }
                if frame.type == .status { status = try frame.decodePayload(as: Assay_Status.self) }
            }
            #expect(sawGoAway)
            #expect(status?.code == .ok)
        }
    }
}

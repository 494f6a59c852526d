import AssayAnalysis
import AssayProtocol
import AssayServer
import Logging
import NIOCore
import ServiceLifecycle
import SwiftProtobuf
import Testing

/// Many streams, slow consumers and shutdown under load, over real TCP on loopback.
@Suite("Server under load")
struct ServerLoadTests {
    @Test("1,000 concurrent streams over 10 connections all complete")
    func thousandStreams() async throws {
        var configuration = AssayServerConfiguration()
        configuration.queueCapacity = 1_000
        try await withTestServer(configuration) { _, port in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        let connection = try await RawConnection.connect(port: port)
                        var bytes = ByteBuffer()
                        for index in 0..<100 {
                            let stream = UInt32(2 * index + 1)
                            var open = Assay_Open()
                            open.method = AssayLimits.Method.analyze
                            open.initialCredit = 1_000
                            AssayFrameEncoder.encode(try AssayFrame(type: .open, streamID: stream, message: open), into: &bytes)
                            let request = article("Chile and China signed a lithium deal \(index).", reference: "\(index)")
                            AssayFrameEncoder.encode(
                                try AssayFrame(type: .message, flags: .endStream, streamID: stream, message: request),
                                into: &bytes
                            )
                        }
                        try await connection.send(bytes)
                        var ok = 0
                        var statuses = 0
                        while statuses < 100, let frame = try await connection.next(timeout: .seconds(60)) {
                            guard frame.type == .status else { continue }
                            statuses += 1
                            if try frame.decodePayload(as: Assay_Status.self).code == .ok { ok += 1 }
                        }
                        await connection.close()
                        return ok
                    }
                }
                var completed = 0
                for try await ok in group { completed += ok }
                #expect(completed == 1_000)
            }
        }
    }

    @Test("a client that grants no credit stalls only itself; others proceed")
    func slowConsumer() async throws {
        try await withTestServer { _, port in
            let stalled = try await RawConnection.connect(port: port)
            let long = String(repeating: sampleBody + "\n", count: 400)
            try await stalled.call(AssayLimits.Method.analyze, stream: 1, request: article(long), credit: 1)
            #expect(try await stalled.next()?.type == .message)

            let other = try await RawConnection.connect(port: port)
            for index in 0..<5 {
                let stream = UInt32(2 * index + 1)
                try await other.call(AssayLimits.Method.analyze, stream: stream, request: article(sampleBody), credit: 1_000)
                #expect(try await other.collect(stream: stream).status.code == .ok)
            }
            // The stalled stream got nothing more: its producer is suspended, not buffering.
            await #expect(throws: TestFailure.self) { try await stalled.next(timeout: .milliseconds(200)) }
            await other.close()
            await stalled.close()
        }
    }

    @Test("graceful shutdown with 50 streams in flight loses none")
    func shutdownUnderLoad() async throws {
        var configuration = AssayServerConfiguration()
        configuration.shutdownGracePeriod = .seconds(60)
        try await withTestServer(configuration) { server, port in
            let body = String(repeating: sampleBody + "\n", count: 20)
            try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for _ in 0..<5 {
                    let connection = try await RawConnection.connect(port: port)
                    var bytes = ByteBuffer()
                    for index in 0..<10 {
                        var open = Assay_Open()
                        open.method = AssayLimits.Method.analyze
                        open.initialCredit = 10_000
                        let stream = UInt32(2 * index + 1)
                        AssayFrameEncoder.encode(try AssayFrame(type: .open, streamID: stream, message: open), into: &bytes)
                        AssayFrameEncoder.encode(
                            try AssayFrame(type: .message, flags: .endStream, streamID: stream, message: article(body)),
                            into: &bytes
                        )
                    }
                    try await connection.send(bytes)
                    group.addTask {
                        var summaries = 0
                        var ok = 0
                        var sawGoAway = false
                        while let frame = try await connection.next(timeout: .seconds(60)) {
                            switch frame.type {
                            case .message:
                                if case .summary = try frame.decodePayload(as: Assay_AnalysisEvent.self).event { summaries += 1 }
                            case .status:
                                if try frame.decodePayload(as: Assay_Status.self).code == .ok { ok += 1 }
                            case .goAway:
                                sawGoAway = try frame.decodePayload(as: Assay_GoAway.self).lastStreamID == 19
                            default:
                                break
                            }
                        }
                        return (min(summaries, ok), sawGoAway)
                    }
                }
                // Every stream is open; shut down while they run.
                try await Task.sleep(for: .milliseconds(50))
                server.beginGracefulShutdown()
                var completed = 0
                var goAways = 0
                for try await (done, sawGoAway) in group {
                    completed += done
                    goAways += sawGoAway ? 1 : 0
                }
                #expect(completed == 50)
                #expect(goAways == 5)
            }
        }
    }

    @Test("withRunning drains the server and rethrows when its body throws")
    func withRunningRethrows() async throws {
        let server = AssayServer(configuration: AssayServerConfiguration(port: 0), engine: sharedEngine, logger: Logger(label: "test"))
        var boundPort = 0
        await #expect(throws: TestFailure.self) {
            try await server.withRunning { port in
                boundPort = port
                throw TestFailure("the body failed")
            }
        }
        #expect(boundPort > 0)
        // The listener is closed: connecting now fails.
        await #expect(throws: (any Error).self) { _ = try await RawConnection.connect(port: boundPort, hello: nil) }
    }

    @Test("in a ServiceGroup, graceful shutdown drains the server and run() returns")
    func serviceGroup() async throws {
        var configuration = AssayServerConfiguration()
        configuration.port = 0
        let server = AssayServer(configuration: configuration, engine: sharedEngine, logger: Logger(label: "test"))
        let group = ServiceGroup(services: [server], logger: Logger(label: "test.group"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try await server.listeningAddress.port!
            let connection = try await RawConnection.connect(port: port)
            try await connection.call(AssayLimits.Method.analyze, stream: 1, request: article(sampleBody), credit: 1_000)
            // Shut down once the stream is known to be running (its first event arrived), so the
            // server has accepted it; a stream opened after GOAWAY would rightly be refused.
            let first = try #require(try await connection.next())
            #expect(first.type == .message && first.streamID == 1)
            await group.triggerGracefulShutdown()
            let (messages, status) = try await connection.collect(stream: 1)
            #expect(status.code == .ok)
            #expect(!messages.isEmpty)
            try await tasks.waitForAll()
        }
    }
}

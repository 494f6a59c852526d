import AssayAnalysis
import AssayProtocol
import CoreMetrics
import Logging
import NIOCore
import SwiftProtobuf

/// Runs the calls of one connection: Analyze, AnalyzeBatch, Health and ServerInfo.
struct CallHandler: Sendable {
    let runtime: ServerRuntime
    let session: ConnectionSession
    let connection: ConnectionState
    let logger: Logger

    private enum Outcome: Sendable {
        /// The call ended; `held` are its last MESSAGE frames, written together with its STATUS.
        case finished(StreamFailure?, held: [AssayFrame]?)
        case cancelled
        case deadlineExceeded
    }

    /// Runs `call` to its STATUS, racing it against the client's CANCEL and the deadline.
    func run(_ call: Call) async {
        let context = call.context
        let started = ContinuousClock.now
        defer { self.runtime.metrics.recordCall(call.method, duration: ContinuousClock.now - started) }
        let outcome = await withTaskGroup(of: Outcome.self) { group -> Outcome in
            group.addTask {
                var held: [AssayFrame]? = []
                do {
                    try await self.perform(call, held: &held)
                    return .finished(nil, held: held)
                } catch let failure as StreamFailure {
                    return .finished(failure, held: held)
                } catch {
                    return context.isCancelled
                        ? .cancelled : .finished(StreamFailure(code: .cancelled, message: "\(error)"), held: held)
                }
            }
            group.addTask {
                await context.waitForCancellation()
                return .cancelled
            }
            if let deadline = call.deadline {
                group.addTask {
                    do {
                        try await Task.sleep(for: deadline)
                        return .deadlineExceeded
                    } catch {
                        return .cancelled
                    }
                }
            }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            return first
        }
        let status: StreamFailure?
        var held: [AssayFrame]?
        switch outcome {
        case .cancelled:
            self.logger.debug("stream cancelled", metadata: ["assay.stream.id": "\(context.streamID)"])
            return
        case .deadlineExceeded:
            status = StreamFailure(code: .deadlineExceeded, message: "deadline exceeded")
        case .finished(let failure, let last):
            if context.isCancelled { return }
            status = failure
            held = last
        }
        self.runtime.metrics.recordStatus(status?.code ?? .ok)
        if let status {
            self.logger.info(
                "stream failed",
                metadata: [
                    "assay.stream.id": "\(context.streamID)", "assay.method": "\(call.method)",
                    "assay.status": "\(status.code)", "assay.error": "\(status.message)",
                ]
            )
        }
        // One write for the last events and the STATUS: an Analyze call's final step costs one
        // write (and one syscall) instead of two.
        try? await self.connection.writer.writeStatus(status, streamID: context.streamID, after: held ?? [])
    }

    /// Runs the call's method. `held` receives the frames of an Analyze call's final step (the
    /// one ending with the summary), which the caller writes together with STATUS (see ``produceEvents``).
    private func perform(_ call: Call, held: inout [AssayFrame]?) async throws {
        switch call.method {
        case AssayLimits.Method.analyze:
            let article: Assay_Article = try await self.request(call.context)
            try self.validate(article)
            var sequence: UInt32 = 0
            try await self.analyze(article, context: call.context, sequence: &sequence, held: &held)
        case AssayLimits.Method.analyzeBatch:
            try await self.analyzeBatch(call.context)
        case AssayLimits.Method.health:
            let request: Assay_HealthRequest = try await self.request(call.context)
            guard request.service.isEmpty || request.service == "assay.v1.Assay" else {
                throw StreamFailure(code: .notFound, message: "unknown service \(request.service)")
            }
            var response = Assay_HealthResponse()
            response.status = self.runtime.isDraining ? .draining : .serving
            try await self.send([response], context: call.context)
        case AssayLimits.Method.serverInfo:
            let _: Assay_ServerInfoRequest = try await self.request(call.context)
            try await self.send([self.runtime.serverInfo()], context: call.context)
        default:
            throw StreamFailure(code: .unimplemented, message: "unknown method \(call.method)")
        }
    }

    /// The single request message of a unary or server-streaming call.
    private func request<M: SwiftProtobuf.Message>(_ context: StreamContext) async throws -> M {
        for await input in context.inbox {
            switch input {
            case .message(let payload, _):
                do {
                    return try M(serializedBuffer: payload)
                } catch {
                    throw StreamFailure(code: .invalidArgument, message: "request is not a valid \(M.protoMessageName): \(error)")
                }
            case .end:
                throw StreamFailure(code: .invalidArgument, message: "missing request message")
            case .failure(let failure):
                throw failure
            }
        }
        throw CancellationError()
    }

    private func validate(_ article: Assay_Article) throws(StreamFailure) {
        guard article.language.isEmpty || article.language == "en" else {
            throw StreamFailure(code: .invalidArgument, message: "unsupported language \(article.language); only en is supported")
        }
        let limit = self.runtime.configuration.maximumArticleBytes
        guard article.body.utf8.count <= limit else {
            throw StreamFailure(
                code: .invalidArgument,
                message: "article body is \(article.body.utf8.count) bytes; max_article_bytes is \(limit)",
                details: ["max_article_bytes": "\(limit)"]
            )
        }
        let blank = article.title.allSatisfy(\.isWhitespace) && article.body.allSatisfy(\.isWhitespace)
        guard !blank else { throw StreamFailure(code: .invalidArgument, message: "empty article: no title and no body") }
    }

    /// Analyses one article, sending its events as credit allows (see ``produceEvents`` for `held`).
    private func analyze(
        _ article: Assay_Article,
        context: StreamContext,
        sequence: inout UInt32,
        held: inout [AssayFrame]?
    ) async throws {
        let queuedAt = ContinuousClock.now
        guard try await self.runtime.limiter.acquire() else {
            throw StreamFailure(
                code: .resourceExhausted,
                message: "analysis queue is full",
                retryAfterMilliseconds: 100,
                details: ["retryable": "true", "limit": "queue_capacity"]
            )
        }
        do {
            try await self.produceEvents(
                article,
                context: context,
                queuedAt: queuedAt,
                sequence: &sequence,
                held: &held
            )
        } catch {
            await self.runtime.limiter.release()
            throw error
        }
        await self.runtime.limiter.release()
        self.runtime.metrics.articlesAnalysed.increment()
    }

    /// Runs the server's event producer over `article` and sends every step it hands over.
    /// `sequence` counts the events sent (for a `failed` event after a partial article). With a
    /// non-nil `held`, the frames of the step that ends the article (its last event is `summary` or
    /// `failed`) are not written but left in `held`, for the caller to write with STATUS; should the
    /// producer send anything after it, they are written first. A nil `held` writes every step.
    private func produceEvents(
        _ article: Assay_Article,
        context: StreamContext,
        queuedAt: ContinuousClock.Instant,
        sequence: inout UInt32,
        held: inout [AssayFrame]?
    ) async throws {
        let eventContext = AssayEventContext(queuedAt: queuedAt, startedAt: .now, versions: self.runtime.versions)
        let compression = self.makeCompression()  // one zlib stream for the whole article
        let holdsFinalStep = held != nil
        do {
            try await self.runtime.producer.produceEvents(for: article, context: eventContext) { batch in
                if let frames = held, !frames.isEmpty {
                    try await self.connection.writer.write(frames)
                    held = []
                }
                let last = try await self.sendFrames(
                    count: batch.count, context: context, compression: compression,
                    holdingLast: holdsFinalStep && batch.endsArticle
                ) { try batch.frame(at: $0, streamID: context.streamID) }
                if holdsFinalStep { held = last }
                sequence += UInt32(clamping: batch.count)
            }
        } catch let error as StreamFailure {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch {
            if context.isCancelled || Task.isCancelled { throw CancellationError() }
            throw StreamFailure(code: .internal, message: "event producer failed: \(error)")
        }
    }

    /// Analyses every article of the stream concurrently (at most twice the analysis concurrency
    /// per stream at once, and the server-wide limiter still applies); events of different articles
    /// interleave, each tagged with its article's reference. A bad article becomes a `failed` event.
    private func analyzeBatch(_ context: StreamContext) async throws {
        let window = ServerRuntime.announcedInitialCredit
        let maximumInFlight = max(2, self.runtime.configuration.analysisConcurrency * 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            var consumed = 0
            var inFlight = 0
            defer { group.cancelAll() }
            for await input in context.inbox {
                let payload: ByteBuffer
                let endStream: Bool
                switch input {
                case .message(let buffer, let end):
                    (payload, endStream) = (buffer, end)
                case .end:
                    try await group.waitForAll()
                    return
                case .failure(let failure):
                    throw failure
                }
                if payload.readableBytes == 0 && endStream {
                    try await group.waitForAll()
                    return
                }
                let article: Assay_Article
                do {
                    article = try Assay_Article(serializedBuffer: payload)
                } catch {
                    throw StreamFailure(code: .invalidArgument, message: "request is not a valid assay.v1.Article: \(error)")
                }
                consumed += 1
                if consumed >= window / 2 {
                    try await self.grantRequests(consumed, context: context)
                    consumed = 0
                }
                if inFlight >= maximumInFlight {
                    try await group.next()
                    inFlight -= 1
                }
                inFlight += 1
                group.addTask {
                    var sequence: UInt32 = 0
                    var held: [AssayFrame]? = nil
                    do {
                        try self.validate(article)
                        try await self.analyze(article, context: context, sequence: &sequence, held: &held)
                    } catch let failure as StreamFailure {
                        let event = EventMapping.failure(failure, reference: article.reference, sequence: sequence)
                        try await self.send([event], context: context)
                    }
                }
                if endStream {
                    try await group.waitForAll()
                    return
                }
            }
            throw CancellationError()
        }
    }

    /// Grants the client `messages` more request MESSAGEs on the stream.
    private func grantRequests(_ messages: Int, context: StreamContext) async throws {
        let open = try self.connection.withStream(context.streamID) { entry -> Bool in
            entry.machine.grantInbound(messages)
            return entry.machine.state == .open
        }
        guard open == true else { return }
        var credit = Assay_Credit()
        credit.messages = UInt32(messages)
        try await self.connection.writer.write([AssayFrame(type: .credit, streamID: context.streamID, message: credit)])
    }

    /// Sends `messages` as MESSAGE frames, as many per write as the stream's credit allows,
    /// waiting for CREDIT when it runs out.
    private func send(_ messages: [some SwiftProtobuf.Message], context: StreamContext) async throws {
        try await self.sendFrames(count: messages.count, context: context, compression: self.makeCompression()) { index in
            try AssayFrame(type: .message, streamID: context.streamID, message: messages[index])
        }
    }

    /// Sends `count` MESSAGE frames made by `frame`, as many per write as the stream's credit
    /// allows, waiting for CREDIT when it runs out; compresses them with `compression` (see
    /// ``makeCompression()``).
    /// - Returns: With `holdingLast`, the frames of the last write, not written; otherwise none.
    @discardableResult
    private func sendFrames(
        count: Int,
        context: StreamContext,
        compression: AssayMessageCompression?,
        holdingLast: Bool = false,
        frame: (Int) throws -> AssayFrame
    ) async throws -> [AssayFrame] {
        var index = 0
        while index < count {
            let granted = try await context.takeCredit(upTo: count - index)
            var frames: [AssayFrame] = []
            frames.reserveCapacity(granted)
            for position in index..<(index + granted) {
                var message = try frame(position)
                compression?.compressIfWorthwhile(&message)
                frames.append(message)
            }
            index += granted
            self.connection.resetPingStrikes()
            if holdingLast && index == count { return frames }
            try await self.connection.writer.write(frames)
        }
        return []
    }

    /// A compressor for one call's (or one batch article's) messages when HELLO settled
    /// compression, else nil. Not shared between tasks: zlib streams are not thread-safe.
    private func makeCompression() -> AssayMessageCompression? {
        self.session.compresses ? AssayMessageCompression(minimumCompressSize: self.session.minimumCompressSize) : nil
    }
}

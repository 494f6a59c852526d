public import AssayAnalysis
public import AssayProtocol
public import NIOCore

/// What produces the events of each article a call submits. By default the server runs its
/// ``AssayEngineEventProducer`` (the analysis engine); give ``AssayServer`` another producer to
/// serve something else over the same protocol, for example recorded events in a transport benchmark.
///
/// The server calls ``produceEvents(for:context:send:)`` once per article (the article of Analyze, or
/// each article of AnalyzeBatch) after it has validated the article and taken an analysis slot
/// (``AssayServerConfiguration/analysisConcurrency``, ``AssayServerConfiguration/queueCapacity``).
/// Everything the protocol guarantees stays with the server: `send` writes a step's events as one
/// batch of MESSAGE frames, as fast as the stream's credit allows (it waits for CREDIT, so a slow
/// client slows the producer down), and the server ends the stream with STATUS afterwards.
///
/// A producer's contract:
/// - call `send` once per step (a paragraph, say), in order; each step is written to the socket in
///   one write, so the first step should be small when time to first event matters (the step that
///   ends an Analyze call is written together with its STATUS);
/// - number the events of an article `sequence` 0, 1, 2, … and tag them with the article's
///   `reference`; the last event is a `summary`;
/// - run CPU-heavy work off the event loop (the call runs in a task of its own), and check for
///   cancellation between steps: `send` throws `CancellationError` once the call is cancelled;
/// - an error thrown other than `CancellationError` ends the stream with STATUS INTERNAL (Analyze)
///   or a `failed` event (AnalyzeBatch).
public protocol AssayEventProducer: Sendable {
    /// Produces the events of `article`, handing them to `send` one step at a time.
    /// - Parameters:
    ///   - article: The validated article (its language is `en` or empty, its body within
    ///     ``AssayServerConfiguration/maximumArticleBytes``, not blank).
    ///   - context: How long the article waited for its slot, and the versions to report.
    ///   - send: Writes one step's events; returns once they are handed to the connection.
    func produceEvents(
        for article: Assay_Article,
        context: AssayEventContext,
        send: (AssayEventBatch) async throws -> Void
    ) async throws
}

/// What the server tells an ``AssayEventProducer`` about one article.
public struct AssayEventContext: Sendable {
    /// When the article arrived (before it waited for an analysis slot).
    public var queuedAt: ContinuousClock.Instant
    /// When its slot was granted (production starts now).
    public var startedAt: ContinuousClock.Instant
    /// The versions the server reports (engine, knowledge base, model, lexicon, scorer).
    public var versions: Assay_Versions

    /// Creates a context.
    public init(queuedAt: ContinuousClock.Instant, startedAt: ContinuousClock.Instant, versions: Assay_Versions) {
        self.queuedAt = queuedAt
        self.startedAt = startedAt
        self.versions = versions
    }
}

/// One step of an article's events, in order.
public enum AssayEventBatch: Sendable {
    /// Events as messages: the server serialises them.
    case events([Assay_AnalysisEvent])
    /// Events already serialised, each buffer one `assay.v1.AnalysisEvent` (a replay, a cache): the
    /// server frames the bytes as they are, without parsing them.
    case serialized([ByteBuffer])

    /// How many events the step holds.
    public var count: Int {
        switch self {
        case .events(let events): events.count
        case .serialized(let payloads): payloads.count
        }
    }

    /// Whether the step's last event ends the article (`summary` or `failed`).
    var endsArticle: Bool {
        switch self {
        case .events(let events): events.last?.endsArticle ?? false
        case .serialized(let payloads):
            payloads.last?.withUnsafeReadableBytes { Assay_AnalysisEvent.endsArticle(serialized: $0) } ?? false
        }
    }

    /// The MESSAGE frame of the step's event at `index` on stream `streamID`.
    func frame(at index: Int, streamID: UInt32) throws -> AssayFrame {
        switch self {
        case .events(let events): try AssayFrame(type: .message, streamID: streamID, message: events[index])
        case .serialized(let payloads): AssayFrame(type: .message, streamID: streamID, payload: payloads[index])
        }
    }
}

/// The default producer: runs the analysis engine over the article and sends each paragraph's
/// events as one step (accepted, entities, risk updates, then the summary).
public struct AssayEngineEventProducer: AssayEventProducer {
    /// The engine that analyses every article.
    public let engine: AnalysisEngine

    /// Creates the producer for `engine`.
    public init(engine: AnalysisEngine) {
        self.engine = engine
    }

    /// Analyses `article` paragraph by paragraph, yielding between paragraphs so that a long
    /// article never holds a cooperative-pool thread for its whole analysis.
    public func produceEvents(
        for article: Assay_Article,
        context: AssayEventContext,
        send: (AssayEventBatch) async throws -> Void
    ) async throws {
        var analysis = self.engine.analysis(
            of: ArticleInput(reference: article.reference, title: article.title, body: article.body)
        )
        var sequence: UInt32 = 0
        var timings = Assay_Timings()
        timings.queuedUs = Self.microseconds(context.startedAt - context.queuedAt)
        while let events = analysis.next() {
            try Task.checkCancellation()
            await Task.yield()
            timings.analysisUs = Self.microseconds(ContinuousClock.now - context.startedAt)
            var messages: [Assay_AnalysisEvent] = []
            messages.reserveCapacity(events.count)
            for event in events {
                messages.append(
                    EventMapping.event(
                        event,
                        reference: article.reference,
                        sequence: sequence,
                        versions: context.versions,
                        timings: timings
                    )
                )
                sequence += 1
            }
            try await send(.events(messages))
        }
    }

    static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds)) * 1_000_000 + UInt64(max(0, attoseconds / 1_000_000_000_000))
    }
}

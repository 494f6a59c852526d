/// The analysis engine: turns articles into entity events, paragraph by paragraph.
///
/// Pure Swift, no I/O. Thread-safe and immutable once built: share one engine and create an
/// ``ArticleAnalysis`` per article.
public final class AnalysisEngine: Sendable {
    /// The engine's own version, reported with every result.
    public static let version = "assay-engine-0.1.0"

    public let knowledgeBase: KnowledgeBase
    let recognizers: [any NameRecognizer]
    /// The risk model; nil turns risk scoring off.
    public let riskModel: RiskModel?
    /// The trained tagger's version, when the engine uses one.
    public let modelVersion: String?

    /// Creates an engine over a knowledge base, the recognisers for names it does not know (by
    /// default the cue-based rules alone) and a risk model (none by default).
    public init(
        knowledgeBase: KnowledgeBase,
        recognizers: [any NameRecognizer]? = nil,
        riskModel: RiskModel? = nil,
        modelVersion: String? = nil
    ) {
        self.knowledgeBase = knowledgeBase
        self.recognizers = recognizers ?? [CueBasedNameRecognizer(knowledgeBase: knowledgeBase)]
        self.riskModel = riskModel
        self.modelVersion = modelVersion
    }

    /// The engine the server ships: the bundled knowledge base and risk model, the listed
    /// organisations (first: an exact listed name beats the cue rules' guess, "British Airways said"
    /// is no person), the cue rules and, unless `tagger` is false, the bundled trained tagger.
    /// - Throws: ``KnowledgeBaseError`` or ``NERModelError`` naming the resource that failed to load.
    public static func bundled(tagger: Bool = true) throws -> AnalysisEngine {
        let knowledgeBase = try KnowledgeBase.bundled()
        let riskModel = try RiskModel.bundled()
        var recognizers: [any NameRecognizer] = [
            try ListedOrganizationRecognizer.bundled(), CueBasedNameRecognizer(knowledgeBase: knowledgeBase),
        ]
        var modelVersion: String?
        if tagger {
            let model = try NERModel.bundled()
            recognizers.append(TaggedNameRecognizer(model: model))
            modelVersion = model.version
        }
        return AnalysisEngine(
            knowledgeBase: knowledgeBase,
            recognizers: recognizers,
            riskModel: riskModel,
            modelVersion: modelVersion
        )
    }

    /// Starts analysing one article; call ``ArticleAnalysis/next()`` until it returns nil.
    public func analysis(of article: ArticleInput) -> ArticleAnalysis {
        ArticleAnalysis(engine: self, article: article)
    }

    /// Analyses a whole article at once and returns every event.
    public func analyze(_ article: ArticleInput) -> [AnalysisEvent] {
        var analysis = self.analysis(of: article)
        var events: [AnalysisEvent] = []
        while let step = analysis.next() {
            events.append(contentsOf: step)
        }
        return events
    }
}

/// The incremental analysis of one article.
///
/// Each call to ``next()`` analyses one paragraph (the title first) and returns the events it
/// produced: the first call also returns `accepted`, the last returns the `summary`. Between
/// calls the caller may pause (to wait for flow-control credit) or stop (on cancellation).
/// Deterministic: the same article always gives the same events in the same order.
public struct ArticleAnalysis: Sendable {
    private let titleBytes: [UInt8]
    private let bodyBytes: [UInt8]
    private let paragraphs: [Paragraph]
    private var nextParagraph = 0
    private var started = false
    private var finished = false
    private var resolver: ArticleEntityResolver
    private var repetitions: [Repetition] = []
    private var seenParagraphs: [UInt64: TextSpan] = [:]
    private var seenSentences: [UInt64: TextSpan] = [:]
    private var sentenceCount = 0
    private var tokenCount = 0
    private var risk: ArticleRiskScorer?

    init(engine: AnalysisEngine, article: ArticleInput) {
        self.titleBytes = Array(article.title.utf8)
        self.bodyBytes = Array(article.body.utf8)
        let title = self.titleBytes.withUnsafeBufferPointer { TextSegmentation.paragraphs(of: $0, field: .title) }
        let body = self.bodyBytes.withUnsafeBufferPointer { TextSegmentation.paragraphs(of: $0, field: .body) }
        // A multi-line title is one paragraph.
        if let first = title.first, let last = title.last {
            self.paragraphs = [Paragraph(field: .title, index: 0, span: TextSpan(field: .title, start: first.span.start, end: last.span.end))] + body
        } else {
            self.paragraphs = body
        }
        self.resolver = ArticleEntityResolver(knowledgeBase: engine.knowledgeBase, recognizers: engine.recognizers)
        self.risk = engine.riskModel.map { ArticleRiskScorer(model: $0, knowledgeBaseVersion: engine.knowledgeBase.version) }
        self.previewBodyForTitleInCapitals()
    }

    /// A title in capitals ("CHINA CURBS GALLIUM EXPORTS") is analysed first, before the body that
    /// writes its words in their usual case; so when the title has no small ASCII letter, the
    /// recognisers are shown the body's sentences first (one extra tokenisation of the body, only
    /// for such titles).
    private mutating func previewBodyForTitleInCapitals() {
        guard self.paragraphs.first?.field == .title,
            NERTruecaser.mayBeInCapitals(self.titleBytes)
        else { return }
        for paragraph in self.paragraphs where paragraph.field == .body {
            self.bodyBytes.withUnsafeBufferPointer { text in
                let tokens = Tokenizer().tokenize(text, in: paragraph.span.start..<paragraph.span.end)
                let sentences = TextSegmentation.sentences(of: tokens, in: paragraph, firstIndex: 0)
                for sentence in sentences { self.resolver.preview(tokens, sentence: sentence.tokens) }
            }
        }
    }

    /// Analyses the next paragraph and returns its events, or nil when the analysis is complete.
    public mutating func next() -> [AnalysisEvent]? {
        guard !self.finished else { return nil }
        var events: [AnalysisEvent] = []
        if !self.started {
            self.started = true
            events.append(
                .accepted(
                    articleID: Self.contentHash(self.titleBytes, self.bodyBytes),
                    titleBytes: self.titleBytes.count,
                    bodyBytes: self.bodyBytes.count
                )
            )
        }
        if self.nextParagraph < self.paragraphs.count {
            let paragraph = self.paragraphs[self.nextParagraph]
            self.nextParagraph += 1
            let bytes = paragraph.field == .title ? self.titleBytes : self.bodyBytes
            bytes.withUnsafeBufferPointer { self.analyze(paragraph, text: $0, events: &events) }
            return events
        }
        self.finished = true
        events.append(.summary(self.summary()))
        return events
    }

    private mutating func analyze(_ paragraph: Paragraph, text: UnsafeBufferPointer<UInt8>, events: inout [AnalysisEvent]) {
        let tokens = Tokenizer().tokenize(text, in: paragraph.span.start..<paragraph.span.end)
        let sentences = TextSegmentation.sentences(of: tokens, in: paragraph, firstIndex: self.sentenceCount)
        self.sentenceCount += sentences.count
        self.tokenCount += tokens.count

        let paragraphKey = Self.repetitionKey(tokens[...])?.hash
        var paragraphRepeats = false
        if paragraph.field == .body, let paragraphKey, let original = self.seenParagraphs[paragraphKey] {
            paragraphRepeats = true
            let repetition = Repetition(scope: .paragraph, span: paragraph.span, original: original)
            self.repetitions.append(repetition)
            events.append(.repetition(repetition))
        } else if let paragraphKey {
            self.seenParagraphs[paragraphKey] = paragraph.span
        }

        var riskInput: [ArticleRiskScorer.SentenceInput] = []
        for sentence in sentences {
            var sentenceRepeats = paragraphRepeats
            if !paragraphRepeats, let (key, words) = Self.repetitionKey(tokens[sentence.tokens]), words >= 5 {
                if let original = self.seenSentences[key] {
                    sentenceRepeats = true
                    let repetition = Repetition(scope: .sentence, span: sentence.span, original: original)
                    self.repetitions.append(repetition)
                    events.append(.repetition(repetition))
                } else {
                    self.seenSentences[key] = sentence.span
                }
            }
            let added = self.resolver.resolve(sentence: sentence, tokens: tokens, paragraph: paragraph, text: text, repeated: sentenceRepeats)
            riskInput.append(ArticleRiskScorer.SentenceInput(sentence: sentence, repeated: sentenceRepeats, mentions: added))
        }

        let maximum = self.resolver.maximumRawSalience
        for (position, reportedBefore) in self.resolver.takeNewMentions() {
            let entity = self.resolver.entities[position]
            let salience = Salience.normalized(self.resolver.rawSalience[position], maximum: maximum)
            if reportedBefore == 0 {
                var found = entity
                found.salience = salience
                events.append(.entityFound(found))
            } else {
                events.append(
                    .entityUpdated(
                        EntityUpdate(
                            entityID: entity.id,
                            newMentions: Array(entity.mentions[reportedBefore...]),
                            mentionCount: entity.mentions.count,
                            salience: salience
                        )
                    )
                )
            }
        }

        // Risk: after the paragraph's entity events, the categories whose score changed.
        // (Mutated in place through the optional: copying the scorer out would copy its state.)
        self.risk?.add(paragraph: riskInput, tokens: tokens, text: text, entities: self.resolver)
        if let changed = self.risk?.changedScores(), !changed.isEmpty {
            events.append(.riskUpdated(paragraph: self.nextParagraph - 1, scores: changed))
        }
    }

    private func summary() -> AnalysisSummary {
        let maximum = self.resolver.maximumRawSalience
        var entities = self.resolver.entities
        for position in entities.indices {
            entities[position].salience = Salience.normalized(self.resolver.rawSalience[position], maximum: maximum)
        }
        entities.sort { $0.salience != $1.salience ? $0.salience > $1.salience : $0.id < $1.id }
        return AnalysisSummary(
            entities: entities,
            repetitions: self.repetitions,
            paragraphs: self.paragraphs.count,
            sentences: self.sentenceCount,
            tokens: self.tokenCount,
            risk: self.risk?.assessment()
        )
    }

    /// A 64-bit hash of the word keys of a run of tokens, and how many words it has (nil when it
    /// has none): equal for text that differs only in case, quotes, dashes, Unicode normal form or spacing.
    private static func repetitionKey(_ tokens: ArraySlice<Token>) -> (hash: UInt64, words: Int)? {
        var hash = KeyHash.offset
        var words = 0
        for token in tokens where token.kind != .punctuation {
            hash = (hash ^ token.keyHash) &* KeyHash.prime
            hash ^= hash >> 29
            words += 1
        }
        return words > 0 ? (hash, words) : nil
    }

    /// FNV-1a 64 over title, a zero byte and body, as 16 hex digits.
    static func contentHash(_ title: [UInt8], _ body: [UInt8]) -> String {
        var hash = KeyHash.offset
        for byte in title {
            hash = (hash ^ UInt64(byte)) &* KeyHash.prime
        }
        hash = hash &* KeyHash.prime  // the zero byte between title and body
        for byte in body {
            hash = (hash ^ UInt64(byte)) &* KeyHash.prime
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

public import Foundation

/// One sentence of a CoNLL file: tokens and their gold BIO tags.
public struct CoNLLSentence: Sendable, Hashable {
    /// The tokens.
    public var tokens: [String]
    /// The BIO tags, one per token.
    public var tags: [String]

    /// Creates a sentence; `tags.count` should equal `tokens.count`.
    public init(tokens: [String], tags: [String]) {
        self.tokens = tokens
        self.tags = tags
    }
}

/// One document (between `-DOCSTART-` lines) of a CoNLL file.
public struct CoNLLDocument: Sendable, Hashable {
    /// The sentences in order.
    public var sentences: [CoNLLSentence]

    /// Creates a document.
    public init(sentences: [CoNLLSentence]) { self.sentences = sentences }
}

/// Reader for the two-column CoNLL format: `token<TAB>tag` per line (the tag is the last
/// whitespace-separated column), a blank line ends a sentence, `-DOCSTART-` starts a document.
public enum CoNLL {
    /// Errors while reading a CoNLL file.
    public enum ReadError: Error, Sendable, CustomStringConvertible {
        /// The file could not be read.
        case unreadable(path: String, reason: String)
        /// A non-blank line has fewer than two columns.
        case malformedLine(number: Int, text: String)

        /// A one-line explanation.
        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
            case .malformedLine(let number, let text): "line \(number): expected token<TAB>tag, got \"\(text)\""
            }
        }
    }

    /// Reads a CoNLL file.
    public static func read(contentsOf url: URL) throws(ReadError) -> [CoNLLDocument] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(path: url.path, reason: fileReadReason(error, path: url.path))
        }
        return try parse(text)
    }

    /// Parses CoNLL text. Documents without sentences are dropped; a file without `-DOCSTART-` lines is
    /// one document.
    public static func parse(_ text: String) throws(ReadError) -> [CoNLLDocument] {
        var documents: [CoNLLDocument] = []
        var sentences: [CoNLLSentence] = []
        var tokens: [String] = []
        var tags: [String] = []
        func endSentence() {
            if !tokens.isEmpty { sentences.append(CoNLLSentence(tokens: tokens, tags: tags)) }
            tokens = []
            tags = []
        }
        func endDocument() {
            endSentence()
            if !sentences.isEmpty { documents.append(CoNLLDocument(sentences: sentences)) }
            sentences = []
        }
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let columns = line.split(whereSeparator: { $0 == "\t" || $0 == " " || $0 == "\r" })
            if columns.isEmpty { endSentence(); continue }
            if columns[0] == "-DOCSTART-" { endDocument(); continue }
            guard columns.count >= 2 else { throw .malformedLine(number: number, text: String(line)) }
            tokens.append(String(columns[0]))
            tags.append(String(columns[columns.count - 1]))
        }
        endDocument()
        return documents
    }
}

/// Exact-span precision / recall / F1 counts.
public struct NERScore: Sendable, Hashable {
    /// Predicted spans that match a gold span exactly (boundaries and type).
    public var truePositives = 0
    /// Number of predicted spans.
    public var predicted = 0
    /// Number of gold spans.
    public var gold = 0

    /// Creates a score from counts.
    public init(truePositives: Int = 0, predicted: Int = 0, gold: Int = 0) {
        self.truePositives = truePositives
        self.predicted = predicted
        self.gold = gold
    }

    /// Precision, 0 when nothing was predicted.
    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    /// Recall, 0 when there is no gold span.
    public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
    /// Harmonic mean of precision and recall, 0 when both are 0.
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    static func + (a: NERScore, b: NERScore) -> NERScore {
        NERScore(truePositives: a.truePositives + b.truePositives, predicted: a.predicted + b.predicted, gold: a.gold + b.gold)
    }
}

/// Accumulates exact-span scores per entity type (CoNLL `conlleval` semantics).
public struct NEREvaluator: Sendable {
    /// Counts per type.
    public private(set) var byLabel: [NERLabel: NERScore] = [:]
    /// Number of tokens seen.
    public private(set) var tokenCount = 0
    /// How well span confidences predict correctness: per tenth of `0 ... 1` (the last includes 1),
    /// the decoded spans whose confidence fell there and how many of them were exactly right.
    /// Empty until ``addConfidences(goldSpans:predictedSpans:)`` is called.
    public private(set) var calibration: [NERScore] = []
    /// The summed negative log-likelihood of the decoded spans' correctness under their confidences.
    public private(set) var confidenceLogLoss = 0.0

    /// Creates an empty evaluator.
    public init() {}

    /// Adds one sentence given gold and predicted BIO tags (same length).
    public mutating func add(gold: [String], predicted: [String]) {
        add(goldSpans: NERTagScheme.spans(fromBIO: gold), predictedSpans: NERTagScheme.spans(fromBIO: predicted), tokenCount: gold.count)
    }

    /// A span's position and label, the identity an exact-span match compares (not its confidence).
    private struct SpanKey: Hashable {
        let start: Int, end: Int, label: NERLabel
        init(_ span: NERSpan) { (start, end, label) = (span.start, span.end, span.label) }
    }

    /// Adds one sentence of `tokenCount` tokens given gold and predicted spans.
    public mutating func add(goldSpans: [NERSpan], predictedSpans: [NERSpan], tokenCount: Int = 0) {
        self.tokenCount += tokenCount
        let goldSet = Set(goldSpans.map(SpanKey.init))
        for span in goldSpans { byLabel[span.label, default: NERScore()].gold += 1 }
        for span in predictedSpans {
            byLabel[span.label, default: NERScore()].predicted += 1
            if goldSet.contains(SpanKey(span)) {
                byLabel[span.label, default: NERScore()].truePositives += 1
            }
        }
    }

    /// Records how the confidences of one sentence's decoded spans (all of them, before any threshold)
    /// match their correctness; in ``calibration``, `gold` counts the spans and `truePositives` the correct ones.
    public mutating func addConfidences(goldSpans: [NERSpan], predictedSpans: [NERSpan]) {
        if calibration.isEmpty { calibration = Array(repeating: NERScore(), count: 10) }
        let goldSet = Set(goldSpans.map(SpanKey.init))
        for span in predictedSpans {
            let correct = goldSet.contains(SpanKey(span))
            let bin = min(9, max(0, Int(span.confidence * 10)))
            calibration[bin].gold += 1
            calibration[bin].predicted += 1
            if correct { calibration[bin].truePositives += 1 }
            let p = min(max(Double(span.confidence), 1e-6), 1 - 1e-6)
            confidenceLogLoss -= log(correct ? p : 1 - p)
        }
    }

    /// The score of one type.
    public func score(_ label: NERLabel) -> NERScore { byLabel[label] ?? NERScore() }

    /// The micro-averaged score over `labels`.
    public func micro(_ labels: [NERLabel]) -> NERScore {
        labels.reduce(NERScore()) { $0 + score($1) }
    }

    /// Micro average over PER, ORG and LOC (the headline figure).
    public var microPerOrgLoc: NERScore { micro([.per, .org, .loc]) }
    /// Micro average over all four types.
    public var microAll: NERScore { micro(NERLabel.allCases) }

    /// A plain-text table: per-type P/R/F1 and both micro averages (percentages).
    public func report() -> String {
        func line(_ name: String, _ s: NERScore) -> String {
            let p = String(format: "%6.2f", 100 * s.precision)
            let r = String(format: "%6.2f", 100 * s.recall)
            let f = String(format: "%6.2f", 100 * s.f1)
            return "\(name.padding(toLength: 14, withPad: " ", startingAt: 0)) P \(p)  R \(r)  F1 \(f)  (gold \(s.gold), pred \(s.predicted), tp \(s.truePositives))"
        }
        var lines = NERLabel.allCases.map { line($0.name, score($0)) }
        lines.append(line("PER+ORG+LOC", microPerOrgLoc))
        lines.append(line("all", microAll))
        let spans = calibration.reduce(0) { $0 + $1.gold }
        if spans > 0 {
            lines.append(String(format: "confidence calibration (all decoded spans; log loss %.3f per span):", confidenceLogLoss / Double(spans)))
            for (bin, s) in calibration.enumerated() where s.gold > 0 {
                lines.append(String(format: "  %.1f–%.1f  %5d spans, %5.1f %% correct", Double(bin) / 10, Double(bin + 1) / 10, s.gold, 100 * s.recall))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A JSON object with per-type and micro scores (and `extra` fields such as tokens per second).
    public func json(extra: [String: Double] = [:]) -> String {
        func obj(_ s: NERScore) -> String {
            String(format: "{\"precision\": %.4f, \"recall\": %.4f, \"f1\": %.4f, \"gold\": %d, \"predicted\": %d, \"correct\": %d}",
                   s.precision, s.recall, s.f1, s.gold, s.predicted, s.truePositives)
        }
        var fields = NERLabel.allCases.map { "\"\($0.name)\": \(obj(score($0)))" }
        fields.append("\"micro_PER_ORG_LOC\": \(obj(microPerOrgLoc))")
        fields.append("\"micro_all\": \(obj(microAll))")
        fields.append("\"tokens\": \(tokenCount)")
        let spans = calibration.reduce(0) { $0 + $1.gold }
        if spans > 0 {
            let bins = calibration.map { "{\"spans\": \($0.gold), \"correct\": \($0.truePositives)}" }
            fields.append("\"calibration\": [" + bins.joined(separator: ", ") + "]")
            fields.append(String(format: "\"confidence_log_loss\": %.4f", confidenceLogLoss / Double(spans)))
        }
        for key in extra.keys.sorted() { fields.append("\"\(key)\": \(extra[key]!)") }
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

import Foundation
internal import CAssayScores

/// A trained averaged-perceptron named-entity tagger with hashed features and Int8 weights.
///
/// Decoding is exact Viterbi over the legal BILOU sequences when the model has
/// ``NERFeatureSet/viterbi`` (the shipped model), otherwise greedy left to right with the same
/// transition constraint (only valid successors, and no open entity at the sentence end); either way
/// the output is well formed. Tagging is thread-safe: the model is an immutable value.
public struct NERModel: Sendable {
    /// Free-form model version, e.g. `ner-perceptron-1 (seed 42, 2026-11-29)`.
    public let version: String
    /// The feature extractor (hash size and feature templates) the weights belong to.
    public let extractor: NERFeatureExtractor
    /// The perceptron score of one integer score unit: weight = `q × 2^exponent[row] × scale`.
    public let scale: Float
    /// `rowCount × BILOUTag.count` quantised weights, row-major.
    let weights: [Int8]
    /// Per row, the power-of-two exponent of its quantisation step (`0 ... maxExponent`).
    let exponents: [UInt8]
    /// The knowledge-base gazetteer (present exactly when the feature set has ``NERFeatureSet/gazetteer``).
    public let gazetteer: NERGazetteer?
    /// The usual casing of words (the training files' and an English word list's), for sentences in
    /// capitals and title-case headlines (``NERTruecaser``); a model with an empty lexicon tags such
    /// sentences as written.
    public let casing: NERCasingLexicon

    /// The temperature that turns perceptron scores into probabilities: a path's probability is
    /// proportional to `exp(score / confidenceTemperature)`. Perceptron scores are margins, not log
    /// probabilities: at temperature 1, 98 % of the decoded spans on the development files got 0.8 or
    /// more although a quarter of them are wrong. 24 minimises the log loss of the decoded spans of `ner-perceptron-4`
    /// on the two development files (`assay model eval FILE --min-confidence 0`; docs/PERFORMANCE.md);
    /// `ner-perceptron-5`'s log loss at 24 is within 0.02 of it on each file (not swept again).
    public static let confidenceTemperature = 24.0

    /// The factor from integer score units to log-probability units: `scale / confidenceTemperature`.
    var probabilityScale: Double { Self.probabilityScale(scale) }

    /// ``probabilityScale`` of a model whose score unit is `scale`.
    static func probabilityScale(_ scale: Float) -> Double { Double(scale) / confidenceTemperature }

    /// The base quantisation step used by the trainer.
    static let baseScale: Float = 1.0 / 256
    /// The largest per-row exponent (keeps integer score sums far from overflow).
    static let maxExponent = 16

    /// Creates a model from quantised weights; `weights.count` must be `rowCount × BILOUTag.count`,
    /// `exponents.count` must be `rowCount`, and the null row (``NERFeatureExtractor/nullRow``), which
    /// the decoder skips, must have no weights.
    init(
        version: String, extractor: NERFeatureExtractor, scale: Float, weights: [Int8], exponents: [UInt8],
        gazetteer: NERGazetteer?, casing: NERCasingLexicon
    ) {
        precondition(weights.count == extractor.rowCount * BILOUTag.count && exponents.count == extractor.rowCount)
        precondition(Self.nullRowIsEmpty(weights), "the null row has no weights")
        precondition((gazetteer != nil) == extractor.featureSet.contains(.gazetteer), "gazetteer must match the feature set")
        self.gazetteer = gazetteer
        self.casing = casing
        self.version = version
        self.extractor = extractor
        self.scale = scale
        self.weights = weights
        self.exponents = exponents
        self.packedWeights = NERPackedWeights(weights: weights, exponents: exponents)
        if extractor.featureSet.contains(.viterbi) && !extractor.featureSet.contains(.tagConjunctions) {
            self.transitionTable = NERTransitionTable(
                extractor: extractor, weights: packedWeights, probabilityScale: Self.probabilityScale(scale)
            )
        } else {
            self.transitionTable = nil
        }
    }

    /// Whether the null row (``NERFeatureExtractor/nullRow``) of row-major `weights` is all zero, as
    /// the decoder, which skips it, needs.
    static func nullRowIsEmpty(_ weights: [Int8]) -> Bool {
        let start = Int(NERFeatureExtractor.nullRow) * BILOUTag.count
        return weights[start ..< start + BILOUTag.count].allSatisfy { $0 == 0 }
    }

    /// The weights and exponents laid out for decoding.
    let packedWeights: NERPackedWeights

    /// With ``NERFeatureSet/viterbi`` and without ``NERFeatureSet/tagConjunctions`` the transition rows
    /// do not depend on the token, so their scores are computed once at load.
    let transitionTable: NERTransitionTable?

    // MARK: Public tagging API

    /// Tags one pre-tokenised sentence and returns one BIO tag per token (`B-PER`, `I-ORG`, `O`, …).
    public func tag(_ tokens: [String]) -> [String] {
        NERTagScheme.bio(fromBILOU: tagBILOU(tokens))
    }

    /// Tags one sentence and returns BILOU tags.
    public func tagBILOU(_ tokens: [String]) -> [BILOUTag] {
        var decoder = NERDecoder(model: self, useDocumentMemory: false)
        return decoder.decode(tokens).map { BILOUTag(uncheckedRawValue: $0) }
    }

    /// Tags the sentences of one document (e.g. a news article) in order; a name's earlier labels
    /// in the document inform later decisions, a sentence in capitals is read with the casings
    /// of the whole document, and once all are decoded it gets the names the others tagged
    /// (``NERHeadlineNames``). Returns BIO tags, one array per sentence.
    public func tagDocument(_ sentences: [[String]]) -> [[String]] {
        var decoder = NERDecoder(model: self, useDocumentMemory: true)
        if decoder.preview(document: sentences) { decoder.collectHeadlineNames() }
        var tags: [[UInt8]] = []
        var inCapitals: [(index: Int, infos: [NERTokenInfo])] = []
        for sentence in sentences {
            tags.append(decoder.decode(sentence))
            if decoder.headlineNames != nil && decoder.sentenceIsInCapitals {
                inCapitals.append((tags.count - 1, decoder.infos))
            }
        }
        for (index, infos) in inCapitals { _ = decoder.reviseHeadline(infos, &tags[index]) }
        return tags.map { NERTagScheme.bio(fromBILOU: $0.map { BILOUTag(uncheckedRawValue: $0) }) }
    }

    /// The entity mentions of one sentence with confidences (see ``NERSpan/confidence``).
    public func spans(_ tokens: [String]) -> [NERSpan] {
        var decoder = NERDecoder(model: self, useDocumentMemory: false)
        return decoder.decodeSpans(tokens)
    }

    /// The entity mentions of each sentence of one document, decoded with document-level consistency.
    public func spansDocument(_ sentences: [[String]]) -> [[NERSpan]] {
        var decoder = NERDecoder(model: self, useDocumentMemory: true)
        decoder.preview(document: sentences)
        return sentences.map { decoder.decodeSpans($0) }
    }

    /// Tags pre-tokenised text in the `assay tag` line format and returns the output bytes.
    ///
    /// Input: one sentence per line, tokens separated by spaces (runs of spaces or tabs count as one
    /// separator; a trailing `\r` is ignored). Output: for every input line one line of space-separated
    /// BIO tags, as many as the line has tokens; an empty (or blank) line gives an empty line. A line
    /// consisting of the single token `-DOCSTART-` is tagged `O` and starts a new document for the
    /// document-level features. An input without such lines is split at its news datelines
    /// ("BONN 1996-08-22", ``NERGazetteer/datelinePlaces(_:)``): a story starts at its dateline, or
    /// at the line before it when that line is in capitals (its headline); an input with neither is
    /// one document. A document with
    /// a line that may be in capitals is read twice: first for the casings of its words
    /// (``NERTruecaser``), then to tag it; its lines in capitals are tagged again once the others
    /// are, with the names those tagged (``NERHeadlineNames``).
    public func tagLines(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        tagLines(input, cachedTokenLimit: Self.cachedTokenLimit)
    }

    /// ``tagLines(_:)`` keeping at most `cachedTokenLimit` tokens of a document split (tests).
    func tagLines(_ input: UnsafeBufferPointer<UInt8>, cachedTokenLimit: Int) -> [UInt8] {
        var decoder = NERDecoder(model: self, useDocumentMemory: true)
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 2)
        var ranges: [Range<Int>] = []
        // The lines the document's scan split into tokens, and their tokens, so that reading ahead and
        // tagging do not split them again (that was 1.9 % of the instructions: docs/PERFORMANCE.md).
        // Past `cachedTokenLimit` tokens a document's lines are split again instead (`tokens` nil),
        // so that one huge document does not hold 16 bytes a token on top of the input and output.
        var lines: [(start: Int, tokens: Range<Int>?)] = []
        var lineTokens: [Range<Int>] = []
        /// Sets `ranges` to the tokens of `line`.
        func setRanges(_ line: (start: Int, tokens: Range<Int>?)) {
            guard let tokens = line.tokens else {
                _ = Self.tokenRanges(input, from: line.start, into: &ranges)
                return
            }
            ranges.removeAll(keepingCapacity: true)
            ranges.append(contentsOf: lineTokens[tokens])
        }
        var documentStart = 0
        /// Whether a line of the input is -DOCSTART-; looked up at the first dateline.
        var hasDocumentStarts: Bool?
        while documentStart < input.count {
            // The document: its lines up to the next -DOCSTART- line or the end. Without a line that
            // may be in capitals (NERTruecaser.mayBeInCapitals) the truecaser need not read ahead.
            var documentEnd = documentStart
            var mayHaveCapitals = false
            var lineStart = documentStart
            // The line before, whether it may be in capitals, and mayHaveCapitals before it.
            var previous: (start: Int, inCapitals: Bool, mayHaveCapitalsBefore: Bool)?
            lines.removeAll(keepingCapacity: true)
            lineTokens.removeAll(keepingCapacity: true)
            while lineStart < input.count {
                let lineEnd = Self.tokenRanges(input, from: lineStart, into: &ranges)
                if lineTokens.count + ranges.count <= cachedTokenLimit {
                    lines.append((lineStart, lineTokens.count ..< lineTokens.count + ranges.count))
                    lineTokens.append(contentsOf: ranges)
                } else {
                    lines.append((lineStart, nil))
                }
                let isDocumentStart = Self.isDocumentStart(input, ranges)
                if isDocumentStart && lineStart > documentStart { break }
                // Without -DOCSTART- lines, a dateline starts a new story, at its headline when the
                // line before is in capitals.
                if lineStart > documentStart, Self.mayBeDateline(input, ranges), decoder.isDateline(input, ranges) {
                    if hasDocumentStarts == nil { hasDocumentStarts = Self.containsDocumentStart(input) }
                    if hasDocumentStarts == false {
                        guard let previous, previous.inCapitals else { break }
                        if previous.start > documentStart {
                            documentEnd = previous.start
                            mayHaveCapitals = previous.mayHaveCapitalsBefore
                            break
                        }
                    }
                }
                let inCapitals = !isDocumentStart && ranges.count >= 2
                    && NERTruecaser.mayBeInCapitals(input[lineStart ..< lineEnd])
                previous = (lineStart, inCapitals, mayHaveCapitals)
                mayHaveCapitals = mayHaveCapitals || inCapitals
                lineStart = lineEnd + 1
                documentEnd = min(lineStart, input.count)
            }
            // (The scan may have split a line or two of the next document too.)
            let documentLines = lines.prefix { $0.start < documentEnd }
            decoder.observesWhileDecoding = false
            if mayHaveCapitals && decoder.truecaser != nil {
                decoder.collectHeadlineNames()
                for line in documentLines {
                    setRanges(line)
                    decoder.preview(input, ranges)
                }
            }
            // The lines in capitals, where their tags are in `output`, for the names of the others.
            var inCapitals: [(output: Range<Int>, infos: [NERTokenInfo], tags: [UInt8])] = []
            for line in documentLines {
                setRanges(line)
                if Self.isDocumentStart(input, ranges) {
                    output.append(0x4F) // "O"
                } else {
                    decoder.decodeRanges(input, ranges)
                    let start = output.count
                    decoder.appendBIO(to: &output)
                    if decoder.headlineNames != nil && decoder.sentenceIsInCapitals {
                        inCapitals.append((start ..< output.count, decoder.infos, decoder.tags))
                    }
                }
                output.append(0x0A)
            }
            // From the last, so that the earlier lines' places in `output` stay valid.
            for var line in inCapitals.reversed() {
                guard decoder.reviseHeadline(line.infos, &line.tags) else { continue }
                var bio: [UInt8] = []
                NERDecoder.appendBIO(line.tags, to: &bio)
                output.replaceSubrange(line.output, with: bio)
            }
            decoder.startDocument()
            documentStart = documentEnd
        }
        return output
    }

    /// The most tokens of one document ``tagLines(_:)`` keeps split (16 MB of ranges).
    static let cachedTokenLimit = 1 << 20

    /// Fills `ranges` with the tokens of the line starting at `lineStart` (separated by spaces, tabs
    /// or `\r`) and returns the index of its end (its `\n`, or the input's end).
    private static func tokenRanges(_ input: UnsafeBufferPointer<UInt8>, from lineStart: Int, into ranges: inout [Range<Int>]) -> Int {
        ranges.removeAll(keepingCapacity: true)
        var i = lineStart
        while i < input.count && input[i] != 0x0A {
            while i < input.count && (input[i] == 0x20 || input[i] == 0x09 || input[i] == 0x0D) { i += 1 }
            let start = i
            while i < input.count && input[i] != 0x0A && input[i] != 0x20 && input[i] != 0x09 && input[i] != 0x0D { i += 1 }
            if i > start { ranges.append(start ..< i) }
        }
        return i
    }

    private static let documentStartToken = Array("-DOCSTART-".utf8)

    /// Whether a line's tokens are the single token `-DOCSTART-`.
    private static func isDocumentStart(_ input: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Bool {
        ranges.count == 1 && input[ranges[0]].elementsEqual(documentStartToken)
    }

    /// Whether some line of `input` is -DOCSTART-.
    private static func containsDocumentStart(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        var ranges: [Range<Int>] = []
        var lineStart = 0
        while lineStart < input.count {
            let lineEnd = tokenRanges(input, from: lineStart, into: &ranges)
            if isDocumentStart(input, ranges) { return true }
            lineStart = lineEnd + 1
        }
        return false
    }

    /// A quick test before ``NERDecoder/isDateline(_:_:)``: a line of two or more tokens whose last is
    /// a date written "1996-08-22" or "22-08-1996".
    private static func mayBeDateline(_ input: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Bool {
        guard ranges.count >= 2, let last = ranges.last, last.count == 10 else { return false }
        let date = input[last]
        let hyphens = date.indices.filter { date[$0] == 0x2D }.map { $0 - last.lowerBound }
        return (hyphens == [4, 7] || hyphens == [2, 5]) && date.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    // MARK: Bundled resource

    /// Loads the model shipped with AssayAnalysis (`Resources/Model/ner-perceptron.bin`).
    public static func bundled() throws(NERModelError) -> NERModel {
        guard let url = Bundle.module.url(forResource: "ner-perceptron", withExtension: "bin", subdirectory: "Model") else {
            throw NERModelError.resourceNotFound("Model/ner-perceptron.bin")
        }
        return try load(contentsOf: url)
    }
}

/// The model's weight rows laid out for decoding (`CAssayScores_packRows`): row `r`'s 17 Int8
/// weights and its exponent in the 32 bytes at `32 r`, the table 64-byte aligned, so that summing
/// a row reads one aligned half of a cache line. Row-major 17-byte rows crossed a cache line one time
/// in four and kept their exponents in another array, a second line: packed, `assay tag` took 11 %
/// less CPU at the median of 25 interleaved pairs, for 8.4 MB more memory (docs/PERFORMANCE.md,
/// "twenty-third session").
final class NERPackedWeights: @unchecked Sendable {
    // (@unchecked: the table is written only by `init`, before any other thread can see it.)
    /// The table, `rowCount × CASSAY_SCORES_ROW_BYTES` bytes.
    let rows: UnsafePointer<Int8>

    init(weights: [Int8], exponents: [UInt8]) {
        precondition(weights.count == exponents.count * BILOUTag.count, "17 weights a row")
        let byteCount = exponents.count * Int(CASSAY_SCORES_ROW_BYTES)
        let table = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
            .bindMemory(to: Int8.self, capacity: byteCount)
        weights.withUnsafeBufferPointer { w in
            exponents.withUnsafeBufferPointer { e in CAssayScores_packRows(w.baseAddress!, e.baseAddress!, e.count, table) }
        }
        rows = UnsafePointer(table)
    }

    deinit { UnsafeMutableRawPointer(mutating: rows).deallocate() }
}

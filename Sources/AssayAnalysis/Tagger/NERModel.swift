import Foundation

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

    /// The base quantisation step used by the trainer.
    static let baseScale: Float = 1.0 / 256
    /// The largest per-row exponent (keeps integer score sums far from overflow).
    static let maxExponent = 16

    /// Creates a model from quantised weights; `weights.count` must be `rowCount × BILOUTag.count` and
    /// `exponents.count` must be `rowCount`.
    init(
        version: String, extractor: NERFeatureExtractor, scale: Float, weights: [Int8], exponents: [UInt8],
        gazetteer: NERGazetteer?
    ) {
        precondition(weights.count == extractor.rowCount * BILOUTag.count && exponents.count == extractor.rowCount)
        precondition((gazetteer != nil) == extractor.featureSet.contains(.gazetteer), "gazetteer must match the feature set")
        self.gazetteer = gazetteer
        self.version = version
        self.extractor = extractor
        self.scale = scale
        self.weights = weights
        self.exponents = exponents
        if extractor.featureSet.contains(.viterbi) && !extractor.featureSet.contains(.tagConjunctions) {
            self.transitionTable = NERViterbiTables.transitions(
                extractor: extractor, weights: weights, exponents: exponents
            )
        } else {
            self.transitionTable = nil
        }
    }

    /// With ``NERFeatureSet/viterbi`` and without ``NERFeatureSet/tagConjunctions`` the transition rows
    /// do not depend on the token: their scores per previous tag (`0 ... BILOUTag.count`), with the
    /// −∞ penalties of illegal transitions added, computed once at load.
    let transitionTable: (scores16: [SIMD16<Float>], scores17: [Float])?

    // MARK: Public tagging API

    /// Tags one pre-tokenised sentence and returns one BIO tag per token (`B-PER`, `I-ORG`, `O`, …).
    public func tag(_ tokens: [String]) -> [String] {
        NERTagScheme.bio(fromBILOU: tagBILOU(tokens))
    }

    /// Tags one sentence and returns BILOU tags.
    public func tagBILOU(_ tokens: [String]) -> [BILOUTag] {
        var decoder = NERDecoder(model: self, useDocumentMemory: false)
        let (tags, _) = decoder.decode(tokens)
        return tags.map { BILOUTag(uncheckedRawValue: $0) }
    }

    /// Tags the sentences of one document (e.g. a news article) in order; a name's earlier labels
    /// in the document inform later decisions. Returns BIO tags, one array per sentence.
    public func tagDocument(_ sentences: [[String]]) -> [[String]] {
        var decoder = NERDecoder(model: self, useDocumentMemory: true)
        return sentences.map { sentence in
            let (tags, _) = decoder.decode(sentence)
            return NERTagScheme.bio(fromBILOU: tags.map { BILOUTag(uncheckedRawValue: $0) })
        }
    }

    /// The entity mentions of one sentence with confidences (see ``NERSpan/confidence``).
    public func spans(_ tokens: [String]) -> [NERSpan] {
        var decoder = NERDecoder(model: self, useDocumentMemory: false)
        return decoder.decodeSpans(tokens)
    }

    /// The entity mentions of each sentence of one document, decoded with document-level consistency.
    public func spansDocument(_ sentences: [[String]]) -> [[NERSpan]] {
        var decoder = NERDecoder(model: self, useDocumentMemory: true)
        return sentences.map { decoder.decodeSpans($0) }
    }

    /// Tags pre-tokenised text in the `assay tag` line format and returns the output bytes.
    ///
    /// Input: one sentence per line, tokens separated by spaces (runs of spaces or tabs count as one
    /// separator; a trailing `\r` is ignored). Output: for every input line one line of space-separated
    /// BIO tags, as many as the line has tokens; an empty (or blank) line gives an empty line. A line
    /// consisting of the single token `-DOCSTART-` is tagged `O` and starts a new document for the
    /// document-level features; without such lines the whole input is one document.
    public func tagLines(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var decoder = NERDecoder(model: self, useDocumentMemory: true)
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 2)
        var ranges: [Range<Int>] = []
        var lineStart = 0
        let n = input.count
        let docstart = Array("-DOCSTART-".utf8)
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n && input[lineEnd] != 0x0A { lineEnd += 1 }
            ranges.removeAll(keepingCapacity: true)
            var i = lineStart
            while i < lineEnd {
                while i < lineEnd && (input[i] == 0x20 || input[i] == 0x09 || input[i] == 0x0D) { i += 1 }
                let start = i
                while i < lineEnd && input[i] != 0x20 && input[i] != 0x09 && input[i] != 0x0D { i += 1 }
                if i > start { ranges.append(start ..< i) }
            }
            if ranges.count == 1 && ranges[0].count == docstart.count
                && docstart.withUnsafeBufferPointer({ d in (0 ..< d.count).allSatisfy { d[$0] == input[ranges[0].lowerBound + $0] } }) {
                decoder.memory?.reset()
                output.append(0x4F) // "O"
            } else {
                decoder.decodeRanges(input, ranges)
                decoder.appendBIO(to: &output)
            }
            output.append(0x0A)
            lineStart = lineEnd + 1
        }
        return output
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

/// Sign-extends 16 Int8 lanes to Int32 (written out so that it compiles to a single vector extension
/// instead of a generic conversion call).
@inline(__always) private func widen(_ v: SIMD16<Int8>) -> SIMD16<Int32> {
    SIMD16<Int32>(
        Int32(v[0]), Int32(v[1]), Int32(v[2]), Int32(v[3]), Int32(v[4]), Int32(v[5]), Int32(v[6]), Int32(v[7]),
        Int32(v[8]), Int32(v[9]), Int32(v[10]), Int32(v[11]), Int32(v[12]), Int32(v[13]), Int32(v[14]), Int32(v[15])
    )
}

/// Reusable decoding state: scratch buffers and the document memory.
struct NERDecoder {
    let model: NERModel
    var memory: NERDocumentMemory?
    var infos: [NERTokenInfo] = []
    var rows: [UInt32] = []
    var tags: [UInt8] = []
    var confidences: [Float] = []
    var computeConfidence = false

    init(model: NERModel, useDocumentMemory: Bool) {
        self.model = model
        self.memory = useDocumentMemory && model.extractor.featureSet.contains(.documentHistory) ? NERDocumentMemory() : nil
    }

    mutating func decode(_ tokens: [String]) -> (tags: [UInt8], confidences: [Float]) {
        infos.removeAll(keepingCapacity: true)
        for token in tokens {
            let info = token.utf8.withContiguousStorageIfAvailable { model.extractor.info(utf8: $0) }
                ?? model.extractor.info(for: token)
            infos.append(info)
        }
        annotate()
        run()
        return (tags, confidences)
    }

    mutating func decodeSpans(_ tokens: [String]) -> [NERSpan] {
        computeConfidence = true
        let (tags, confidences) = decode(tokens)
        var spans = NERTagScheme.spans(fromBILOU: tags.map { BILOUTag(uncheckedRawValue: $0) })
        for k in spans.indices {
            var sum: Float = 0
            for i in spans[k].range { sum += confidences[i] }
            spans[k].confidence = sum / Float(spans[k].end - spans[k].start)
        }
        return spans
    }

    mutating func decodeRanges(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) {
        infos.removeAll(keepingCapacity: true)
        let base = bytes.baseAddress!
        for r in ranges {
            infos.append(model.extractor.info(utf8: UnsafeBufferPointer(start: base + r.lowerBound, count: r.count)))
        }
        annotate()
        run()
    }

    static let bioBytes: [[UInt8]] = BILOUTag.all.map { tag in
        guard let label = tag.label, let position = tag.position else { return Array("O".utf8) }
        let letter = (position == .begin || position == .unit) ? "B" : "I"
        return Array("\(letter)-\(label.name)".utf8)
    }

    /// Appends the BIO tags of the last decoded sentence, space-separated, without a newline.
    func appendBIO(to output: inout [UInt8]) {
        for (i, tag) in tags.enumerated() {
            if i > 0 { output.append(0x20) }
            output.append(contentsOf: Self.bioBytes[Int(tag)])
        }
    }

    /// Adds the gazetteer annotations to `infos`.
    mutating func annotate() {
        if let gazetteer = model.gazetteer { infos.withUnsafeMutableBufferPointer { gazetteer.annotate($0) } }
    }

    /// Decodes `infos` into `tags` (and `confidences` if requested), then updates the document memory.
    mutating func run() {
        let n = infos.count
        let k = BILOUTag.count
        var tags = [UInt8](repeating: 0, count: n)
        var confidences = [Float](repeating: 1, count: computeConfidence ? n : 0)
        defer {
            self.tags = tags
            self.confidences = confidences
        }
        guard n > 0 else { return }
        let staticCount = NERFeatureExtractor.staticFeatureCount
        var rows = self.rows
        self.rows = []
        defer { self.rows = rows }
        if rows.count < n * staticCount { rows = [UInt32](repeating: 0, count: n * staticCount) }
        do {
            let extractor = model.extractor
            let memory = self.memory
            let computeConfidence = self.computeConfidence
            let scale = model.scale
            infos.withUnsafeBufferPointer { infos in
                rows.withUnsafeMutableBufferPointer { rows in
                    extractor.staticRows(infos, into: rows.baseAddress!)
                    if extractor.featureSet.contains(.viterbi) {
                        tags.withUnsafeMutableBufferPointer { tags in
                            confidences.withUnsafeMutableBufferPointer { confidences in
                                viterbi(
                                    infos: infos, rows: UnsafePointer(rows.baseAddress!), memory: memory, tags: tags,
                                    confidences: computeConfidence ? confidences : nil
                                )
                            }
                        }
                        return
                    }
                    model.weights.withUnsafeBufferPointer { w in
                      model.exponents.withUnsafeBufferPointer { exps in
                        tags.withUnsafeMutableBufferPointer { tags in
                            let wb = UnsafeRawPointer(w.baseAddress!)
                            var dynamic = (UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0))
                            var previous = UInt8(k), previous2 = UInt8(k)
                            for i in 0 ..< n {
                                var (s16, s17) = scoreRows(rows.baseAddress! + i * staticCount, staticCount, wb, exps.baseAddress!)
                                let history = memory?.history(for: infos[i]) ?? NERFeatureExtractor.noHistory
                                let dynamicCount = withUnsafeMutableBytes(of: &dynamic) { raw in
                                    extractor.dynamicRows(
                                        info: infos[i], previous: previous, previous2: previous2, history: history,
                                        into: raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
                                    )
                                }
                                let (d16, d17) = withUnsafeBytes(of: &dynamic) { raw in
                                    scoreRows(raw.baseAddress!.assumingMemoryBound(to: UInt32.self), dynamicCount, wb, exps.baseAddress!)
                                }
                                s16 &+= d16
                                s17 &+= d17
                                let last = i == n - 1
                                var best = 0
                                var bestScore = Int32.min
                                let allowedBase = Int(previous) * k
                                NERTransitions.allowed.withUnsafeBufferPointer { allowed in
                                    NERTransitions.canEnd.withUnsafeBufferPointer { canEnd in
                                        for t in 0 ..< k where allowed[allowedBase + t] && (!last || canEnd[t]) {
                                            let score = t < 16 ? s16[t] : s17
                                            if score > bestScore { bestScore = score; best = t }
                                        }
                                    }
                                }
                                tags[i] = UInt8(best)
                                if computeConfidence {
                                    var sum: Float = 0
                                    for t in 0 ..< k where NERTransitions.allowed[allowedBase + t] && (!last || NERTransitions.canEnd[t]) {
                                        let score = t < 16 ? s16[t] : s17
                                        sum += expf(Float(score - bestScore) * scale)
                                    }
                                    confidences[i] = 1 / sum
                                }
                                previous2 = previous
                                previous = UInt8(best)
                            }
                        }
                      }
                    }
                }
            }
        }
        if var memory = self.memory {
            self.memory = nil
            infos.withUnsafeBufferPointer { infos in
                tags.withUnsafeBufferPointer { tags in memory.record(infos: infos, tags: tags) }
            }
            self.memory = memory
        }
    }
}

/// The integer score vector (tags 0 ..< 16 and tag 16) of a set of weight rows.
@inline(__always) private func scoreRows(
    _ rows: UnsafePointer<UInt32>, _ count: Int, _ weights: UnsafeRawPointer, _ exponents: UnsafePointer<UInt8>
) -> (SIMD16<Int32>, Int32) {
    let k = BILOUTag.count
    var s16 = SIMD16<Int32>(repeating: 0)
    var s17: Int32 = 0
    for f in 0 ..< count {
        let r = Int(rows[f])
        let p = weights + r * k
        let e = Int32(exponents[r])
        s16 &+= widen(p.loadUnaligned(as: SIMD16<Int8>.self)) &<< SIMD16<Int32>(repeating: e)
        s17 &+= Int32(p.load(fromByteOffset: 16, as: Int8.self)) << e
    }
    return (s16, s17)
}

/// Additive penalties that forbid illegal BILOU transitions in Viterbi decoding: for every previous tag
/// (`BILOUTag.count` = the sentence start) 0 for the allowed successors and −∞ for the others; and 0 / −∞
/// for the tags a sentence may / may not end on.
enum NERViterbiTables {
    static let penalty16: [SIMD16<Float>] = (0 ... BILOUTag.count).map { p in
        var v = SIMD16<Float>(repeating: 0)
        for t in 0 ..< 16 where !NERTransitions.allowed[p * BILOUTag.count + t] { v[t] = -.infinity }
        return v
    }
    static let penalty17: [Float] = (0 ... BILOUTag.count).map { p in
        NERTransitions.allowed[p * BILOUTag.count + 16] ? 0 : -.infinity
    }
    static let endPenalty16: SIMD16<Float> = {
        var v = SIMD16<Float>(repeating: 0)
        for t in 0 ..< 16 where !NERTransitions.canEnd[t] { v[t] = -.infinity }
        return v
    }()
    static let endPenalty17: Float = NERTransitions.canEnd[16] ? 0 : -.infinity

    /// The token-independent transition scores plus penalties, per previous tag (see ``NERModel/transitionTable``).
    static func transitions(
        extractor: NERFeatureExtractor, weights: [Int8], exponents: [UInt8]
    ) -> (scores16: [SIMD16<Float>], scores17: [Float]) {
        var scores16: [SIMD16<Float>] = []
        var scores17: [Float] = []
        var rows = [UInt32](repeating: 0, count: NERFeatureExtractor.maxTransitionFeatureCount)
        let info = NERFeatureExtractor.beginPad
        weights.withUnsafeBytes { w in
            exponents.withUnsafeBufferPointer { e in
                rows.withUnsafeMutableBufferPointer { r in
                    for p in 0 ... BILOUTag.count {
                        let c = extractor.transitionRows(info: info, previous: UInt8(p), into: r.baseAddress!)
                        let (s16, s17) = scoreRows(UnsafePointer(r.baseAddress!), c, w.baseAddress!, e.baseAddress!)
                        scores16.append(SIMD16<Float>(s16) + penalty16[p])
                        scores17.append(Float(s17) + penalty17[p])
                    }
                }
            }
        }
        return (scores16, scores17)
    }
}

extension NERDecoder {
    /// Exact Viterbi decoding over the legal BILOU sequences (``NERFeatureSet/viterbi``): the score of a
    /// tag at a token is its static (emission) score plus the score of the rows that depend on the previous
    /// tag (``NERFeatureExtractor/transitionRows(info:previous:into:)``). Scores are summed in Int32 per
    /// token and in Float along the path; illegal transitions get −∞, so the result is always well formed.
    /// With `confidences`, each token's confidence is the softmax probability of its tag given the
    /// decoded previous tag.
    func viterbi(
        infos: UnsafeBufferPointer<NERTokenInfo>, rows: UnsafePointer<UInt32>, memory: NERDocumentMemory?,
        tags: UnsafeMutableBufferPointer<UInt8>, confidences: UnsafeMutableBufferPointer<Float>?
    ) {
        let n = infos.count
        let k = BILOUTag.count
        let start = UInt8(k)
        let extractor = model.extractor
        let staticCount = NERFeatureExtractor.staticFeatureCount
        // With confidences, each token's emission scores are kept for the confidence pass.
        let saved = confidences == nil ? 0 : n
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n * k) { back in
        withUnsafeTemporaryAllocation(of: SIMD16<Int32>.self, capacity: saved) { saved16 in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: saved) { saved17 in
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: staticCount + 4) { extra in
        model.weights.withUnsafeBytes { w in
        model.exponents.withUnsafeBufferPointer { exps in
            let wb = w.baseAddress!
            let ex = exps.baseAddress!
            let x = extra.baseAddress!
            var delta16 = SIMD16<Float>(repeating: 0)
            var delta17: Float = 0
            @inline(__always) func emission(_ i: Int) -> (SIMD16<Int32>, Int32) {
                var (e16, e17) = scoreRows(rows + i * staticCount, staticCount, wb, ex)
                let history = memory?.history(for: infos[i]) ?? NERFeatureExtractor.noHistory
                let h = extractor.historyRows(info: infos[i], history: history, into: x)
                if h > 0 {
                    let (h16, h17) = scoreRows(UnsafePointer(x), h, wb, ex)
                    e16 &+= h16; e17 &+= h17
                }
                return (e16, e17)
            }
            @inline(__always) func transition(_ i: Int, _ p: UInt8) -> (SIMD16<Int32>, Int32) {
                let c = extractor.transitionRows(info: infos[i], previous: p, into: x)
                return scoreRows(UnsafePointer(x), c, wb, ex)
            }
            NERViterbiTables.penalty16.withUnsafeBufferPointer { pen16 in
            NERViterbiTables.penalty17.withUnsafeBufferPointer { pen17 in
                for i in 0 ..< n {
                    let (e16, e17) = emission(i)
                    if saved > 0 {
                        saved16[i] = e16
                        saved17[i] = e17
                    }
                    var best16 = SIMD16<Float>(repeating: -.infinity)
                    var best17 = -Float.infinity
                    var back16 = SIMD16<Int32>(repeating: Int32(start))
                    var back17 = start
                    if let table = model.transitionTable {
                        let f16 = SIMD16<Float>(e16)
                        let f17 = Float(e17)
                        if i == 0 {
                            best16 = f16 + table.scores16[k]
                            best17 = f17 + table.scores17[k]
                        } else {
                            for p in 0 ..< k {
                                let dp = p < 16 ? delta16[p] : delta17
                                if dp == -.infinity { continue }
                                let c16 = f16 + (table.scores16[p] + dp)
                                let better = c16 .> best16
                                best16.replace(with: c16, where: better)
                                back16.replace(with: SIMD16<Int32>(repeating: Int32(p)), where: better)
                                let c17 = f17 + table.scores17[p] + dp
                                if c17 > best17 { best17 = c17; back17 = UInt8(p) }
                            }
                        }
                    } else if i == 0 {
                        let (t16, t17) = transition(0, start)
                        best16 = SIMD16<Float>(e16 &+ t16) + pen16[k]
                        best17 = Float(e17 &+ t17) + pen17[k]
                    } else {
                        for p in 0 ..< k {
                            let dp = p < 16 ? delta16[p] : delta17
                            if dp == -.infinity { continue }
                            let (t16, t17) = transition(i, UInt8(p))
                            let c16 = SIMD16<Float>(e16 &+ t16) + (pen16[p] + dp)
                            let better = c16 .> best16
                            best16.replace(with: c16, where: better)
                            back16.replace(with: SIMD16<Int32>(repeating: Int32(p)), where: better)
                            let c17 = Float(e17 &+ t17) + pen17[p] + dp
                            if c17 > best17 { best17 = c17; back17 = UInt8(p) }
                        }
                    }
                    if i == n - 1 {
                        best16 += NERViterbiTables.endPenalty16
                        best17 += NERViterbiTables.endPenalty17
                    }
                    let b = back.baseAddress! + i * k
                    for t in 0 ..< 16 { b[t] = UInt8(truncatingIfNeeded: back16[t]) }
                    b[16] = back17
                    delta16 = best16
                    delta17 = best17
                }
            }
            }
            // Backtrace from the best final tag (ties: the lowest index, so `O` first).
            var bestTag = 0
            var bestScore = delta16[0]
            for t in 1 ..< k {
                let v = t < 16 ? delta16[t] : delta17
                if v > bestScore { bestScore = v; bestTag = t }
            }
            var t = UInt8(bestTag)
            for i in stride(from: n - 1, through: 0, by: -1) {
                tags[i] = t
                t = back[i * k + Int(t)]
            }
            guard let confidences else { return }
            let scale = model.scale
            for i in 0 ..< n {
                let p = i == 0 ? start : tags[i - 1]
                let (t16, t17) = transition(i, p)
                let e16 = saved16[i], e17 = saved17[i]
                let s16 = e16 &+ t16
                let s17 = e17 &+ t17
                let chosen = Int(tags[i])
                let chosenScore = chosen < 16 ? s16[chosen] : s17
                var sum: Float = 0
                let last = i == n - 1
                for u in 0 ..< k where NERTransitions.allowed[Int(p) * k + u] && (!last || NERTransitions.canEnd[u]) {
                    let score = u < 16 ? s16[u] : s17
                    sum += expf(Float(score - chosenScore) * scale)
                }
                confidences[i] = 1 / sum
            }
        }
        }
        }
        }
        }
        }
    }
}

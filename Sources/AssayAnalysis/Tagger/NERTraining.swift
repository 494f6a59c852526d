public import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator, used so that training is
/// reproducible on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { self.state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return NERFeatureExtractor.mix(state)
    }

    /// A uniform integer in `0 ..< bound` (Lemire's multiply-shift; the tiny bias is irrelevant here,
    /// what matters is that it is deterministic).
    public mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Fisher–Yates shuffle driven only by this generator.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, below(i + 1))
        }
    }
}

/// Training settings for ``NERTraining``.
public struct NERTrainingOptions: Sendable {
    /// Passes over the training data.
    public var epochs: Int = 10
    /// Seed of the document shuffling.
    public var seed: UInt64 = 42
    /// log2 of the number of weight rows (the model file is about `17 × 2^hashBits` bytes).
    public var hashBits: Int = 18
    /// Optional feature templates.
    public var featureSet: NERFeatureSet = .standard
    /// On sentences from files that contain no MISC annotation at all, do not update when the gold tag
    /// is `O` and the prediction is a MISC tag (such files leave MISC names unannotated).
    public var maskMISCOnFilesWithoutMISC = true
    /// Fraction of training sentences also added in ALL CAPS (as extra documents), so that headlines
    /// and datelines in capitals are tagged; chosen with a generator seeded from `seed`.
    public var uppercaseAugmentation: Double = 0.1
    /// The model version string; `nil` gives ``NERTraining/defaultModelVersion(seed:knowledgeBase:)``.
    public var modelVersion: String?
    /// The gazetteer for ``NERFeatureSet/gazetteer``; `nil` uses the bundled knowledge base's.
    public var gazetteer: NERGazetteer?
    /// The words in small letters the casing lexicon adds to the training files' (``NERCasingLexicon``);
    /// `nil` uses the bundled English word list.
    public var casingWords: [String]?
    /// Number of perceptrons (each on its own shuffling seed) whose averaged weights are averaged. Nine
    /// rather than three: over shuffling seeds the mean dev scores rise a little and uner's spread
    /// narrows (docs/PERFORMANCE.md).
    public var ensembleSize = 9

    /// Default options.
    public init() {}
}

/// Training of the averaged-perceptron tagger.
public enum NERTraining {
    /// The release date written into default model version strings; a constant (not today's date) so
    /// that retraining produces a byte-identical file.
    public static let releaseDate = "2026-11-29"

    /// `ner-perceptron-5 (seed S, 2026-11-29, kb-…)` (the knowledge-base version when gazetteer
    /// features are used).
    public static func defaultModelVersion(seed: UInt64, knowledgeBase: String? = nil) -> String {
        "ner-perceptron-5 (seed \(seed), \(releaseDate)\(knowledgeBase.map { ", \($0)" } ?? ""))"
    }

    /// Trains a model on CoNLL `files`, reporting progress and, after each ensemble member's last
    /// epoch, scores on `devFiles`.
    ///
    /// Deterministic: the same files, options and seed give byte-identical weights.
    public static func train(
        files: [URL], devFiles: [URL], options: NERTrainingOptions,
        progress: (String) -> Void = { _ in }
    ) throws -> NERModel {
        var corpus: [(document: CoNLLDocument, maskMISC: Bool)] = []
        for file in files {
            let documents = try CoNLL.read(contentsOf: file)
            let hasMISC = documents.contains { $0.sentences.contains { $0.tags.contains { $0.hasSuffix("-MISC") } } }
            let mask = options.maskMISCOnFilesWithoutMISC && !hasMISC
            progress("\(file.lastPathComponent): \(documents.count) documents\(mask ? ", no MISC annotation: MISC-vs-O decisions masked" : "")")
            corpus += documents.map { ($0, mask) }
        }
        // The training files' usual casings, before the augmentation below writes sentences in capitals.
        let extractor = NERFeatureExtractor(hashBits: options.hashBits, featureSet: options.featureSet)
        let casing = NERCasingLexicon(
            documents: corpus.map(\.document), commonWords: try options.casingWords ?? NERCasingLexicon.bundledEnglishWords(),
            extractor: extractor
        )
        progress("casing lexicon: \(casing.count) words")
        if options.uppercaseAugmentation > 0 {
            var augmentRNG = SplitMix64(seed: options.seed ^ 0xCA95)
            var extra: [(document: CoNLLDocument, maskMISC: Bool)] = []
            for (document, mask) in corpus {
                let chosen = document.sentences.filter { _ in
                    Double(augmentRNG.next() >> 11) * 0x1p-53 < options.uppercaseAugmentation
                }
                guard !chosen.isEmpty else { continue }
                let upper = chosen.map { CoNLLSentence(tokens: $0.tokens.map { $0.uppercased() }, tags: $0.tags) }
                extra.append((CoNLLDocument(sentences: upper), mask))
            }
            progress("upper-case augmentation: \(extra.reduce(0) { $0 + $1.document.sentences.count }) sentences")
            corpus += extra
        }
        let dev = try devFiles.map { (name: $0.lastPathComponent, documents: try CoNLL.read(contentsOf: $0)) }
        let gazetteer = options.featureSet.contains(.gazetteer) ? try (options.gazetteer ?? NERGazetteer.bundled()) : nil
        let version = options.modelVersion ?? NERTraining.defaultModelVersion(seed: options.seed, knowledgeBase: gazetteer?.version)

        var trainer = PerceptronTrainer(extractor: extractor, gazetteer: gazetteer, casing: casing, corpus: corpus)
        // An ensemble of `ensembleSize` perceptrons, each trained on its own document order (member m
        // shuffles with seed `seed + m`); their averaged weights are averaged before quantisation. This
        // removes most of the dependence of the result on the shuffling seed.
        let members = max(1, options.ensembleSize)
        let fresh = trainer
        var sum: [Float]?
        var model: NERModel?
        for member in 0 ..< members {
            trainer = fresh
            var rng = SplitMix64(seed: options.seed &+ UInt64(member))
            var order = Array(0 ..< corpus.count)
            for epoch in 1 ... max(1, options.epochs) {
                let start = Date()
                rng.shuffle(&order)
                let (errors, tokens) = trainer.epoch(order: order)
                var line = String(format: "member %d epoch %2d  train token error %.4f  %.1fs", member + 1, epoch,
                                  Double(errors) / Double(max(tokens, 1)), Date().timeIntervalSince(start))
                if epoch == max(1, options.epochs) {
                    let current = trainer.model(version: version)
                    for set in dev {
                        let evaluator = current.evaluate(set.documents)
                        line += String(format: "  %@ F1 PER+ORG+LOC %.2f all %.2f", set.name, 100 * evaluator.microPerOrgLoc.f1, 100 * evaluator.microAll.f1)
                    }
                }
                progress(line)
            }
            let averaged = trainer.averagedWeights()
            if var total = sum {
                for i in total.indices { total[i] += averaged[i] }
                sum = total
            } else {
                sum = averaged
            }
        }
        var mean = sum!
        if members > 1 { for i in mean.indices { mean[i] /= Float(members) } }
        model = PerceptronTrainer.quantise(mean, extractor: extractor, gazetteer: gazetteer, casing: casing, version: version)
        var line = "final (\(members) member\(members == 1 ? "" : "s"))"
        for set in dev {
            let evaluator = model!.evaluate(set.documents)
            line += String(format: "  %@ F1 PER+ORG+LOC %.2f all %.2f", set.name, 100 * evaluator.microPerOrgLoc.f1, 100 * evaluator.microAll.f1)
        }
        progress(line)
        return model!
    }
}

extension NERModel {
    /// Tags every document (with document-level consistency) and scores against the gold tags.
    ///
    /// With `minimumConfidence`, only spans whose probability (``NERSpan/confidence``) reaches it count
    /// as predicted, as in the engine's ``TaggedNameRecognizer``, and the evaluator's
    /// ``NEREvaluator/calibration`` shows how well the probabilities predict correctness.
    public func evaluate(_ documents: [CoNLLDocument], minimumConfidence: Float? = nil) -> NEREvaluator {
        var evaluator = NEREvaluator()
        for document in documents {
            let tokens = document.sentences.map(\.tokens)
            guard let minimumConfidence else {
                for (sentence, tags) in zip(document.sentences, tagDocument(tokens)) {
                    evaluator.add(gold: sentence.tags, predicted: tags)
                }
                continue
            }
            for (sentence, spans) in zip(document.sentences, spansDocument(tokens)) {
                let gold = NERTagScheme.spans(fromBIO: sentence.tags)
                evaluator.addConfidences(goldSpans: gold, predictedSpans: spans)
                evaluator.add(
                    goldSpans: gold, predictedSpans: spans.filter { $0.confidence >= minimumConfidence },
                    tokenCount: sentence.tokens.count
                )
            }
        }
        return evaluator
    }
}

/// The averaged-perceptron learner over precomputed static feature rows.
struct PerceptronTrainer {
    let extractor: NERFeatureExtractor
    let gazetteer: NERGazetteer?
    /// The casing lexicon the trained model carries (training itself sees the sentences as written).
    let casing: NERCasingLexicon
    let k = BILOUTag.count
    /// Per document: the range of its sentences in `sentenceStarts`.
    var documentSentences: [Range<Int>] = []
    var documentMask: [Bool] = []
    /// Per sentence: token offset into `infos`/`gold`; one extra entry at the end.
    var sentenceStarts: [Int] = [0]
    var infos: [NERTokenInfo] = []
    var gold: [UInt8] = []
    var rows: [UInt32] = []
    var weights: [Float]
    var totals: [Float]
    var counter: Float = 1

    init(
        extractor: NERFeatureExtractor, gazetteer: NERGazetteer?, casing: NERCasingLexicon,
        corpus: [(document: CoNLLDocument, maskMISC: Bool)]
    ) {
        self.extractor = extractor
        self.gazetteer = gazetteer
        self.casing = casing
        weights = [Float](repeating: 0, count: extractor.rowCount * BILOUTag.count)
        totals = weights
        for (document, mask) in corpus {
            let first = sentenceStarts.count - 1
            for sentence in document.sentences {
                for token in sentence.tokens { infos.append(extractor.info(for: token)) }
                gold += NERTagScheme.bilou(fromBIO: sentence.tags).map(\.rawValue)
                sentenceStarts.append(infos.count)
            }
            documentSentences.append(first ..< sentenceStarts.count - 1)
            documentMask.append(mask)
        }
        let staticCount = NERFeatureExtractor.staticFeatureCount
        rows = [UInt32](repeating: 0, count: infos.count * staticCount)
        for s in 0 ..< sentenceStarts.count - 1 {
            let a = sentenceStarts[s], b = sentenceStarts[s + 1]
            if let gazetteer {
                infos.withUnsafeMutableBufferPointer { _ = gazetteer.annotate(UnsafeMutableBufferPointer(rebasing: $0[a ..< b])) }
            }
            infos.withUnsafeBufferPointer { infos in
                rows.withUnsafeMutableBufferPointer { rows in
                    extractor.staticRows(UnsafeBufferPointer(rebasing: infos[a ..< b]), into: rows.baseAddress! + a * staticCount)
                }
            }
        }
    }

    /// One pass over the documents in `order`; returns (token errors, tokens).
    mutating func epoch(order: [Int]) -> (Int, Int) {
        if extractor.featureSet.contains(.viterbi) { return structuredEpoch(order: order) }
        var errors = 0, tokens = 0
        let staticCount = NERFeatureExtractor.staticFeatureCount
        let k = self.k
        var memory = NERDocumentMemory()
        var features = [UInt32](repeating: 0, count: staticCount + NERFeatureExtractor.maxDynamicFeatureCount)
        var predicted: [UInt8] = []
        for d in order {
            memory.reset()
            let mask = documentMask[d]
            for s in documentSentences[d] {
                let a = sentenceStarts[s], n = sentenceStarts[s + 1] - a
                predicted.removeAll(keepingCapacity: true)
                var previous = UInt8(k), previous2 = UInt8(k)
                for i in 0 ..< n {
                    let t = a + i
                    for f in 0 ..< staticCount { features[f] = rows[t * staticCount + f] }
                    let history = memory.history(for: infos[t])
                    let count = staticCount + features.withUnsafeMutableBufferPointer { buffer in
                        extractor.dynamicRows(info: infos[t], previous: previous, previous2: previous2, history: history,
                                              into: buffer.baseAddress! + staticCount)
                    }
                    let (s16, s17) = weights.withUnsafeBytes { raw in
                        features.withUnsafeBufferPointer { Self.rowSum(raw.baseAddress!, $0.baseAddress!, count) }
                    }
                    let last = i == n - 1
                    var best = 0
                    var bestScore = -Float.infinity
                    let allowedBase = Int(previous) * k
                    for tag in 0 ..< k where NERTransitions.allowed[allowedBase + tag] && (!last || NERTransitions.canEnd[tag]) {
                        let score = tag < 16 ? s16[tag] : s17
                        if score > bestScore { bestScore = score; best = tag }
                    }
                    let g = Int(gold[t])
                    if best != g {
                        errors += 1
                        // Files without MISC annotation leave MISC names as O: predicting MISC there is
                        // not an error (measured: without this mask dev F1 PER+ORG+LOC 64.05 / 54.91, all
                        // types on wikigold 49.5; with it 64.93 / 58.70, all types 57.35).
                        let maskedMISC = mask && g == 0 && (best - 1) / 4 == Int(NERLabel.misc.rawValue)
                        // With predicted history the gold tag can be unreachable under the BILOU constraint
                        // (e.g. gold O after a predicted B-PER). The error was made, and updated, at the
                        // earlier token; updating here would push a tag the constrained argmax cannot choose,
                        // again and again (weights grow without bound: what made predicted history "blow up").
                        let reachable = NERTransitions.allowed[allowedBase + g] && (!last || NERTransitions.canEnd[g])
                        if !maskedMISC && reachable {
                            let c = counter
                            weights.withUnsafeMutableBufferPointer { w in
                                totals.withUnsafeMutableBufferPointer { u in
                                    for f in 0 ..< count where features[f] != NERFeatureExtractor.nullRow {
                                        let r = Int(features[f]) * k
                                        w[r + g] += 1; u[r + g] += c
                                        w[r + best] -= 1; u[r + best] -= c
                                    }
                                }
                            }
                        }
                    }
                    counter += 1
                    tokens += 1
                    predicted.append(UInt8(best))
                    previous2 = previous
                    // Predicted history, as in decoding: the same constrained argmax is taken here and at
                    // decoding time; when it differs from gold, the features computed with the predicted
                    // history get +1 on the gold tag and −1 on the predicted one. With gold history
                    // (teacher forcing) the tagger would never learn to continue after its own errors.
                    previous = UInt8(best)
                }
                infos.withUnsafeBufferPointer { infos in
                    predicted.withUnsafeBufferPointer { tags in
                        memory.record(infos: UnsafeBufferPointer(rebasing: infos[a ..< a + n]), tags: tags)
                    }
                }
            }
        }
        return (errors, tokens)
    }

    /// One pass of the structured (Collins 2002) perceptron with Viterbi decoding: each sentence is decoded
    /// exactly; where the best sequence differs from the gold one, the rows of the gold path get +1 on the
    /// gold tags and those of the predicted path −1 on the predicted tags. On sentences from files without
    /// MISC annotation a predicted MISC name over gold `O` tokens is not an error
    /// (``acceptMISC(predicted:into:)``).
    mutating func structuredEpoch(order: [Int]) -> (Int, Int) {
        var errors = 0, tokens = 0
        let k = self.k
        var memory = NERDocumentMemory()
        var emission: [Float] = []
        var transition: [Float] = []
        var predicted: [UInt8] = []
        var target: [UInt8] = []
        for d in order {
            memory.reset()
            let mask = documentMask[d]
            for s in documentSentences[d] {
                let a = sentenceStarts[s], n = sentenceStarts[s + 1] - a
                guard n > 0 else { continue }
                if emission.count < n * k { emission = [Float](repeating: 0, count: n * k) }
                if transition.count < n * (k + 1) * k { transition = [Float](repeating: 0, count: n * (k + 1) * k) }
                structuredScores(first: a, count: n, memory: memory, emission: &emission, transition: &transition)
                Self.viterbi(n: n, emission: emission, transition: transition, into: &predicted)
                target.removeAll(keepingCapacity: true)
                for i in 0 ..< n { target.append(gold[a + i]) }
                if mask { Self.acceptMISC(predicted: predicted, into: &target) }
                var differs = false
                for i in 0 ..< n where predicted[i] != target[i] { errors += 1; differs = true }
                tokens += n
                if differs { structuredUpdate(first: a, target: target, predicted: predicted, memory: memory) }
                counter += Float(n)
                infos.withUnsafeBufferPointer { infos in
                    predicted.withUnsafeBufferPointer { tags in
                        memory.record(infos: UnsafeBufferPointer(rebasing: infos[a ..< a + n]), tags: tags)
                    }
                }
            }
        }
        return (errors, tokens)
    }

    /// The sum of the float weight rows `rows[0 ..< count]` (17 tags: 16 in SIMD, the 17th alone).
    @inline(__always)
    static func rowSum(_ weights: UnsafeRawPointer, _ rows: UnsafePointer<UInt32>, _ count: Int) -> (SIMD16<Float>, Float) {
        var s16 = SIMD16<Float>(repeating: 0)
        var s17: Float = 0
        for f in 0 ..< count {
            let p = weights + Int(rows[f]) * BILOUTag.count * 4
            s16 += p.loadUnaligned(as: SIMD16<Float>.self)
            s17 += p.load(fromByteOffset: 64, as: Float.self)
        }
        return (s16, s17)
    }

    /// The float scores of the sentence whose tokens are `first ..< first + count`:
    /// `emission[i * k + t]` from the static and document-history rows of token `i`, and
    /// `transition[(i * (k + 1) + p) * k + t]` from its rows for previous tag `p` (only `p = k`, the
    /// sentence start, for `i = 0`).
    func structuredScores(
        first a: Int, count n: Int, memory: NERDocumentMemory, emission: inout [Float], transition: inout [Float]
    ) {
        let k = self.k
        let staticCount = NERFeatureExtractor.staticFeatureCount
        let extractor = self.extractor
        var extra = [UInt32](repeating: 0, count: 8)
        var history = [Float](repeating: 0, count: k)
        weights.withUnsafeBytes { w in
            let base = w.baseAddress!
            /// Writes the sum of the weight rows `rows[0 ..< count]` to `out[0 ..< k]`.
            func sum(_ rows: UnsafePointer<UInt32>, _ count: Int, into out: UnsafeMutablePointer<Float>) {
                let (s16, s17) = Self.rowSum(base, rows, count)
                UnsafeMutableRawPointer(out).storeBytes(of: s16, as: SIMD16<Float>.self)
                out[16] = s17
            }
            rows.withUnsafeBufferPointer { rows in
                extra.withUnsafeMutableBufferPointer { extra in
                    emission.withUnsafeMutableBufferPointer { emission in
                        transition.withUnsafeMutableBufferPointer { transition in
                            let x = extra.baseAddress!
                            for i in 0 ..< n {
                                let t = a + i
                                sum(rows.baseAddress! + t * staticCount, staticCount, into: emission.baseAddress! + i * k)
                                let past = memory.history(for: infos[t])
                                let h = extractor.historyRows(info: infos[t], history: past, into: x)
                                if h > 0 {
                                    history.withUnsafeMutableBufferPointer { sum(x, h, into: $0.baseAddress!) }
                                    for tag in 0 ..< k { emission[i * k + tag] += history[tag] }
                                }
                                for p in (i == 0 ? k ... k : 0 ... k - 1) {
                                    let c = extractor.transitionRows(info: infos[t], previous: UInt8(p), into: x)
                                    sum(x, c, into: transition.baseAddress! + (i * (k + 1) + p) * k)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The structured perceptron update for the sentence starting at token `first`: +1 on the target tag
    /// and −1 on the predicted tag for the static and history rows of every token where they differ, and
    /// for the transition rows of every token where the tag or the previous tag differs.
    mutating func structuredUpdate(first a: Int, target: [UInt8], predicted: [UInt8], memory: NERDocumentMemory) {
        let k = self.k
        let staticCount = NERFeatureExtractor.staticFeatureCount
        let extractor = self.extractor
        let c = counter
        var extra = [UInt32](repeating: 0, count: 8)
        let infos = self.infos
        let rows = self.rows
        weights.withUnsafeMutableBufferPointer { w in
            totals.withUnsafeMutableBufferPointer { u in
                extra.withUnsafeMutableBufferPointer { extra in
                    let x = extra.baseAddress!
                    func update(_ row: UInt32, _ tag: Int, _ amount: Float) {
                        guard row != NERFeatureExtractor.nullRow else { return }
                        let r = Int(row) * k + tag
                        w[r] += amount
                        u[r] += amount * c
                    }
                    for i in 0 ..< target.count {
                        let t = a + i
                        let g = Int(target[i]), q = Int(predicted[i])
                        if g != q {
                            for f in 0 ..< staticCount {
                                update(rows[t * staticCount + f], g, 1)
                                update(rows[t * staticCount + f], q, -1)
                            }
                            let past = memory.history(for: infos[t])
                            let h = extractor.historyRows(info: infos[t], history: past, into: x)
                            for f in 0 ..< h { update(x[f], g, 1); update(x[f], q, -1) }
                        }
                        let gp = i == 0 ? k : Int(target[i - 1])
                        let qp = i == 0 ? k : Int(predicted[i - 1])
                        if g != q || gp != qp {
                            var count = extractor.transitionRows(info: infos[t], previous: UInt8(gp), into: x)
                            for f in 0 ..< count { update(x[f], g, 1) }
                            count = extractor.transitionRows(info: infos[t], previous: UInt8(qp), into: x)
                            for f in 0 ..< count { update(x[f], q, -1) }
                        }
                    }
                }
            }
        }
    }

    /// On sentences from files without MISC annotation: every predicted MISC entity whose tokens are all
    /// gold `O` is copied into the target, so it is not an error (neither rewarded nor penalised). The
    /// result stays well formed: a gold `O` token is never preceded by an open gold entity, nor followed
    /// by the continuation of one.
    static func acceptMISC(predicted: [UInt8], into target: inout [UInt8]) {
        let misc = NERLabel.misc
        let spans = NERTagScheme.spans(fromBILOU: predicted.map { BILOUTag(uncheckedRawValue: $0) })
        for span in spans where span.label == misc {
            guard span.range.allSatisfy({ target[$0] == 0 }) else { continue }
            for i in span.range { target[i] = predicted[i] }
        }
    }

    /// Float Viterbi over the legal BILOU sequences for training. Ties go to the lower tag index.
    static func viterbi(n: Int, emission: [Float], transition: [Float], into path: inout [UInt8]) {
        let k = BILOUTag.count
        let start = k
        var delta = [Float](repeating: -.infinity, count: k)
        var next = delta
        var back = [UInt8](repeating: 0, count: n * k)
        for i in 0 ..< n {
            for t in 0 ..< k {
                next[t] = -.infinity
                if i == n - 1 && !NERTransitions.canEnd[t] { continue }
                if i == 0 {
                    if NERTransitions.allowed[start * k + t] {
                        next[t] = emission[t] + transition[start * k + t]
                        back[t] = UInt8(start)
                    }
                    continue
                }
                for p in 0 ..< k where delta[p] > -.infinity && NERTransitions.allowed[p * k + t] {
                    let v = delta[p] + emission[i * k + t] + transition[(i * (k + 1) + p) * k + t]
                    if v > next[t] { next[t] = v; back[i * k + t] = UInt8(p) }
                }
            }
            swap(&delta, &next)
        }
        var best = 0
        for t in 1 ..< k where delta[t] > delta[best] { best = t }
        path = [UInt8](repeating: 0, count: n)
        var t = UInt8(best)
        for i in stride(from: n - 1, through: 0, by: -1) {
            path[i] = t
            t = back[i * k + Int(t)]
        }
    }

    /// The averaged weights quantised to Int8 with a power-of-two exponent per row (see ``NERModelFormat``).
    func model(version: String) -> NERModel {
        Self.quantise(averagedWeights(), extractor: extractor, gazetteer: gazetteer, casing: casing, version: version)
    }

    /// The averaged perceptron weights (float, row-major).
    func averagedWeights() -> [Float] {
        var out = [Float](repeating: 0, count: weights.count)
        for i in out.indices { out[i] = weights[i] - totals[i] / counter }
        return out
    }

    /// Quantises float weights to Int8 with a power-of-two exponent per row (see ``NERModelFormat``).
    static func quantise(
        _ averaged: [Float], extractor: NERFeatureExtractor, gazetteer: NERGazetteer?, casing: NERCasingLexicon, version: String
    ) -> NERModel {
        let k = BILOUTag.count
        let scale = NERModel.baseScale
        var quantised = [Int8](repeating: 0, count: averaged.count)
        var exponents = [UInt8](repeating: 0, count: extractor.rowCount)
        var row = [Float](repeating: 0, count: k)
        for r in 0 ..< extractor.rowCount {
            var maxAbs: Float = 0
            for t in 0 ..< k {
                let v = averaged[r * k + t]
                row[t] = v
                maxAbs = max(maxAbs, abs(v))
            }
            guard maxAbs > 0 else { continue }
            var e = 0
            while e < NERModel.maxExponent && maxAbs / (scale * Float(1 << e)) > 127 { e += 1 }
            exponents[r] = UInt8(e)
            let unit = scale * Float(1 << e)
            for t in 0 ..< k { quantised[r * k + t] = Int8(max(-127, min(127, (row[t] / unit).rounded()))) }
        }
        return NERModel(version: version, extractor: extractor, scale: scale, weights: quantised, exponents: exponents,
                        gazetteer: gazetteer, casing: casing)
    }
}

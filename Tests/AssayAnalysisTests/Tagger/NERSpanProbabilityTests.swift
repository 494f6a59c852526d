import Foundation
import Testing

@testable import AssayAnalysis

@Suite("NER span probabilities")
struct NERSpanProbabilityTests {
    typealias Vector = NERForwardBackward.Vector

    /// Random factors for every (token, previous tag), 0 for the illegal transitions.
    static func randomPotentials(tokens n: Int, seed: UInt64) -> [[Vector]] {
        var random = SplitMix64(seed: seed)
        let k = BILOUTag.count
        return (0 ..< n).map { _ in
            (0 ... k).map { p in
                var v16 = SIMD16<Float>(repeating: 0)
                var v17: Float = 0
                for t in 0 ..< k where NERTransitions.allowed[p * k + t] {
                    let factor = Float(exp(Double(random.below(4000)) / 1000 - 2))
                    if t < 16 { v16[t] = factor } else { v17 = factor }
                }
                return (v16, v17)
            }
        }
    }

    /// Enumerates every legal tag sequence and sums the weights of those that tag `span` as `tags` does.
    static func bruteForce(_ potentials: [[Vector]], tags: [UInt8], span: NERSpan) -> Double {
        let n = potentials.count
        let k = BILOUTag.count
        var total = 0.0
        var matching = 0.0
        var path: [Int] = []
        func factor(_ i: Int, _ p: Int, _ t: Int) -> Double { Double(NERForwardBackward.component(potentials[i][p], t)) }
        func extend(_ weight: Double) {
            let i = path.count
            if i == n {
                guard NERTransitions.canEnd[path[n - 1]] else { return }
                total += weight
                if span.range.allSatisfy({ path[$0] == Int(tags[$0]) }) { matching += weight }
                return
            }
            let p = i == 0 ? k : path[i - 1]
            for t in 0 ..< k {
                let f = factor(i, p, t)
                if f == 0 { continue }
                path.append(t)
                extend(weight * f)
                path.removeLast()
            }
        }
        extend(1)
        return matching / total
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func forwardBackwardMatchesEnumeratingEveryPath(seed: UInt64) {
        let tags = [BILOUTag(.begin, .per), BILOUTag(.last, .per), .outside, BILOUTag(.unit, .loc)].map(\.rawValue)
        let potentials = Self.randomPotentials(tokens: tags.count, seed: seed)
        let spans = NERTagScheme.spans(fromBILOU: tags.map { BILOUTag(uncheckedRawValue: $0) })
        #expect(spans.map(\.description) == ["PER[0..<2]", "LOC[3..<4]"])
        let k = BILOUTag.count
        var rows = [Vector](repeating: (.zero, 0), count: tags.count * k)
        var columns = rows
        for i in tags.indices {
            for p in i == 0 ? k ..< k + 1 : 0 ..< k { rows[NERForwardBackward.index(i, p)] = potentials[i][p] }
            guard i > 0 else { continue }
            for t in 0 ..< k { columns[i * k + t] = NERForwardBackward.column(t, of: { potentials[i][$0] }) }
        }
        let computed = tags.withUnsafeBufferPointer { tags in
            rows.withUnsafeBufferPointer { rows in
                columns.withUnsafeBufferPointer { NERForwardBackward.spanProbabilities(spans, tags: tags, rows: rows, columns: $0) }
            }
        }
        for (span, result) in zip(spans, computed) {
            let expected = Self.bruteForce(potentials, tags: tags, span: span)
            #expect(abs(Double(result.confidence) - expected) < 1e-5, "\(span): \(result.confidence) vs \(expected)")
            #expect(expected > 0.001 && expected < 0.999, "the check is not trivial")
        }
    }

    @Test func aNameTheDecoderChoosesForItsContextIsNotScoredByItsFirstTokenAlone() throws {
        // "Kelvara" is in no list; Viterbi tags it LOC from "flew to … on Monday". The old per-token
        // confidence (softmax of its tag given the previous tag) put such a name at about 1e-17.
        let model = try NERModel.bundled()
        let spans = model.spans(["He", "flew", "to", "Kelvara", "on", "Monday", "."])
        #expect(spans.map(\.description) == ["LOC[3..<4]"])
        #expect(spans[0].confidence > 0.35)
    }

    @Test func precomputedAndPerTokenTransitionsGiveTheSameProbabilities() throws {
        // A model with tag conjunctions computes its transition scores per token; with zero
        // conjunction weights it must score every path as the table-driven model does.
        func model(_ featureSet: NERFeatureSet) -> NERModel {
            let extractor = NERFeatureExtractor(hashBits: 12, featureSet: featureSet)
            var weights = [Int8](repeating: 0, count: extractor.rowCount * BILOUTag.count)
            func set(_ row: UInt32, _ tag: BILOUTag, _ value: Int8) { weights[Int(row) * BILOUTag.count + Int(tag.rawValue)] = value }
            set(extractor.row(1, extractor.info(for: "New").word), .outside, 30)
            set(extractor.row(1, extractor.info(for: "New").word), BILOUTag(.begin, .loc), 20)
            set(extractor.row(1, extractor.info(for: "York").word), BILOUTag(.last, .loc), 60)
            set(extractor.row(1, extractor.info(for: "York").word), BILOUTag(.unit, .loc), 40)
            // A transition weight, so that the table is not all zero.
            var rows = [UInt32](repeating: 0, count: NERFeatureExtractor.maxTransitionFeatureCount)
            rows.withUnsafeMutableBufferPointer { r in
                _ = extractor.transitionRows(info: NERFeatureExtractor.beginPad, previous: BILOUTag(.begin, .loc).rawValue, into: r.baseAddress!)
            }
            set(rows[0], BILOUTag(.last, .loc), 10)
            return NERModel(
                version: "test", extractor: extractor, scale: 4, weights: weights,
                exponents: [UInt8](repeating: 0, count: extractor.rowCount), gazetteer: nil, casing: .empty
            )
        }
        let table = model([.viterbi])
        let perToken = model([.viterbi, .tagConjunctions])
        #expect(table.transitionTable != nil && perToken.transitionTable == nil)
        let a = table.spans(["in", "New", "York"])
        let b = perToken.spans(["in", "New", "York"])
        #expect(a.map(\.description) == ["LOC[1..<3]"])
        #expect(b.map(\.description) == a.map(\.description))
        #expect(a[0].confidence > 0.5 && a[0].confidence < 1)
        #expect(abs(a[0].confidence - b[0].confidence) < 1e-5)
    }
}

import AssayAnalysis
import Benchmark
import Foundation

/// The example articles, read once (first line title, then body).
let articles: [ArticleInput] = {
    let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/articles")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }.sorted()) ?? []
    return files.compactMap { name in
        guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else { return nil }
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        return ArticleInput(reference: name, title: String(parts[0]), body: parts.count > 1 ? String(parts[1]) : "")
    }
}()

/// Bytes of article text per iteration (every example article once).
let articleBytes = articles.reduce(0) { $0 + $1.title.utf8.count + $1.body.utf8.count }

let knowledgeBase = try! KnowledgeBase.bundled()
let entitiesOnly = AnalysisEngine(knowledgeBase: knowledgeBase)
let withRisk = AnalysisEngine(knowledgeBase: knowledgeBase, riskModel: try! RiskModel.bundled())
let everything = try! AnalysisEngine.bundled()
let model = try! NERModel.bundled()
let sentences: [[String]] = articles.flatMap { article in
    article.body.split(separator: "\n").map { paragraph in Tokenizer().tokenize(String(paragraph)).map(\.surface) }
}

func analyseAll(_ engine: AnalysisEngine) {
    for article in articles {
        blackHole(engine.analyze(article))
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        scalingFactor: .one,
        maxDuration: .seconds(4),
        maxIterations: 5_000
    )

    // One iteration = every example article analysed once (`articleBytes` bytes, 6 articles).
    Benchmark("Engine: entities (knowledge base + cue rules)") { benchmark in
        for _ in benchmark.scaledIterations { analyseAll(entitiesOnly) }
    }
    Benchmark("Engine: entities + risk (no tagger)") { benchmark in
        for _ in benchmark.scaledIterations { analyseAll(withRisk) }
    }
    Benchmark("Engine: everything (tagger + risk)") { benchmark in
        for _ in benchmark.scaledIterations { analyseAll(everything) }
    }
    Benchmark("Tokenizer") { benchmark in
        let tokenizer = Tokenizer()
        for _ in benchmark.scaledIterations {
            for article in articles { blackHole(tokenizer.tokenize(article.body)) }
        }
    }
    Benchmark("Tagger: pre-tokenised sentences") { benchmark in
        for _ in benchmark.scaledIterations {
            for sentence in sentences { blackHole(model.spans(sentence)) }
        }
    }
}

// A plain timing loop over the engine, for profilers (perf, valgrind) that need one process
// doing only the work:  swift build -c release --product EngineProfile
//   perf record -g .build/release/EngineProfile [entities|risk|everything|tagger] [seconds] [directory]
//   (tagger: the engine's tokenizer and sentence splitter, then the tagger's spans, on raw text;
//   "events" are then the names it finds)
//   .build/release/EngineProfile dump [directory]   prints every event of every article (risk on, no
//   tagger), to check that an optimisation leaves the output byte for byte the same;
//   dump-everything does the same with the whole engine (tagger on).
// Articles: every .txt file of the directory (default Examples/articles), title on the first line.
import AssayAnalysis
import Foundation

/// Prints `message` to standard error and exits with status 2 (a usage error).
func usageError(_ message: String) -> Never {
    FileHandle.standardError.write(Data("EngineProfile: \(message)\n".utf8))
    exit(2)
}

let modes = ["entities", "risk", "everything", "tagger", "dump", "dump-everything"]
let mode = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "risk"
guard modes.contains(mode) else { usageError("unknown mode '\(mode)'; modes: \(modes.joined(separator: ", "))") }
let dumps = mode == "dump" || mode == "dump-everything"
var seconds = 5.0
if !dumps && CommandLine.arguments.count > 2 {
    guard let value = Double(CommandLine.arguments[2]), value >= 0 else {
        usageError("seconds must be a number ≥ 0, got '\(CommandLine.arguments[2])'")
    }
    seconds = value
}
let directoryArgument = dumps ? 2 : 3
let directory =
    CommandLine.arguments.count > directoryArgument
    ? URL(fileURLWithPath: CommandLine.arguments[directoryArgument])
    : URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/articles")
let articles: [ArticleInput]
do {
    articles = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        .filter { $0.hasSuffix(".txt") }.sorted().map { name in
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            return ArticleInput(reference: name, title: String(parts[0]), body: parts.count > 1 ? String(parts[1]) : "")
        }
} catch {
    usageError("cannot read the articles in \(directory.path): \(error.localizedDescription)")
}
guard !articles.isEmpty else { usageError("no .txt articles in \(directory.path)") }
let bytes = articles.reduce(0) { $0 + $1.title.utf8.count + $1.body.utf8.count }
let knowledgeBase = try KnowledgeBase.bundled()
let engine: AnalysisEngine
switch mode {
case "entities": engine = AnalysisEngine(knowledgeBase: knowledgeBase)
case "everything", "dump-everything": engine = try AnalysisEngine.bundled()
default: engine = AnalysisEngine(knowledgeBase: knowledgeBase, riskModel: try RiskModel.bundled())
}
if dumps {
    for article in articles {
        print("== \(article.reference)")
        for event in engine.analyze(article) { dump(event) }
    }
    exit(0)
}

/// CPU time of this process, in seconds: the figure that other load on the machine barely moves.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The tagger alone on raw text, as the engine feeds it: paragraphs, tokens, sentences, spans.
let tagger = mode == "tagger" ? try NERModel.bundled() : nil
func tagNames(_ article: ArticleInput) -> Int {
    var names = 0
    for (field, text) in [(ArticleField.title, article.title), (.body, article.body)] {
        var text = text
        text.withUTF8 { bytes in
            for paragraph in TextSegmentation.paragraphs(of: bytes, field: field) {
                let tokens = Tokenizer().tokenize(bytes, in: paragraph.span.start..<paragraph.span.end)
                for sentence in TextSegmentation.sentences(of: tokens, in: paragraph, firstIndex: 0) {
                    names += tagger!.spans(tokens[sentence.tokens].map(\.surface)).count
                }
            }
        }
    }
    return names
}

let start = cpuSeconds()
var rounds = 0
var events = 0
while cpuSeconds() - start < seconds {
    for article in articles {
        events += tagger == nil ? engine.analyze(article).count : tagNames(article)
    }
    rounds += 1
}
let perCPUSecond = Double(rounds * bytes) / (cpuSeconds() - start)
print(
    "\(mode): \(rounds) rounds of \(articles.count) articles (\(bytes) bytes), \(events / max(rounds, 1)) events a round, "
        + "\(String(format: "%.2f", perCPUSecond / 1_000_000)) MB per CPU-second"
)

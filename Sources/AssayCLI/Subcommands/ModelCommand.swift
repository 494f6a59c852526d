import ArgumentParser
import AssayAnalysis
import Foundation

/// `assay model`: train and evaluate the named-entity tagger.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Train or evaluate the named-entity tagger model.",
        subcommands: [Train.self, Eval.self]
    )

    /// `assay model train`: trains the averaged perceptron on the three training files.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train the tagger on uner_en/train.conll, uner_en/extra_pud.conll and wikigold/train.conll; report dev scores per epoch."
        )

        @Option(name: .long, help: "Directory with uner_en/ and wikigold/ (the README's layout).")
        var dataDir: String = "../shared/data/ner"

        @Option(name: .long, help: "Where to write the model.")
        var output: String = "Sources/AssayAnalysis/Resources/Model/ner-perceptron.bin"

        @Option(name: .long, help: "Seed of the deterministic document shuffling.")
        var seed: UInt64 = 42

        @Option(name: .long, help: "Training epochs.")
        var epochs: Int = NERTrainingOptions().epochs

        func run() throws {
            let data = URL(fileURLWithPath: dataDir)
            let files = ["uner_en/train.conll", "uner_en/extra_pud.conll", "wikigold/train.conll"].map { data.appendingPathComponent($0) }
            let dev = ["uner_en/dev.conll", "wikigold/dev.conll"].map { data.appendingPathComponent($0) }
            let start = ContinuousClock.now
            let model = try NERTraining.train(files: files, devFiles: dev, epochs: epochs, seed: seed) { print($0) }
            try model.write(to: URL(fileURLWithPath: output))
            print("wrote \(output) (\(model.serialized().count) bytes), version \"\(model.version)\", in \(ContinuousClock.now - start)")
        }
    }

    /// `assay model eval`: exact-span scores and speed on a CoNLL file.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the tagger on a CoNLL file (token<TAB>tag): per-type precision/recall/F1, micro PER+ORG+LOC, tokens per second."
        )

        @Argument(help: "CoNLL file with gold tags.")
        var file: String

        @Option(name: .long, help: "Model file (default: the bundled model).")
        var model: String?

        @Flag(name: .long, help: "Print JSON instead of a table.")
        var json = false

        func run() throws {
            let tagger = try model.map { path throws(NERModelError) in try NERModel.load(contentsOf: URL(fileURLWithPath: path)) }
                ?? NERModel.bundled()
            let documents = try CoNLL.read(contentsOf: URL(fileURLWithPath: file))
            let clock = ContinuousClock()
            var evaluator = NEREvaluator()
            let elapsed = clock.measure { evaluator = tagger.evaluate(documents) }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let tokensPerSecond = seconds > 0 ? Double(evaluator.tokenCount) / seconds : 0
            if json {
                print(evaluator.json(extra: ["tokens_per_second": tokensPerSecond.rounded(), "seconds": seconds]))
            } else {
                print("model: \(tagger.version)")
                print(evaluator.report())
                print(String(format: "%d tokens in %.3f s: %.0f tokens/s", evaluator.tokenCount, seconds, tokensPerSecond))
            }
        }
    }
}

import ArgumentParser
import AssayAnalysis
import Foundation

/// `assay model`: train and evaluate the named-entity tagger.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Train or evaluate the named-entity tagger model, or index its knowledge base.",
        subcommands: [Train.self, Eval.self, Index.self]
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

        @Option(name: .long, help: "Perceptrons averaged into the model, each on its own document order.")
        var members: Int = NERTrainingOptions().ensembleSize

        @Option(name: .long, help: "Add a feature group to the shipped set (repeatable; for ablations): \(Self.groupNames).")
        var with: [String] = []

        @Option(name: .long, help: "Remove a feature group from the shipped set (repeatable; for ablations): \(Self.groupNames).")
        var without: [String] = []

        @Option(name: .long, help: "Fraction of training sentences also added in capitals (0 to 1).")
        var uppercaseAugmentation: Double = NERTrainingOptions().uppercaseAugmentation

        static let groupNames = NERFeatureSet.groupsByName.map(\.name).joined(separator: ", ")

        /// The shipped feature set with `--with` groups added and `--without` groups removed.
        func featureSet() throws -> NERFeatureSet {
            func group(_ name: String) throws -> NERFeatureSet {
                guard let match = NERFeatureSet.groupsByName.first(where: { $0.name == name }) else {
                    throw ValidationError("unknown feature group '\(name)'; known: \(Self.groupNames)")
                }
                return match.group
            }
            var set = NERFeatureSet.standard
            for name in with { set.formUnion(try group(name)) }
            for name in without { set.subtract(try group(name)) }
            let unmet = NERFeatureSet.groupsByName.filter { set.unmetDependencies.contains($0.group) }.map(\.name)
            if !unmet.isEmpty {
                throw ValidationError(
                    "\(unmet.joined(separator: ", ")) cannot fire without a group left out: add --without \(unmet.joined(separator: " --without ")) too"
                )
            }
            return set
        }

        func validate() throws {
            guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
            guard members >= 1 else { throw ValidationError("--members must be at least 1") }
            guard (0 ... 1).contains(uppercaseAugmentation) else { throw ValidationError("--uppercase-augmentation must be 0 to 1") }
            _ = try featureSet()
        }

        func run() throws {
            let data = URL(fileURLWithPath: dataDir)
            let files = ["uner_en/train.conll", "uner_en/extra_pud.conll", "wikigold/train.conll"].map { data.appendingPathComponent($0) }
            let dev = ["uner_en/dev.conll", "wikigold/dev.conll"].map { data.appendingPathComponent($0) }
            var options = NERTrainingOptions()
            options.epochs = epochs
            options.seed = seed
            options.ensembleSize = members
            options.featureSet = try featureSet()
            options.uppercaseAugmentation = uppercaseAugmentation
            let start = ContinuousClock.now
            let model = try NERTraining.train(files: files, devFiles: dev, options: options) { print($0) }
            try model.write(to: URL(fileURLWithPath: output))
            print("wrote \(output) (\(model.serialized().count) bytes), version \"\(model.version)\", in \(ContinuousClock.now - start)")
        }
    }

    /// `assay model eval`: exact-span scores and speed on a CoNLL file.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the tagger on a CoNLL file (token<TAB>tag): per-type precision/recall/F1, micro PER+ORG+LOC, tokens per second."
        )

        @Argument(help: "CoNLL file with gold tags (- for standard input).")
        var file: String

        @Option(name: .long, help: "Model file (default: the bundled model).")
        var model: String?

        @Option(name: .long, help: "Count only spans whose probability is at least this (0–1), as the engine does with 0.35, and print how well the probabilities predict correctness.")
        var minConfidence: Float?

        @Flag(name: .long, help: "Print JSON instead of a table.")
        var json = false

        func validate() throws {
            if let minConfidence, !(0 ... 1).contains(minConfidence) {
                throw ValidationError("--min-confidence must be between 0 and 1, got \(minConfidence).")
            }
        }

        func run() throws {
            let tagger = try model.map { path throws(NERModelError) in try NERModel.load(contentsOf: URL(fileURLWithPath: path)) }
                ?? NERModel.bundled()
            let documents: [CoNLLDocument]
            if file == "-" {
                guard let text = String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8) else {
                    throw CoNLL.ReadError.unreadable(path: "standard input", reason: "not UTF-8 text")
                }
                documents = try CoNLL.parse(text)
            } else {
                documents = try CoNLL.read(contentsOf: URL(fileURLWithPath: file))
            }
            let clock = ContinuousClock()
            var evaluator = NEREvaluator()
            let elapsed = clock.measure { evaluator = tagger.evaluate(documents, minimumConfidence: minConfidence) }
            let seconds = elapsed / .seconds(1)
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

    /// `assay model index`: writes the knowledge base's gazetteer index, which the tagger loads
    /// instead of building its alias trie from the tables.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the tagger's alias trie from a knowledge-base directory's tables and write it there as gazetteer-index.bin (run after Scripts/build-knowledge)."
        )

        @Option(name: .long, help: "Knowledge-base directory (aliases.tsv, entities.tsv, name-lists.tsv, manifest.tsv).")
        var knowledgeDir: String = "Sources/AssayAnalysis/Resources/Knowledge"

        func run() throws {
            let directory = URL(fileURLWithPath: knowledgeDir)
            let start = ContinuousClock.now
            let size = try NERGazetteer.writeIndex(directory: directory)
            let path = directory.appendingPathComponent("gazetteer-index.bin").path
            print("wrote \(path) (\(size) bytes) in \(ContinuousClock.now - start)")
        }
    }
}

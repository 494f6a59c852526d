import ArgumentParser
import AssayAnalysis
import Foundation

/// `assay tag`: named-entity tags for pre-tokenised sentences read from standard input.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag pre-tokenised sentences (stdin, one per line, tokens separated by spaces) with BIO tags PER/ORG/LOC/MISC.",
        discussion: """
            For every input line, writes one line of space-separated BIO tags (B-PER, I-ORG, O, ...), one per \
            token; an empty line gives an empty line. A line holding only -DOCSTART- is tagged O and starts a \
            new document; without such lines, a news dateline ("BONN 1996-08-22") starts one, at the \
            headline before it when that line is in capitals.
            """
    )

    /// Path to a model file; the bundled model when omitted.
    @Option(name: .long, help: "Model file (default: the bundled ner-perceptron.bin).")
    var model: String?

    func run() throws {
        let tagger = try model.map { path throws(NERModelError) in try NERModel.load(contentsOf: URL(fileURLWithPath: path)) }
            ?? NERModel.bundled()
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let output = input.withUnsafeBytes { tagger.tagLines($0.bindMemory(to: UInt8.self)) }
        let chunk = 1 << 20
        var offset = 0
        while offset < output.count {
            let end = min(offset + chunk, output.count)
            try FileHandle.standardOutput.write(contentsOf: Data(output[offset ..< end]))
            offset = end
        }
    }
}

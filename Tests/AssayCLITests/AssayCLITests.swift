import AssayAnalysis
import AssayProtocol
import AssayServer
import Foundation
import Logging
import NIOCore
import SwiftProtobuf
import Testing

/// Runs the built `assay` binary against a server started by the test.
@Suite(.serialized, .timeLimit(.minutes(2))) struct AssayCLITests {
    static let engine: AnalysisEngine = {
        do {
            return try AnalysisEngine.bundled()
        } catch {
            fatalError("cannot load the bundled knowledge base: \(error)")
        }
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `assay` executable next to the test bundle (`swift test` builds every product).
    static let executable: URL? = {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() { candidates.append(bundle) }
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for scratch in [".build-client", ".build"] {
            candidates.append(packageRoot.appendingPathComponent("\(scratch)/debug"))
        }
        for directory in candidates {
            let url = directory.appendingPathComponent("assay")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func assay(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> Run {
        let executable = try #require(Self.executable, "the assay executable was not found next to the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["ASSAY_SERVER"] = nil
        env["NO_COLOR"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }

    static func withServer<T: Sendable>(
        _ configuration: AssayServerConfiguration = AssayServerConfiguration(port: 0),
        _ body: (String) async throws -> T
    ) async throws -> T {
        let server = AssayServer(configuration: configuration, engine: self.engine, logger: Logger(label: "assay.test.server"))
        return try await server.withRunning { port in try await body("127.0.0.1:\(port)") }
    }

    static func article(_ name: String) -> String {
        self.packageRoot.appendingPathComponent("Examples/articles/\(name).txt").path
    }

    @Test func jsonLinesAreCanonicalAnalysisEvents() async throws {
        try await Self.withServer { server in
            let run = try Self.assay(["analyze", "--server", server, "--json", Self.article("lithium-deal")])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            try #require(lines.count >= 3)
            var events: [Assay_AnalysisEvent] = []
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["reference"] as? String == "lithium-deal")
                events.append(try Assay_AnalysisEvent(jsonString: line))
            }
            guard case .accepted = events.first?.event, case .summary = events.last?.event else {
                Issue.record("events do not run from accepted to summary")
                return
            }
            #expect(events.map(\.sequence) == (0..<UInt32(events.count)).map { $0 })
            let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
            #expect(first?["accepted"] != nil)
            #expect(run.stderr.isEmpty)
        }
    }

    @Test func humanOutputHasNoColourWhenPipedOrWithNoColor() async throws {
        try await Self.withServer { server in
            for environment in [[:], ["NO_COLOR": "1"]] {
                let run = try Self.assay(["analyze", "--server", server, Self.article("gallium-export-controls")], environment: environment)
                #expect(run.status == 0, "\(run.stderr)")
                #expect(!run.stdout.contains("\u{1B}["))
                #expect(run.stdout.contains("ENTITIES"))
                #expect(run.stdout.contains("RISK"))
                #expect(run.stdout.contains("China"))
            }
        }
    }

    @Test func standardInputIsAnArticle() async throws {
        try await Self.withServer { server in
            let run = try Self.assay(
                ["analyze", "--server", server, "--json", "-"],
                stdin: "Gallium curbs\n\nChina restricted gallium exports to Japan.\n"
            )
            #expect(run.status == 0, "\(run.stderr)")
            let last = try Assay_AnalysisEvent(jsonString: String(run.stdout.split(separator: "\n").last ?? ""))
            guard case .summary(let summary) = last.event else { Issue.record("no summary"); return }
            #expect(summary.entities.contains { $0.name == "China" })
            #expect(last.reference == "stdin")
        }
    }

    @Test func serverFromEnvironment() async throws {
        try await Self.withServer { server in
            let run = try Self.assay(["health"], environment: ["ASSAY_SERVER": server])
            #expect(run.status == 0)
            #expect(run.stdout == "SERVING \(server)\n")
            let json = try Self.assay(["info", "--json"], environment: ["ASSAY_SERVER": server])
            #expect(json.status == 0)
            let info = try Assay_ServerInfoResponse(jsonString: json.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(info.protocolVersion == 1)
            let line = try Self.assay(["info", "--server", server])
            #expect(line.stdout.split(separator: "\n").count == 1)
        }
    }

    @Test func unreachableServerExitsThree() throws {
        let run = try Self.assay(["analyze", "--server", "127.0.0.1:1", Self.article("lithium-deal")])
        #expect(run.status == 3)
        #expect(run.stderr.hasPrefix("assay: UNAVAILABLE: server unreachable at 127.0.0.1:1"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try Self.assay(["health", "--server", "127.0.0.1:1"]).status == 3)
    }

    @Test(arguments: [
        ["analyze"],
        ["analyze", "--server", "nonsense", "x.txt"],
        ["analyze", "--deadline", "-1", "x.txt"],
        ["analyze", "/no/such/file.txt"],
        ["frobnicate"],
        ["serve", "--port", "99999"],
        ["model", "train", "--without", "colour"],
        ["model", "train", "--without", "gazetteer"],
        ["model", "train", "--epochs", "0"],
        ["model", "train", "--uppercase-augmentation", "2"],
        ["model", "eval", "--min-confidence", "1.5", "x.conll"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let run = try Self.assay(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.hasPrefix("assay: "))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func unreadableModelAndDataFilesAreOneLineErrors() throws {
        let missing = try Self.assay(["model", "eval", "/no/such/file.conll"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "assay: cannot read /no/such/file.conll: No such file or directory\n")
        let directory = try Self.assay(["tag", "--model", FileManager.default.temporaryDirectory.path], stdin: "a b\n")
        #expect(directory.status == 1)
        #expect(directory.stderr.hasPrefix("assay: cannot read NER model ") && directory.stderr.hasSuffix(": is a directory\n"))
        let fromStandardInput = try Self.assay(["model", "eval", "-"], stdin: "John\tB-PER\nran\tO\n")
        #expect(fromStandardInput.status == 0)
        #expect(fromStandardInput.stdout.contains("(gold 1, pred 1, tp 1)"))
    }

    @Test func modelTrainAblationFlagsReachTheModel() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-ner-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let conll = "-DOCSTART-\tO\n\nJohn\tB-PER\nSmith\tI-PER\nvisited\tO\nParis\tB-LOC\n.\tO\n"
        for file in ["uner_en/train.conll", "uner_en/extra_pud.conll", "uner_en/dev.conll", "wikigold/train.conll", "wikigold/dev.conll"] {
            let url = directory.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try conll.write(to: url, atomically: true, encoding: .utf8)
        }
        let output = directory.appendingPathComponent("ner.bin")
        let run = try Self.assay([
            "model", "train", "--data-dir", directory.path, "--output", output.path, "--epochs", "2",
            "--without", "documentHistory", "--with", "tagConjunctions",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let model = try NERModel.load(contentsOf: output)
        #expect(model.extractor.featureSet == NERFeatureSet.standard.subtracting(.documentHistory).union(.tagConjunctions))
        let tagged = try Self.assay(["tag", "--model", output.path], stdin: "John Smith visited Paris .\n")
        #expect(tagged.stdout == "B-PER I-PER O B-LOC O\n")
        // Evaluation with a confidence threshold reports how well the span probabilities predict
        // correctness; at threshold 0 the scores are those without one.
        let dev = directory.appendingPathComponent("uner_en/dev.conll").path
        let plain = try Self.assay(["model", "eval", "--model", output.path, dev])
        let thresholded = try Self.assay(["model", "eval", "--model", output.path, "--min-confidence", "0", dev])
        #expect(plain.status == 0 && thresholded.status == 0, "\(thresholded.stderr)")
        let scoreLine = { (out: String) in out.split(separator: "\n").first { $0.hasPrefix("PER+ORG+LOC") } }
        #expect(scoreLine(plain.stdout) != nil && scoreLine(plain.stdout) == scoreLine(thresholded.stdout))
        #expect(!plain.stdout.contains("calibration"))
        #expect(thresholded.stdout.contains("confidence calibration (all decoded spans; log loss"))
    }

    @Test func badArticleExitsOne() async throws {
        try await Self.withServer { server in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-cli-\(UInt64.random(in: 0...UInt64.max))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let empty = directory.appendingPathComponent("empty.txt")
            try Data().write(to: empty)
            let run = try Self.assay(["analyze", "--server", server, empty.path])
            #expect(run.status == 1)
            #expect(run.stderr.contains("INVALID_ARGUMENT"))
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func directoryWithBadFilesAnalysesTheOthersAndSummarises() async throws {
        try await Self.withServer { server in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-cli-\(UInt64.random(in: 0...UInt64.max))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            for name in ["lithium-deal", "copper-market"] {
                try FileManager.default.copyItem(atPath: Self.article(name), toPath: directory.appendingPathComponent("\(name).txt").path)
            }
            try Data([0x54, 0x69, 0x74, 0x6C, 0x65, 0x0A, 0x0A, 0xFF, 0xFE, 0x80]).write(to: directory.appendingPathComponent("binary.txt"))
            try Data().write(to: directory.appendingPathComponent("empty.txt"))
            let run = try Self.assay(["analyze", "--server", server, "--json", directory.path])
            #expect(run.status == 1)
            #expect(run.stderr.contains("binary.txt: not valid UTF-8"))
            #expect(run.stderr.contains("empty.txt"))
            #expect(run.stderr.contains("analysed 2 of 4 articles (2 failed)"))
            let summaries = try run.stdout.split(separator: "\n").map { try Assay_AnalysisEvent(jsonString: String($0)) }
                .filter { if case .summary = $0.event { true } else { false } }
            #expect(Set(summaries.map(\.reference)) == ["lithium-deal", "copper-market"])
        }
    }

    @Test func everyCommandHasHelpWithAnExample() throws {
        for command in ["analyze", "serve", "health", "info", "demo"] {
            let run = try Self.assay([command, "--help"])
            #expect(run.status == 0)
            #expect(run.stdout.contains("Example"), "\(command)")
        }
        let root = try Self.assay(["--help"])
        for command in ["analyze", "serve", "health", "info", "demo", "tag", "model"] {
            #expect(root.stdout.contains(command))
        }
    }

    @Test func serveListensAndDrainsOnSIGTERM() async throws {
        let executable = try #require(Self.executable)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--port", "0"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        // Read stderr until the "listening on" line.
        var text = ""
        let handle = err.fileHandleForReading
        while !text.contains("listening on") {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        #expect(text.contains("listening on 127.0.0.1:"))
        while !text.contains("OPEN ACCESS") {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let port = text.split(separator: "listening on 127.0.0.1:").last.flatMap { Int($0.prefix { $0.isNumber }) }
        let health = try Self.assay(["health", "--server", "127.0.0.1:\(try #require(port))"])
        #expect(health.status == 0)
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

// Side-by-side transports: the same Analyze service (same .proto, engine and events) over
// Assay's protocol, grpc-swift 2 (HTTP/2) and a bare SwiftNIO length-prefixed loop, each server in
// its own child process, all driven by `assay bench`'s load generator.
//
//   swift build -c release --product PeerBench
//   .build/release/PeerBench compare [--runs 3] [--duration 5] [--warmup 2] [--concurrency 64]
//       [--connections 2] [--rate R] [--memory-streams 1000] [--transports assay,grpc,bare]
//       [--transport-only [--event-bytes B] [--events-per-call N]] [--assay-credit N] [--json FILE]
//   .build/release/PeerBench serve assay|grpc|bare [--transport-only [--event-bytes B] [--events-per-call N]]
//       (prints "LISTENING <port>", stops at EOF on stdin)
//
// A flag whose value is missing, unparsable or out of range is an error on standard error (exit 2).
//
// --transport-only: no engine anywhere. Every server replays the recorded events of each article
// (recorded once at start through a real Assay server) in one step as soon as the request arrives:
// Assay's server through its AssayEventProducer seam (ReplayEventProducer), gRPC and bare as before
// but without the engine and its limit; and the Assay and gRPC clients read each event's bytes
// and peek at its kind (Assay_AnalysisEvent.endsArticle(serialized:)) instead of parsing it, as the bare client reads its end flag.
// What is left to compare is the transports.
//
// --event-bytes B, --events-per-call N (transport-only only; either one alone takes the other's
// default, 64 bytes and 1,000 events, the issue's reference harness): instead of the recorded events,
// every server replays per call N synthetic events of B serialised bytes each — N − 1 entity updates
// and a final summary, valid assay.v1.AnalysisEvent messages about the requested article, the same
// bytes for all three (EventBook+Synthetic.swift). B must hold an event's reference and fields (about
// 50 bytes for the example articles); N is 1 to 1,000,000. For example:
//   PeerBench compare --transport-only --event-bytes 64 --events-per-call 1000
//
// --assay-credit N: the Assay client's per-stream receive window, exactly N MESSAGE frames (the
// byte-sized window off), as before the client sized its window by bytes; the client library's
// default unless given. The "before the receive-window change" row of docs/PERFORMANCE.md is
// `--assay-credit 64`; the other tables use the default.
import AssayAnalysis
import AssayClient
import AssayProtocol
import AssayServer
import Foundation
import Logging

let arguments = Array(CommandLine.arguments.dropFirst())

/// No engine in any server: all replay the recorded events (see the header).
let transportOnly = arguments.contains("--transport-only")

func usageFailure(_ message: String) -> Never {
    FileHandle.standardError.write(Data("PeerBench: \(message)\n".utf8))
    exit(2)
}

/// Every flag PeerBench reads; any other `--…` argument is a usage error, so a misspelt flag never
/// silently runs with the default.
let knownFlags: Set<String> = [
    "--transport-only", "--event-bytes", "--events-per-call", "--assay-credit", "--articles", "--runs",
    "--duration", "--warmup", "--concurrency", "--connections", "--memory-streams", "--rate", "--json",
    "--transports",
]
if let unknown = arguments.first(where: { $0.hasPrefix("--") && !knownFlags.contains($0) }) {
    usageFailure("unknown flag \(unknown); flags: \(knownFlags.sorted().joined(separator: " "))")
}

/// The text after `--name`, nil when the flag is absent; exits with a message when the flag is
/// last or followed by another flag.
func stringOption(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: "--\(name)") else { return nil }
    guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") else {
        usageFailure("--\(name) needs a value")
    }
    return arguments[index + 1]
}

/// The value of `--name` as a whole number, nil when the flag is absent; exits with a message when
/// the value is missing or not a whole number.
func integerOption(_ name: String) -> Int? {
    guard let text = stringOption(name) else { return nil }
    guard let value = Int(text) else { usageFailure("--\(name) needs a whole number, not '\(text)'") }
    return value
}

/// The value of `--name` as a whole number in `range`, `fallback` when the flag is absent; exits
/// with a message otherwise.
func integerOption(_ name: String, _ fallback: Int, in range: ClosedRange<Int>) -> Int {
    let value = integerOption(name) ?? fallback
    guard range.contains(value) else { usageFailure("--\(name) must be \(range.lowerBound) to \(range.upperBound)") }
    return value
}

/// The value of `--name` as a number in `range`, `fallback` when the flag is absent; exits with a
/// message when the value is missing, not a number or out of range.
func option(_ name: String, _ fallback: Double, in range: ClosedRange<Double>) -> Double {
    guard let text = stringOption(name) else { return fallback }
    guard let value = Double(text) else { usageFailure("--\(name) needs a number, not '\(text)'") }
    guard range.contains(value) else {
        let (lower, upper) = (BenchReport.number(range.lowerBound), BenchReport.number(range.upperBound))
        usageFailure("--\(name) must be \(lower) to \(upper)")
    }
    return value
}

/// `--event-bytes` / `--events-per-call`: synthetic events instead of the recorded ones (see the header).
let syntheticShape: EventBook.SyntheticShape? = {
    let bytes = integerOption("event-bytes")
    let count = integerOption("events-per-call")
    guard bytes != nil || count != nil else { return nil }
    guard transportOnly else { usageFailure("--event-bytes and --events-per-call need --transport-only") }
    return EventBook.SyntheticShape(eventBytes: bytes ?? 64, eventsPerCall: count ?? 1000)
}()

/// `--assay-credit N`: the Assay client's per-stream window of exactly N MESSAGE frames (no byte-sized
/// window: `receiveWindowBytes` nil), as before the client sized its window by bytes; nil (the client
/// library's defaults) unless given.
let assayCredit: Int? = {
    guard let credit = integerOption("assay-credit") else { return nil }
    guard (2...Int(Int32.max)).contains(credit) else { usageFailure("--assay-credit must be 2 to 2147483647") }
    return credit
}()

/// The events every transport-only server replays: synthetic when asked for, else recorded through
/// a real Assay server.
func replayBook(_ articles: [Assay_Article], engine: AnalysisEngine) async throws -> EventBook {
    guard let shape = syntheticShape else { return try await EventBook.record(articles, engine: engine) }
    do {
        return try EventBook.synthetic(articles, shape: shape)
    } catch let failure as EventBook.SyntheticFailure {
        usageFailure(failure.description)
    }
}

/// The transports compared, in table order.
let transportKinds = ["assay", "grpc", "bare"]

let articlesDirectory = stringOption("articles") ?? URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Examples/articles").path

switch arguments.first {
case "serve":
    guard arguments.count >= 2, transportKinds.contains(arguments[1]) else {
        FileHandle.standardError.write(Data("usage: PeerBench serve assay|grpc|bare\n".utf8))
        exit(2)
    }
    try await serve(arguments[1])
case "compare":
    try await compare()
default:
    FileHandle.standardError.write(
        Data(
            """
            usage: PeerBench compare [--runs 3] [--duration 5] [--warmup 2] [--concurrency 64] [--connections 2]
                                     [--rate R] [--memory-streams 1000] [--transports assay,grpc,bare]
                                     [--transport-only [--event-bytes B] [--events-per-call N]]
                                     [--assay-credit N] [--json FILE]
                   PeerBench serve assay|grpc|bare [--transport-only [--event-bytes B] [--events-per-call N]]
              --event-bytes B, --events-per-call N: replay N synthetic events of B bytes per call
                  (default 64 and 1,000 when only the other is given) instead of the recorded ones
              --assay-credit N: the Assay client's per-stream window, exactly N messages (default: the
                library's, 64 messages or 64 KiB, whichever is more)

            """.utf8
        )
    )
    exit(2)
}

// MARK: - Servers

func serve(_ kind: String) async throws {
    let articles = try BenchWorkload.articles(inDirectory: articlesDirectory)
    let engine = try AnalysisEngine.bundled()
    // Stop when the parent closes our standard input.
    Thread.detachNewThread {
        _ = FileHandle.standardInput.readDataToEndOfFile()
        exit(0)
    }
    let listening: @Sendable (Int) -> Void = { port in
        FileHandle.standardOutput.write(Data("LISTENING \(port)\n".utf8))
    }
    switch kind {
    case "assay":
        // Transport-only: replaying costs no CPU worth bounding, so the analysis limit is lifted as
        // the gRPC and bare peers have none in that mode.
        let producer: (any AssayEventProducer)? =
            transportOnly ? ReplayEventProducer(book: try await replayBook(articles, engine: engine)) : nil
        let server = AssayServer(
            configuration: AssayServerConfiguration(
                port: 0,
                maximumConcurrentStreams: 100_000,
                analysisConcurrency: transportOnly ? 1_000_000 : nil,
                queueCapacity: 1_000_000,
                keepaliveInterval: nil,
                idleTimeout: nil
            ),
            engine: engine,
            eventProducer: producer,
            logger: Logger(label: "peer.assay")
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            listening(try await server.listeningAddress.port ?? 0)
            try await group.waitForAll()
        }
    default:
        let book =
            transportOnly
            ? try await replayBook(articles, engine: engine) : try await EventBook.record(articles, engine: engine)
        let emitter = PeerEmitter(engine: transportOnly ? nil : engine, book: book, limiter: PeerLimiter(concurrency: ProcessInfo.processInfo.activeProcessorCount))
        if kind == "grpc" {
            try await runGRPCServer(emitter: emitter, listening: listening)
        } else {
            try await runBareServer(emitter: emitter, listening: listening)
        }
    }
}

/// A server in a child process.
final class ChildServer: @unchecked Sendable {
    let kind: String
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    private(set) var port = 0

    init(kind: String) throws {
        self.kind = kind
        self.process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        self.process.arguments = ["serve", kind, "--articles", articlesDirectory] + (transportOnly ? ["--transport-only"] : [])
            + (syntheticShape.map { ["--event-bytes", "\($0.eventBytes)", "--events-per-call", "\($0.eventsPerCall)"] }
                ?? [])
        self.process.standardInput = self.input
        self.process.standardOutput = self.output
        try self.process.run()
        var line = Data()
        while true {
            let byte = self.output.fileHandleForReading.readData(ofLength: 1)
            guard !byte.isEmpty else { throw PeerFailure("the \(kind) server exited before listening") }
            if byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("LISTENING "), let port = Int(text.dropFirst(10)) else { throw PeerFailure("unexpected: \(text)") }
        self.port = port
    }

    func stop() {
        try? self.input.fileHandleForWriting.close()
        self.process.waitUntilExit()
    }

    /// CPU seconds (user + system), bytes written by syscalls, resident memory in bytes.
    func sample() -> ProcessSample { ProcessSample(pid: self.process.processIdentifier) }
}

struct PeerFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct ProcessSample {
    var cpuSeconds = 0.0
    var bytesWritten = 0.0
    var residentBytes = 0.0

    init(pid: Int32) {
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        {
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            // After "pid (comm)": state is field 3, utime 14, stime 15 → indices 11 and 12 here.
            if fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) {
                self.cpuSeconds = (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
            }
        }
        if let io = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8) {
            for line in io.split(separator: "\n") where line.hasPrefix("wchar:") {
                self.bytesWritten = Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) {
            for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
                let kilobytes = line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first
                self.residentBytes = (kilobytes.flatMap { Double($0) } ?? 0) * 1024
            }
        }
    }
}

// MARK: - Comparison

/// One transport's figures in one run.
struct PeerFigures: Codable {
    var transport: String
    var eventsPerSecond = 0.0
    var streamsPerSecond = 0.0
    var saturationErrors = 0
    var serverCPUPerThousandEvents = 0.0
    var wireBytesPerEvent = 0.0
    var fixedRate = 0.0
    var ttfeP50 = 0.0
    var ttfeP99 = 0.0
    var fixedRateSaturated = false
    var memoryStreams = 0
    var residentBytesIdle = 0.0
    var residentBytesPeak = 0.0
    var memoryRunEventsPerSecond = 0.0
    var memoryRunErrors = 0
}

func withTransport<Result: Sendable>(
    _ server: ChildServer,
    connections: Int,
    _ body: (any BenchTransport) async throws -> Result
) async throws -> Result {
    switch server.kind {
    case "assay":
        var configuration = AssayClientConfiguration(compression: false, connectionAttempts: 3, maximumRetries: 0)
        if let assayCredit {
            configuration.initialCredit = assayCredit
            configuration.receiveWindowBytes = nil
        }
        return try await AssayBenchTransport.withClients(
            endpoint: AssayEndpoint(host: "127.0.0.1", port: server.port),
            connections: connections,
            configuration: configuration
        ) { clients in
            for client in clients { _ = try await client.health() }
            return try await body(AssayBenchTransport(clients: clients, countsBytes: false, parsesEvents: !transportOnly))
        }
    case "grpc":
        return try await GRPCBenchTransport.withClients(port: server.port, connections: connections) { clients in
            try await body(GRPCBenchTransport(clients: clients, parsesEvents: !transportOnly))
        }
    default:
        var list: [BareConnection] = []
        for _ in 0..<connections { list.append(try await BareConnection.connect(port: server.port)) }
        defer { for connection in list { connection.channel.close(promise: nil) } }
        return try await body(BareBenchTransport(connections: list))
    }
}

/// One load-generator run of `seconds` after `warmup` seconds.
func generate<T: BenchTransport>(
    _ transport: T,
    requests: [BenchRequest],
    load: BenchLoad,
    seconds: Double,
    warmup: Double = 0
) async -> (recorder: BenchRecorder, fellBehind: Bool) {
    let outcome = await LoadGenerator(
        transport: transport,
        requests: requests,
        configuration: LoadGeneratorConfiguration(load: load, duration: .seconds(seconds), warmup: .seconds(warmup))
    ).run()
    return (outcome.recorder, outcome.fellBehind)
}

func failures(_ recorder: BenchRecorder) -> Int {
    let failed = recorder.statuses.filter { $0.key != "OK" }
    if !failed.isEmpty { FileHandle.standardError.write(Data("failed streams: \(failed)\n".utf8)) }
    return failed.values.reduce(0, +)
}

func compare() async throws {
    let runs = integerOption("runs", 3, in: 1...1000)
    let duration = option("duration", 5, in: 0.1...86_400)
    let warmup = option("warmup", 2, in: 0...3600)
    let concurrency = integerOption("concurrency", 64, in: 1...100_000)
    let connections = integerOption("connections", 2, in: 1...1024)
    let memoryStreams = integerOption("memory-streams", 1000, in: 1...100_000)
    let fixedRateOption = option("rate", 0, in: 0...1_000_000)
    let jsonPath = stringOption("json")
    let allKinds = transportKinds.joined(separator: ",")
    let kinds = (stringOption("transports") ?? allKinds).split(separator: ",").map(String.init)
    guard !kinds.isEmpty, kinds.allSatisfy({ transportKinds.contains($0) }), Set(kinds).count == kinds.count else {
        usageFailure("--transports must list some of \(allKinds), each once, comma-separated")
    }
    let articles = try BenchWorkload.articles(inDirectory: articlesDirectory)
    let requests = BenchWorkload.requests(articles, batchSize: nil)
    if let shape = syntheticShape {
        // Fail here, with the reason, rather than in three child servers.
        let book: EventBook
        do {
            book = try EventBook.synthetic(articles, shape: shape)
        } catch let failure as EventBook.SyntheticFailure {
            usageFailure(failure.description)
        }
        let sizes = book.entries.values.flatMap { $0.payloads.map(\.readableBytes) }
        let ends = book.entries.values.map { entry in
            entry.payloads.filter { $0.withUnsafeReadableBytes { Assay_AnalysisEvent.endsArticle(serialized: $0) } }.count
        }
        let line =
            "synthetic events: \(sizes.count) over \(book.entries.count) articles, "
            + "\(sizes.min() ?? 0)–\(sizes.max() ?? 0) bytes, \(ends.min() ?? 0)–\(ends.max() ?? 0) last event(s) per call\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
    var all: [[PeerFigures]] = []

    for run in 1...runs {
        let servers = try kinds.map { try ChildServer(kind: $0) }
        defer { for server in servers { server.stop() } }
        var figures = servers.map { PeerFigures(transport: $0.kind) }
        // Saturation, back to back.
        for (index, server) in servers.enumerated() {
            try await withTransport(server, connections: connections) { transport in
                _ = await generate(transport, requests: requests, load: .closed(concurrency: concurrency), seconds: warmup)
                let before = server.sample()
                let recorder = await generate(transport, requests: requests, load: .closed(concurrency: concurrency), seconds: duration)
                    .recorder
                let after = server.sample()
                let events = Double(max(1, recorder.events))
                figures[index].eventsPerSecond = Double(recorder.events) / duration
                figures[index].streamsPerSecond = Double(recorder.streamsSucceeded) / duration
                figures[index].saturationErrors = failures(recorder)
                figures[index].serverCPUPerThousandEvents = (after.cpuSeconds - before.cpuSeconds) / events * 1000
                figures[index].wireBytesPerEvent = (after.bytesWritten - before.bytesWritten) / events
            }
        }
        // A fixed rate every transport sustains: half the slowest saturation rate unless --rate says.
        let rate = fixedRateOption > 0 ? fixedRateOption : max(1, (figures.map(\.streamsPerSecond).min() ?? 2) / 2)
        for (index, server) in servers.enumerated() {
            try await withTransport(server, connections: connections) { transport in
                let outcome = await generate(
                    transport,
                    requests: requests,
                    load: .open(rate: rate, maximumInFlight: 10_000),
                    seconds: duration,
                    warmup: min(warmup, 1)
                )
                let summary = outcome.recorder.firstEvent.summary
                figures[index].fixedRate = rate
                figures[index].ttfeP50 = summary.p50
                figures[index].ttfeP99 = summary.p99
                figures[index].fixedRateSaturated = BenchReport.isSaturated(
                    target: rate,
                    completedPerSecond: Double(outcome.recorder.streamsSucceeded) / duration,
                    fellBehind: outcome.fellBehind
                )
            }
        }
        // Memory with many streams open at once.
        for (index, server) in servers.enumerated() {
            try await withTransport(server, connections: connections) { transport in
                let idle = server.sample().residentBytes
                let sampler = Task {
                    var peak = 0.0
                    while !Task.isCancelled {
                        peak = max(peak, server.sample().residentBytes)
                        try? await Task.sleep(for: .milliseconds(100))
                    }
                    return peak
                }
                let seconds = min(duration, 3)
                let recorder = await generate(transport, requests: requests, load: .closed(concurrency: memoryStreams), seconds: seconds)
                    .recorder
                sampler.cancel()
                figures[index].memoryStreams = memoryStreams
                figures[index].residentBytesIdle = idle
                figures[index].residentBytesPeak = await sampler.value
                figures[index].memoryRunEventsPerSecond = Double(recorder.events) / seconds
                figures[index].memoryRunErrors = failures(recorder)
            }
        }
        all.append(figures)
        FileHandle.standardError.write(Data("run \(run): \(figures.map { "\($0.transport) \(Int($0.eventsPerSecond)) ev/s" }.joined(separator: ", "))\n".utf8))
    }
    printComparison(all, kinds: kinds, duration: duration, concurrency: concurrency, connections: connections)
    if let path = jsonPath {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(all).write(to: URL(fileURLWithPath: path))
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func printComparison(_ runs: [[PeerFigures]], kinds: [String], duration: Double, concurrency: Int, connections: Int) {
    func column(_ kind: String, _ value: (PeerFigures) -> Double) -> Double {
        median(runs.compactMap { $0.first { $0.transport == kind } }.map(value))
    }
    let rows: [(String, (PeerFigures) -> Double, String)] = [
        ("events/s at saturation (closed loop, \(concurrency) streams)", { $0.eventsPerSecond }, "%.0f"),
        ("streams/s at saturation", { $0.streamsPerSecond }, "%.1f"),
        ("errors at saturation", { Double($0.saturationErrors) }, "%.0f"),
        ("fixed rate, streams/s", { $0.fixedRate }, "%.1f"),
        ("p50 time to first event at fixed rate, ms", { $0.ttfeP50 }, "%.3f"),
        ("p99 time to first event at fixed rate, ms", { $0.ttfeP99 }, "%.3f"),
        ("server bytes written per event", { $0.wireBytesPerEvent }, "%.1f"),
        ("server CPU ms per 1,000 events", { $0.serverCPUPerThousandEvents * 1000 }, "%.2f"),
        ("server RSS idle, MB", { $0.residentBytesIdle / 1e6 }, "%.1f"),
        ("server RSS peak at \(runs.first?.first?.memoryStreams ?? 0) streams, MB", { $0.residentBytesPeak / 1e6 }, "%.1f"),
        ("events/s with those streams", { $0.memoryRunEventsPerSecond }, "%.0f"),
        ("errors with those streams", { Double($0.memoryRunErrors) }, "%.0f"),
    ]
    let mode: String
    if let shape = syntheticShape {
        mode =
            "transport only (all servers replay \(shape.eventsPerCall) synthetic events of \(shape.eventBytes) bytes "
            + "per call, no engine)"
    } else {
        mode = transportOnly ? "transport only (all servers replay recorded events, no engine)" : "engine in the loop"
    }
    print("PeerBench: \(mode); medians of \(runs.count) run(s), \(Int(duration)) s each, \(connections) connections, release build")
    var header = "metric".padding(toLength: 58, withPad: " ", startingAt: 0)
    for kind in kinds { header += kind.padding(toLength: 14, withPad: " ", startingAt: 0) }
    if kinds.contains("assay") { header += kinds.filter { $0 != "assay" }.map { "assay/\($0)".padding(toLength: 14, withPad: " ", startingAt: 0) }.joined() }
    print(header)
    for (name, value, format) in rows {
        var line = name.padding(toLength: 58, withPad: " ", startingAt: 0)
        for kind in kinds { line += String(format: format, column(kind, value)).padding(toLength: 14, withPad: " ", startingAt: 0) }
        if kinds.contains("assay") {
            let mine = column("assay", value)
            for kind in kinds where kind != "assay" {
                let theirs = column(kind, value)
                line += (theirs == 0 ? "-" : String(format: "%.2f×", mine / theirs)).padding(toLength: 14, withPad: " ", startingAt: 0)
            }
        }
        print(line)
    }
}

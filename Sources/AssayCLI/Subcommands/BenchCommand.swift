import ArgumentParser
import AssayAnalysis
import AssayClient
import AssayProtocol
import AssayServer
import Foundation
import Logging
import NIOCore

/// `assay bench`: the built-in load generator for the streaming endpoint.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Load a server's streaming endpoint and report latency and throughput.",
        discussion: """
            Closed loop by default (--concurrency streams in flight); --rate makes it open loop, with \
            latency counted from when each stream should have been sent (corrected for coordinated \
            omission, as wrk2 does). Only loopback is loaded unless --server names another host; \
            --in-process starts a server inside the command on a free loopback port.

            Examples:
              assay bench --in-process --duration 5
              assay bench --server 127.0.0.1:7443 --rate 200 --connections 4 --json
              assay bench --in-process --batch 8 --article-bytes 4000 --no-compression
            """
    )

    @Option(help: "The server as HOST:PORT (default 127.0.0.1:7443; ASSAY_SERVER is not used).")
    var server: String?

    @Flag(name: .customLong("in-process"), help: "Start a server in this process on a free loopback port and load it.")
    var inProcess = false

    @Option(help: "Closed loop: streams in flight.")
    var concurrency: Int = 16

    @Option(help: "Open loop: streams sent per second (replaces --concurrency).")
    var rate: Double?

    @Option(name: .customLong("max-in-flight"), help: "Open loop: most streams in flight; a stream due beyond it starts late.")
    var maximumInFlight: Int = 1000

    @Option(help: "TCP connections to spread the streams over.")
    var connections: Int = 1

    @Option(help: "Seconds to measure.")
    var duration: Double = 10

    @Option(help: "Seconds to run before measuring.")
    var warmup: Double = 2

    @Option(help: "Folder of .txt articles (first line title, blank line, body); default: Examples/articles.")
    var articles: String?

    @Option(name: .customLong("article-bytes"), help: "Send generated articles of about this many bytes instead of files.")
    var articleBytes: Int?

    @Option(name: .customLong("generated-articles"), help: "How many distinct generated articles (with --article-bytes).")
    var generatedArticles: Int = 16

    @Option(help: "Use AnalyzeBatch with this many articles per stream instead of Analyze.")
    var batch: Int?

    @OptionGroup var call: CallOptions

    @Option(
        name: .customLong("receive-window-bytes"),
        help: "The client's receive window per stream in bytes, 1…1073741824 (default: the library's, 64 KiB)."
    )
    var receiveWindowBytes: Int?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(name: .customLong("no-timeline"), help: "Leave the per-second timeline out of the table.")
    var noTimeline = false

    func validate() throws {
        if self.inProcess, self.server != nil { throw ValidationError("--in-process and --server exclude each other") }
        guard self.concurrency >= 1, self.concurrency <= 100_000 else { throw ValidationError("--concurrency must be 1…100000") }
        if let rate = self.rate, !(rate > 0 && rate <= 1_000_000) { throw ValidationError("--rate must be above 0 and at most 1000000") }
        guard self.maximumInFlight >= 1, self.maximumInFlight <= 100_000 else { throw ValidationError("--max-in-flight must be 1…100000") }
        guard self.connections >= 1, self.connections <= 1024 else { throw ValidationError("--connections must be 1…1024") }
        guard self.duration > 0, self.duration <= 86_400 else { throw ValidationError("--duration must be above 0 and at most 86400 seconds") }
        guard self.warmup >= 0, self.warmup <= 3600 else { throw ValidationError("--warmup must be 0…3600 seconds") }
        if let bytes = self.articleBytes, !(1...(1 << 20)).contains(bytes) { throw ValidationError("--article-bytes must be 1…1048576") }
        guard (1...10_000).contains(self.generatedArticles) else { throw ValidationError("--generated-articles must be 1…10000") }
        if let batch = self.batch, !(1...1000).contains(batch) { throw ValidationError("--batch must be 1…1000") }
        if let bytes = self.receiveWindowBytes, !(1...(1 << 30)).contains(bytes) {
            throw ValidationError("--receive-window-bytes must be 1…1073741824")
        }
        if let server = self.server {
            guard AssayEndpoint(server) != nil else { throw ValidationError("server address '\(server)' is not HOST:PORT") }
        }
    }

    func run() async throws {
        let requests = try self.workload()
        if self.inProcess {
            let server = AssayServer(
                configuration: AssayServerConfiguration(
                    host: BenchTarget.defaultHost,
                    port: 0,
                    maximumConcurrentStreams: max(100, self.streamsPerConnection),
                    queueCapacity: max(64, self.streamsPerConnection * self.connections)
                ),
                engine: try AnalysisEngine.bundled(),
                logger: Logger(label: "assay.server")
            )
            try await server.withRunning { port in
                let endpoint = AssayEndpoint(host: BenchTarget.defaultHost, port: port)
                try await self.load(endpoint, label: "in-process \(endpoint)", requests: requests)
            }
        } else {
            let endpoint = AssayEndpoint(self.server ?? "\(BenchTarget.defaultHost):\(BenchTarget.defaultPort)")!
            if let refusal = BenchTarget.refusal(host: endpoint.host, namedExplicitly: self.server != nil) {
                throw CLIError.usage(refusal)
            }
            try await self.load(endpoint, label: endpoint.description, requests: requests)
        }
    }

    /// Streams one connection carries at most.
    var streamsPerConnection: Int {
        let streams = self.rate == nil ? self.concurrency : self.maximumInFlight
        return (streams + self.connections - 1) / self.connections
    }

    /// The configuration of every client of the run: ``CallOptions``, `--receive-window-bytes`, and
    /// no retries (a call the server refused counts as refused).
    var clientConfiguration: AssayClientConfiguration {
        var configuration = self.call.configuration
        configuration.maximumRetries = 0
        if let bytes = self.receiveWindowBytes { configuration.receiveWindowBytes = bytes }
        return configuration
    }

    /// Runs the generator against `endpoint` and prints the report.
    func load(_ endpoint: AssayEndpoint, label: String, requests: [BenchRequest]) async throws {
        let report = try await CLIError.mapping {
            try await AssayBenchTransport.withClients(
                endpoint: endpoint,
                connections: self.connections,
                configuration: self.clientConfiguration
            ) { clients in
                // Connect every client first, so a wrong address fails fast instead of as a report full of errors.
                for client in clients { _ = try await client.health(deadline: .seconds(5)) }
                let transport = AssayBenchTransport(clients: clients)
                return await self.measure(transport, server: label, requests: requests)
            }
        }
        if self.json {
            print(try report.json())
        } else {
            print(report.table(timeline: !self.noTimeline), terminator: "")
        }
    }

    /// Runs the load generator over `transport` and builds the report.
    func measure(_ transport: some BenchTransport, server: String, requests: [BenchRequest]) async -> BenchReport {
        let load: BenchLoad = self.rate.map { .open(rate: $0, maximumInFlight: self.maximumInFlight) } ?? .closed(concurrency: self.concurrency)
        let generator = LoadGenerator(
            transport: transport,
            requests: requests,
            configuration: LoadGeneratorConfiguration(
                load: load,
                duration: .nanoseconds(Int64(self.duration * 1e9)),
                warmup: .nanoseconds(Int64(self.warmup * 1e9))
            )
        )
        let creditBefore = transport.creditWait()
        let outcome = await generator.run()
        let creditWait = creditBefore.flatMap { before in transport.creditWait()?.since(before) }
        let articles = requests.flatMap(\.articles)
        let distinct = Set(articles.map { $0.reference.split(separator: "#").first.map(String.init) ?? $0.reference }).count
        let meanBytes = articles.isEmpty ? 0 : articles.map { $0.title.utf8.count + $0.body.utf8.count }.reduce(0, +) / articles.count
        let setup = BenchReport.Setup(
            transport: transport.name,
            server: server,
            mode: self.rate == nil ? "closed" : "open",
            concurrency: self.rate == nil ? self.concurrency : nil,
            targetRate: self.rate,
            connections: self.connections,
            method: self.batch == nil ? "Analyze" : "AnalyzeBatch",
            batchSize: self.batch,
            compression: !self.call.noCompression,
            receiveWindowBytes: self.clientConfiguration.receiveWindowBytes,
            articles: distinct,
            meanArticleBytes: meanBytes,
            durationSeconds: self.duration,
            warmupSeconds: self.warmup
        )
        return BenchReport(setup: setup, outcome: outcome, creditWait: creditWait)
    }

    /// The requests to send: generated articles, or the files of the articles folder.
    func workload() throws -> [BenchRequest] {
        let articles: [Assay_Article]
        if let bytes = self.articleBytes {
            articles = BenchWorkload.generated(count: self.generatedArticles, bytes: bytes)
        } else {
            do {
                articles = try BenchWorkload.articles(inDirectory: try ExampleArticles.folder(override: self.articles).path)
            } catch let failure as BenchWorkload.Failure {
                throw CLIError.usage(failure.description)
            }
        }
        return BenchWorkload.requests(articles, batchSize: self.batch)
    }

}

import ArgumentParser
import AssayAnalysis
import AssayServer
import Foundation
import Logging
import NIOCore
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals

/// `assay serve`: runs the server until SIGINT or SIGTERM, then drains and exits 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Assay server.",
        discussion: """
            Environment: ASSAY_HOST, ASSAY_PORT and ASSAY_API_KEYS (a key file) stand for --host, --port and \
            --api-keys; flags win. The key file holds one API key per line (blank lines and lines starting \
            with # are ignored). Without a key file every client is accepted. SIGINT or SIGTERM starts a \
            graceful shutdown: no new connections, GOAWAY to every client, in-flight calls finish within the grace \
            period (--grace, 10 s; calls still running then end with STATUS CANCELLED), exit 0.

            Examples:
              assay serve
              assay serve --host 0.0.0.0 --port 7443 --api-keys /etc/assay/keys --log-level debug
              assay serve --metrics-port 9090 --grace 30
            """
    )

    @Option(name: .long, help: "Address to bind (default: $ASSAY_HOST, then 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "TCP port (default: $ASSAY_PORT, then 7443; 0 picks a free port).")
    var port: Int?

    @Option(name: .customLong("api-keys"), help: "File of accepted API keys, one per line (default: $ASSAY_API_KEYS).")
    var apiKeys: String?

    @Option(name: .customLong("max-connections"), help: "Connections served at once.")
    var maxConnections = 1024

    @Option(name: .customLong("max-concurrent-streams"), help: "Streams open at once per connection.")
    var maxConcurrentStreams = 100

    @Option(name: .customLong("max-article-bytes"), help: "Largest article body, in UTF-8 bytes.")
    var maxArticleBytes = 1 << 20

    @Option(name: .customLong("analysis-concurrency"), help: "Articles analysed at once (default: one per core).")
    var analysisConcurrency: Int?

    @Option(name: .customLong("queue-capacity"), help: "Articles that may wait for an analysis slot.")
    var queueCapacity = 64

    @Option(name: .customLong("metrics-port"), help: "Serve Prometheus metrics on http://HOST:PORT/metrics (0 picks a free port).")
    var metricsPort: Int?

    @Option(name: .long, help: "Seconds in-flight calls may run after SIGTERM/SIGINT before they are cancelled.")
    var grace: Double = 10

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        for (name, value) in [
            ("--max-connections", self.maxConnections), ("--max-concurrent-streams", self.maxConcurrentStreams),
            ("--max-article-bytes", self.maxArticleBytes), ("--queue-capacity", self.queueCapacity),
        ] where value < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
        if let metricsPort = self.metricsPort, !(0...65535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be between 0 and 65535")
        }
        if !(self.grace >= 0 && self.grace <= 3600) {
            throw ValidationError("--grace must be between 0 and 3600 seconds")
        }
        if let concurrency = self.analysisConcurrency, concurrency < 1 {
            throw ValidationError("--analysis-concurrency must be at least 1")
        }
        if let port = self.port, !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
        if LoggingSetup.level(self.logLevel) == nil { throw ValidationError("--log-level '\(self.logLevel)' is not a log level") }
    }

    func run() async throws {
        LoggingSetup.bootstrap(level: LoggingSetup.level(self.logLevel) ?? .info)
        let logger = Logger(label: "assay")
        let environment = ProcessInfo.processInfo.environment
        let host = self.host ?? environment["ASSAY_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        var chosenPort = 7443
        if let value = self.port {
            chosenPort = value
        } else if let text = environment["ASSAY_PORT"], !text.isEmpty {
            guard let value = Int(text), (0...65535).contains(value) else {
                throw CLIError.usage("ASSAY_PORT '\(text)' is not a port number")
            }
            chosenPort = value
        }
        let port = chosenPort
        let keyFile = self.apiKeys ?? environment["ASSAY_API_KEYS"].flatMap { $0.isEmpty ? nil : $0 }
        let keys: Set<String>? = try keyFile.map { try Self.readKeys($0) }

        // Metrics: Prometheus when --metrics-port is given, otherwise none.
        let registry = PrometheusCollectorRegistry()
        let metricsFactory: any MetricsFactory =
            self.metricsPort == nil ? NOOPMetricsHandler.instance : PrometheusMetricsFactory(registry: registry)

        let engine: AnalysisEngine
        do {
            engine = try AnalysisEngine.bundled()
        } catch {
            throw CLIError.failure("cannot load the analysis engine's resources: \(error)")
        }
        let server = AssayServer(
            configuration: AssayServerConfiguration(
                host: host,
                port: port,
                maximumConnections: self.maxConnections,
                maximumConcurrentStreams: self.maxConcurrentStreams,
                maximumArticleBytes: self.maxArticleBytes,
                analysisConcurrency: self.analysisConcurrency,
                queueCapacity: self.queueCapacity,
                shutdownGracePeriod: .milliseconds(Int64(self.grace * 1000)),
                apiKeys: keys
            ),
            engine: engine,
            logger: Logger(label: "assay.server"),
            metricsFactory: metricsFactory
        )

        // SIGINT / SIGTERM start the service group's graceful shutdown; the server drains, then run() returns.
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: server, serviceName: "assay-server")]
                    + (self.metricsPort.map { metricsPort in
                        [.init(
                            service: MetricsEndpoint(host: host, port: metricsPort, registry: registry, logger: logger),
                            serviceName: "metrics"
                        )]
                    } ?? []),
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await services.run()
                } catch {
                    throw CLIError.failure("cannot listen on \(host):\(port): \(error)")
                }
            }
            group.addTask {
                guard let address = try? await server.listeningAddress else { return }
                logger.info("listening on \(host):\(address.port ?? port)")
                if keys == nil {
                    logger.warning(
                        "WARNING: no API key file (--api-keys or ASSAY_API_KEYS): OPEN ACCESS, every client is accepted"
                    )
                } else {
                    logger.info("API keys required (\(keys?.count ?? 0) keys loaded)")
                }
            }
            try await group.waitForAll()
        }
        logger.info("stopped")
    }

    /// One key per line; blank lines and `#` comments ignored. An unreadable or empty file is a usage error.
    static func readKeys(_ path: String) throws -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CLIError.usage("cannot read the API key file \(path)")
        }
        let keys = Set(
            text.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        )
        guard !keys.isEmpty else { throw CLIError.usage("the API key file \(path) holds no keys") }
        return keys
    }
}

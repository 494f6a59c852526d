import CoreMetrics
import AssayProtocol

/// The server's metrics (swift-metrics), created once per server from one factory.
///
/// Exported by whatever backend the process bootstraps; `assay serve --metrics-port` serves them
/// in Prometheus text format. Names: `assay_connections`, `assay_active_streams`,
/// `assay_articles_analysed_total`, `assay_bytes_received_total`, `assay_bytes_sent_total`,
/// `assay_credit_stalls_total`, `assay_credit_wait_seconds_total`, `assay_stream_status_total{code}`, `assay_call_duration_seconds{method}`.
struct ServerMetrics: Sendable {
    let connections: Meter
    let activeStreams: Meter
    let articlesAnalysed: Counter
    let bytesReceived: Counter
    let bytesSent: Counter
    /// Times a producer had to wait for the client's credit.
    let creditStalls: Counter
    /// Seconds producers spent waiting for the client's credit, summed over streams.
    let creditWait: FloatingPointCounter
    private let statuses: [Int: Counter]
    private let callDurations: [String: Timer]

    init(factory: any MetricsFactory) {
        self.connections = Meter(label: "assay_connections", factory: factory)
        self.activeStreams = Meter(label: "assay_active_streams", factory: factory)
        self.articlesAnalysed = Counter(label: "assay_articles_analysed_total", factory: factory)
        self.bytesReceived = Counter(label: "assay_bytes_received_total", factory: factory)
        self.bytesSent = Counter(label: "assay_bytes_sent_total", factory: factory)
        self.creditStalls = Counter(label: "assay_credit_stalls_total", factory: factory)
        self.creditWait = FloatingPointCounter(label: "assay_credit_wait_seconds_total", factory: factory)
        var statuses: [Int: Counter] = [:]
        for code in Assay_StatusCode.allCases {
            statuses[code.rawValue] = Counter(
                label: "assay_stream_status_total",
                dimensions: [("code", code.grpcName)],
                factory: factory
            )
        }
        self.statuses = statuses
        var durations: [String: Timer] = [:]
        for method in AssayLimits.Method.all {
            durations[method] = Timer(
                label: "assay_call_duration_seconds",
                dimensions: [("method", String(method.split(separator: "/").last ?? ""))],
                preferredDisplayUnit: .seconds,
                factory: factory
            )
        }
        self.callDurations = durations
    }

    /// Counts a stream ended with `code`.
    func recordStatus(_ code: Assay_StatusCode) {
        self.statuses[code.rawValue]?.increment()
    }

    /// Records how long a call of `method` took.
    func recordCall(_ method: String, duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.callDurations[method]?.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import ServiceLifecycle

/// `GET /metrics` in Prometheus text format, for `assay serve --metrics-port`: a small HTTP/1.1
/// endpoint on SwiftNIO, run as a service beside the Assay server.
struct MetricsEndpoint: Service {
    let host: String
    let port: Int
    let registry: PrometheusCollectorRegistry
    let logger: Logger

    private typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    func run() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: self.host, port: self.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        let bound = server.channel.localAddress?.port ?? self.port
        self.logger.info("metrics on http://\(self.host):\(bound)/metrics")
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
    }

    /// Answers every request on one connection: the metrics for `GET /metrics`, 404 otherwise.
    private func serve(_ connection: Connection) async {
        try? await connection.executeThenClose { inbound, outbound in
            var request: HTTPRequestHead?
            for try await part in inbound {
                switch part {
                case .head(let head):
                    request = head
                case .body:
                    continue
                case .end:
                    guard let head = request else { continue }
                    let found = head.method == .GET && (head.uri == "/metrics" || head.uri.hasPrefix("/metrics?"))
                    var body = ByteBuffer()
                    if found {
                        body.writeBytes(self.registry.emitToBuffer())
                    } else {
                        body.writeString("not found: try /metrics\n")
                    }
                    var headers = HTTPHeaders()
                    headers.add(name: "Content-Type", value: found ? "text/plain; version=0.0.4" : "text/plain")
                    headers.add(name: "Content-Length", value: String(body.readableBytes))
                    let status: HTTPResponseStatus = found ? .ok : .notFound
                    try await outbound.write(contentsOf: [
                        .head(HTTPResponseHead(version: head.version, status: status, headers: headers)),
                        .body(.byteBuffer(body)),
                        .end(nil),
                    ])
                    request = nil
                }
            }
        }
    }
}

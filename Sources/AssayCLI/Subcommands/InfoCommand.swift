import ArgumentParser
import AssayClient
import AssayProtocol
import SwiftProtobuf

/// `assay info`: a server's versions, limits and settings.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a server's version, protocol, limits and settings (one line).",
        discussion: """
            Examples:
              assay info
              assay-server/0.1.0 at 127.0.0.1:7443: protocol 1, engine 0.1.0, up 42 s, 2 analysis slots, queue 64, ...
              assay info --json | jq .limits
            """
    )

    @OptionGroup var client: ClientOptions

    @Flag(name: .long, help: "Print the ServerInfoResponse as JSON.")
    var json = false

    func run() async throws {
        let endpoint = try self.client.endpoint()
        let info = try await self.client.withClient { client in
            try await client.serverInfo(deadline: self.client.call.deadlineDuration ?? .seconds(10))
        }
        if self.json {
            print(try info.jsonString())
            return
        }
        let limits = info.limits
        var parts = ["protocol \(info.protocolVersion)"]
        if !info.versions.engine.isEmpty { parts.append("engine \(info.versions.engine)") }
        if !info.versions.knowledgeBase.isEmpty { parts.append("knowledge base \(info.versions.knowledgeBase)") }
        if !info.versions.model.isEmpty { parts.append("model \(info.versions.model)") }
        parts.append("up \(info.uptimeMs / 1000) s")
        parts.append("\(info.analysisConcurrency) analysis slots, queue \(info.queueCapacity)")
        parts.append("max \(limits.maxConcurrentStreams) streams, articles up to \(limits.maxArticleBytes) B")
        parts.append(info.authRequired ? "API key required" : "open access")
        let server = info.serverVersion.isEmpty ? "server" : info.serverVersion
        print("\(server) at \(endpoint): " + parts.joined(separator: ", "))
    }
}

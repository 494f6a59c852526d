/// Which servers `assay bench` may load: loopback always, anything else only when the user named
/// it with `--server`, never an address that came from the environment or a default.
enum BenchTarget {
    /// Where `assay bench` goes without `--server`.
    static let defaultHost = "127.0.0.1"
    /// The default port.
    static let defaultPort = 7443

    /// Whether `host` is a loopback address or name: 127.0.0.0/8, ::1, localhost.
    static func isLoopback(_ host: String) -> Bool {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let value = Int(part) else { return false }
            return (0...255).contains(value)
        }
    }

    /// Why a target is refused, or `nil` when it may be loaded.
    /// - Parameters:
    ///   - host: The host to load.
    ///   - namedExplicitly: Whether the user typed it with `--server`.
    static func refusal(host: String, namedExplicitly: Bool) -> String? {
        if namedExplicitly || self.isLoopback(host) { return nil }
        return "assay bench only loads loopback or a server named with --server; \(host) came from elsewhere"
    }
}

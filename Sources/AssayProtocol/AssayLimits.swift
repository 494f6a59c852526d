/// Protocol constants and the defaults of every limit in `docs/PROTOCOL.md`.
public enum AssayLimits {
    /// The protocol version this implementation speaks.
    public static let protocolVersion: UInt32 = 1
    /// Default largest frame payload: 4 MiB.
    public static let defaultMaximumFrameSize = 4 << 20
    /// Default largest MESSAGE payload after decompression: 4 MiB.
    public static let defaultMaximumMessageSize = 4 << 20
    /// Default most streams open at once on a connection.
    public static let defaultMaximumConcurrentStreams = 100
    /// Default largest article body: 1 MiB of UTF-8.
    public static let defaultMaximumArticleBytes = 1 << 20
    /// Default smallest payload worth compressing.
    public static let defaultMinimumCompressSize = 512
    /// The largest frame payload any peer may announce (16 MiB).
    public static let maximumFrameSizeCeiling = 16 << 20
    /// Method names of the `assay.v1.Assay` service, as OPEN carries them.
    public enum Method {
        public static let analyze = "/assay.v1.Assay/Analyze"
        public static let analyzeBatch = "/assay.v1.Assay/AnalyzeBatch"
        public static let health = "/assay.v1.Assay/Health"
        public static let serverInfo = "/assay.v1.Assay/ServerInfo"
        /// Every method of the service.
        public static let all = [analyze, analyzeBatch, health, serverInfo]
    }
}

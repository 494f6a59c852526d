import Logging

/// Bootstraps swift-log once per process: the CLI is the only place that does.
enum LoggingSetup {
    /// The level named `text` (trace, debug, info, notice, warning, error, critical).
    static func level(_ text: String) -> Logger.Level? {
        Logger.Level(rawValue: text.lowercased())
    }

    /// Sends logs at `level` and above to standard error.
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

import Logging

/// Logging for the command line: swift-log's stream handler on stderr at the configured level.
public enum LogSetup {
    /// Bootstraps swift-log once and returns a logger for `label`.
    public static func logger(label: String, level: String) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}

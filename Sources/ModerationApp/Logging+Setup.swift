import Logging

/// Logging for the command line: swift-log's stream handler on stderr at the configured level.
public enum LogSetup {
    /// A logger for `label` that writes to standard error at `level` (info when the name is unknown);
    /// the global `LoggingSystem` is left as it is.
    public static func logger(label: String, level: String) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}

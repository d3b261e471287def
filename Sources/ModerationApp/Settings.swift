import Foundation
import ModerationStoreSQLite
import Yams

/// Every setting of `moderate`, resolved from flags, then `MODERATE_*` environment variables, then
/// the config file, then defaults.
public struct Settings: Sendable, Equatable {
    /// The database: a SQLite path or a `postgres://` URL.
    public var database: String = "var/moderate.sqlite"
    /// The rules folder.
    public var rules: String = "Rules"
    /// Comments a worker claims at once.
    public var workerBatch: Int = 500
    /// Worker tasks in one process.
    public var workerConcurrency: Int = 1
    /// How long a claim lasts before another worker may take the comment.
    public var leaseSeconds: Double = 60
    /// How long an idle worker waits before looking again (PostgreSQL wakes it sooner on NOTIFY).
    public var pollSeconds: Double = 1
    /// Claims after which a comment that keeps failing is held for a person instead of retried.
    public var maxAttempts: Int = 5
    /// How often the worker checks the rules files for changes.
    public var reloadSeconds: Double = 5
    /// The most bytes one comment's raw input may have.
    public var maxInputBytes: Int = 256 * 1024
    /// swift-log level: trace, debug, info, notice, warning, error, critical.
    public var logLevel: String = "info"
    /// How SQLite commits reach the disk: `full` (survives power loss, the default) or `normal`.
    public var sqliteSynchronous: SQLiteStore.Synchronous = .full
    /// How long a service worker waits for an unreachable database at start-up before it gives up.
    public var startupWaitSeconds: Double = 60

    /// The defaults.
    public init() {}

    /// The file's keys: `key` or `section.key`, each with the environment variable that overrides it.
    static let keys: [(path: String, variable: String)] = [
        ("database", "MODERATE_DATABASE"), ("rules", "MODERATE_RULES"),
        ("worker.batch", "MODERATE_WORKER_BATCH"), ("worker.concurrency", "MODERATE_WORKER_CONCURRENCY"),
        ("worker.lease_seconds", "MODERATE_WORKER_LEASE_SECONDS"), ("worker.poll_seconds", "MODERATE_WORKER_POLL_SECONDS"),
        ("worker.max_attempts", "MODERATE_WORKER_MAX_ATTEMPTS"), ("worker.reload_seconds", "MODERATE_WORKER_RELOAD_SECONDS"),
        ("intake.max_input_bytes", "MODERATE_MAX_INPUT_BYTES"), ("log_level", "MODERATE_LOG_LEVEL"),
        ("sqlite_synchronous", "MODERATE_SQLITE_SYNCHRONOUS"),
        ("worker.startup_wait_seconds", "MODERATE_WORKER_STARTUP_WAIT_SECONDS"),
    ]

    /// Resolves settings: `flags` (nil when not given) win over `environment`, which wins over the
    /// config file (`config`, else `MODERATE_CONFIG`, else `Config/moderate.yaml` when present).
    public static func resolve(config: String?, flags: [String: String], environment: [String: String]) throws(AppError)
        -> Settings
    {
        var values: [String: String] = [:]
        let explicitPath = config ?? environment["MODERATE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let path = explicitPath ?? "Config/moderate.yaml"
        if FileManager.default.fileExists(atPath: path) {
            values = try readFile(path)
        } else if explicitPath != nil {
            throw AppError(.noInput, "\(path): no such config file")
        }
        for (key, variable) in keys {
            if let value = environment[variable], !value.isEmpty { values[key] = value }
            if let value = flags[key] { values[key] = value }
        }
        var settings = Settings()
        try settings.apply(values, origin: path)
        return settings
    }

    /// Reads a config file into `section.key → text`, refusing unknown keys and malformed YAML (exit 78,
    /// naming the file, the line and the key).
    static func readFile(_ path: String) throws(AppError) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(validating: data, as: UTF8.self) else {
            throw AppError(.config, "\(path): cannot read the config file as UTF-8 text")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw AppError(.config, "\(path): malformed YAML: \(error)")
        }
        var values: [String: String] = [:]
        var problems: [String] = []
        func walk(_ node: Node, prefix: String) {
            guard case .mapping(let mapping) = node else {
                problems.append("\(path): \(prefix.isEmpty ? "the file" : prefix) must be a mapping")
                return
            }
            for (key, value) in mapping {
                let name = prefix.isEmpty ? (key.string ?? "?") : "\(prefix).\(key.string ?? "?")"
                if case .mapping = value {
                    walk(value, prefix: name)
                } else if keys.contains(where: { $0.path == name }), case .scalar(let scalar) = value {
                    values[name] = scalar.string
                } else {
                    let line = key.mark.map { ":\($0.line)" } ?? ""
                    problems.append("\(path)\(line): unknown setting '\(name)'")
                }
            }
        }
        if let root { walk(root, prefix: "") }
        guard problems.isEmpty else { throw AppError(.config, problems) }
        return values
    }

    /// Applies textual values, checking each one's type and range.
    mutating func apply(_ values: [String: String], origin: String) throws(AppError) {
        var problems: [String] = []
        func int(_ key: String, _ minimum: Int) -> Int? {
            guard let text = values[key] else { return nil }
            guard let value = Int(text), value >= minimum else {
                problems.append("\(key): '\(text)' must be a whole number of at least \(minimum)")
                return nil
            }
            return value
        }
        func seconds(_ key: String) -> Double? {
            guard let text = values[key] else { return nil }
            guard let value = Double(text), value > 0, value.isFinite else {
                problems.append("\(key): '\(text)' must be a positive number of seconds")
                return nil
            }
            return value
        }
        if let value = values["database"] { database = value }
        if let value = values["rules"] { rules = value }
        workerBatch = int("worker.batch", 1) ?? workerBatch
        workerConcurrency = int("worker.concurrency", 1) ?? workerConcurrency
        leaseSeconds = seconds("worker.lease_seconds") ?? leaseSeconds
        pollSeconds = seconds("worker.poll_seconds") ?? pollSeconds
        maxAttempts = int("worker.max_attempts", 1) ?? maxAttempts
        reloadSeconds = seconds("worker.reload_seconds") ?? reloadSeconds
        maxInputBytes = int("intake.max_input_bytes", 1024) ?? maxInputBytes
        startupWaitSeconds = seconds("worker.startup_wait_seconds") ?? startupWaitSeconds
        if let text = values["sqlite_synchronous"] {
            if let value = SQLiteStore.Synchronous(rawValue: text) {
                sqliteSynchronous = value
            } else {
                problems.append("sqlite_synchronous: '\(text)' is not one of full, normal")
            }
        }
        if let level = values["log_level"] {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            if levels.contains(level) {
                logLevel = level
            } else {
                problems.append("log_level: '\(level)' is not one of \(levels.joined(separator: ", "))")
            }
        }
        guard problems.isEmpty else { throw AppError(.usage, problems) }
    }
}

import Foundation
import Logging
import ModerationStore
import ModerationStorePostgres
import ModerationStoreSQLite

/// Opens the store a `--database` value names: `postgres://…` (or `postgresql://…`) for PostgreSQL,
/// anything else a SQLite file path (created with its folder when missing).
public enum StoreOpener {
    /// Opens the store; an unreachable database is an ``AppError`` with exit status 69. With
    /// `creating` false (commands that read or act on what is stored), a SQLite file that does not
    /// exist is an ``AppError`` with exit status 66 and nothing is created: a mistyped path must not
    /// look like an empty queue.
    ///
    /// With `readOnly` (commands that only read), a SQLite database is opened without write access, so a
    /// user who may only read the file can list. A SQLite file that cannot be used is reported naming
    /// the path that is the problem (``SQLiteFileCheck``).
    public static func open(
        _ database: String, logger: Logger, creating: Bool = true, readOnly: Bool = false,
        sqliteSynchronous: SQLiteStore.Synchronous = .full, fileCheck: SQLiteFileCheck = SQLiteFileCheck()
    ) async throws(AppError) -> any ModerationStore {
        do {
            if isPostgres(database) {
                return try await PostgresStore.connect(url: database, logger: logger)
            }
            if let problem = fileCheck.beforeOpening(database) { throw AppError(problem.status, problem.message) }
            if !creating || readOnly, !FileManager.default.fileExists(atPath: database) {
                throw AppError(.noInput, "database \(database): no such file (submit or worker creates it)")
            }
            do {
                return try SQLiteStore(path: database, synchronous: sqliteSynchronous, readOnly: readOnly)
            } catch {
                guard let problem = fileCheck.afterFailure(database, writing: !readOnly) else { throw error }
                throw AppError(problem.status, [problem.message, "(SQLite: \(sqliteDetail(error)))"])
            }
        } catch {
            throw failure(error, database: database)
        }
    }

    /// SQLite's own words in a store error, without the path the message already names.
    private static func sqliteDetail(_ error: any Error) -> String {
        let text = "\(error)"
        guard let colon = text.range(of: ": ", options: .backwards) else { return text }
        return String(text[colon.upperBound...])
    }

    /// Whether `database` names PostgreSQL (`postgres://` or `postgresql://`, in any case).
    public static func isPostgres(_ database: String) -> Bool {
        let lowered = database.prefix(13).lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// What opening `database` threw, as the command line reports it: a malformed URL is a usage error
    /// (64), an unreachable database 69. No line holds the URL's password.
    static func failure(_ error: any Error, database: String) -> AppError {
        var failure: AppError
        switch error {
        case let error as AppError:
            failure = error
        case let error as PostgresStore.ConfigurationError:
            failure = AppError(.usage, "database \(redacted(database)): \(error.message)")
        case let error as StoreError:
            failure = AppError(
                error.kind == .unavailable || error.kind == .busy ? .unavailable : .failure,
                "database \(redacted(database)): \(error)")
        default:
            failure = AppError(.unavailable, "database \(redacted(database)): \(error)")
        }
        if isPostgres(database) {
            failure.lines = failure.lines.map { PostgresStore.Configuration.scrubbing($0, passwordOf: database) }
        }
        return failure
    }

    /// Opens the store `settings` name, with their SQLite durability.
    public static func open(_ settings: Settings, logger: Logger, creating: Bool = true, readOnly: Bool = false)
        async throws(AppError) -> any ModerationStore
    {
        try await open(
            settings.database, logger: logger, creating: creating, readOnly: readOnly,
            sqliteSynchronous: settings.sqliteSynchronous)
    }

    /// Opens the store `settings` name, waiting for an unreachable PostgreSQL server for up to
    /// `maximumWait` seconds: tries again with a growing pause (0.5 s doubling up to 10 s), logging each
    /// failed try at warning. What is not worth waiting for (a malformed URL, a SQLite file that cannot
    /// be opened) fails at once; a server still unreachable at the end is exit 69, naming the target.
    public static func openWaiting(
        _ settings: Settings, logger: Logger, maximumWait: Double,
        clock: ContinuousClock = ContinuousClock()
    ) async throws(AppError) -> any ModerationStore {
        let started = clock.now
        let limit = Duration.seconds(maximumWait)
        var pause = 0.5
        var attempt = 1
        while true {
            do {
                return try await open(settings, logger: logger)
            } catch {
                guard error.status == .unavailable, isPostgres(settings.database) else { throw error }
                let waited = clock.now - started
                guard waited < limit else {
                    throw AppError(
                        .unavailable,
                        [
                            "database \(redacted(settings.database)): still unreachable after \(attempt) tries in "
                                + "\(seconds(waited)) (worker.startup_wait_seconds is \(seconds(limit)))"
                        ] + error.lines)
                }
                let delay = min(Duration.seconds(pause), limit - waited)
                logger.warning(
                    "database unavailable at start-up; retrying",
                    metadata: [
                        "db.target": "\(redacted(settings.database))", "error": "\(error.lines.joined(separator: "; "))",
                        "retry.attempt": "\(attempt)", "retry.seconds": "\(seconds(delay))",
                        "wait.limit.seconds": "\(seconds(limit))",
                    ])
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    throw AppError(.unavailable, "database \(redacted(settings.database)): start-up cancelled")
                }
                pause = min(pause * 2, 10)
                attempt += 1
            }
        }
    }

    /// A duration as seconds with one decimal, for messages.
    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.1f s", value)
    }

    /// Closes what needs closing (PostgreSQL's connection pool).
    public static func close(_ store: any ModerationStore) async {
        if let postgres = store as? PostgresStore { await postgres.shutdown() }
    }

    /// The URL without its password, for messages (parsed or not); a SQLite path as it is.
    public static func redacted(_ database: String) -> String {
        PostgresStore.Configuration.scrubbing(PostgresStore.Configuration.redacting(database), passwordOf: database)
    }
}

extension AppError {
    /// A store failure as the command line reports it.
    public init(_ error: StoreError) {
        switch error.kind {
        case .unavailable, .busy: self.init(.unavailable, "database: \(error)")
        case .notFound: self.init(.dataError, "\(error)")
        case .conflict: self.init(.dataError, "\(error)")
        case .invalid: self.init(.dataError, "\(error)")
        case .backend: self.init(.failure, "database: \(error)")
        }
    }
}

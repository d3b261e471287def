import Foundation
import GRDB
import ModerationStore

/// The embedded store: one SQLite file in WAL mode, shared safely by several processes.
///
/// Every write is one IMMEDIATE transaction, so concurrent processes queue on the write lock (up
/// to the busy timeout) instead of failing, and a claim or a verdict is never handed out or
/// written twice. Opening the store creates the file and its folders and runs the migrations.
/// See ``StoreContract`` for the semantics shared with the other stores.
public final class SQLiteStore: ModerationStore {
    /// The database file.
    public let path: String
    /// The connections: one writer and a few readers.
    let pool: DatabasePool
    /// The longest `waitForWork` sleeps: SQLite cannot tell another process that work came.
    static let pollInterval: TimeInterval = 0.2

    /// How hard SQLite pushes a commit to the disk (`PRAGMA synchronous`) in WAL mode.
    public enum Synchronous: String, Sendable, CaseIterable {
        /// Every commit is flushed to the disk before it returns: a stored comment survives a power
        /// failure or an operating-system crash. The default.
        case full
        /// Commits are flushed at checkpoints only: safe against a crash of any process, but the last
        /// commits before a power failure or an operating-system crash can be lost.
        case normal
    }

    /// Opens (creating if missing) the database at `path` and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - path: The database file; missing folders are created.
    ///   - busyTimeout: How long to wait for another connection's write lock before `.busy`.
    ///   - synchronous: How commits reach the disk; ``Synchronous/full`` unless the operator chose otherwise.
    ///   - readOnly: Open an existing database without write access (for commands that only read, run by
    ///     users who may only read the file). Nothing is created; a schema that is not up to date is
    ///     migrated through a normal (writing) open first.
    /// - Throws: `StoreError` `.unavailable` when the folder or file cannot be created or opened.
    public init(path: String, busyTimeout: TimeInterval = 5, synchronous: Synchronous = .full, readOnly: Bool = false)
        throws
    {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        if !readOnly {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError(
                    .unavailable,
                    "Cannot create the folder \(folder.path) for the database \(path): \(error.localizedDescription)")
            }
        }
        if readOnly {
            do {
                pool = try Self.openReadOnly(path: path, busyTimeout: busyTimeout)
                return
            } catch let error as StoreError where error.code == Self.outdatedSchema {
                // Fall through: a writing open migrates the schema (and says so if this user may not write).
            } catch {
                throw StoreError(sqlite: error, path: path, action: "opening read-only")
            }
        }
        var configuration = Configuration()
        configuration.label = "moderate"
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true

        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB sets NORMAL on the writer when it turns WAL on (after `prepareDatabase`), so the
            // setting is applied here, on the one connection that commits. In WAL mode NORMAL survives
            // a crash of the process; FULL also survives power loss.
            let pragma = synchronous == .full ? "FULL" : "NORMAL"
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(pragma)") }
            try SQLiteSchema.migrator.migrate(pool)
        } catch {
            throw StoreError(sqlite: error, path: path, action: "opening")
        }
    }

    /// The `code` of the error ``openReadOnly(path:busyTimeout:)`` throws for a schema that needs migrating.
    static let outdatedSchema = "outdated-schema"

    /// A pool whose connections cannot write, on a database whose migrations have all run.
    private static func openReadOnly(path: String, busyTimeout: TimeInterval) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.label = "moderate"
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.readonly = true
        let pool = try DatabasePool(path: path, configuration: configuration)
        let current = try pool.read { db in try SQLiteSchema.migrator.hasCompletedMigrations(db) }
        guard current else {
            try? pool.close()
            throw StoreError(.unavailable, "The database \(path) needs migrating", code: outdatedSchema)
        }
        return pool
    }

    /// Closes the connections; the store cannot be used afterwards.
    public func close() throws {
        do {
            try pool.close()
        } catch {
            throw StoreError(sqlite: error, path: path, action: "closing")
        }
    }

    /// Sleeps for `timeout` or the poll interval, whichever is shorter; returns early on cancellation.
    public func waitForWork(timeout: TimeInterval) async {
        let seconds = min(max(timeout, 0), Self.pollInterval)
        guard seconds > 0 else { return }
        try? await Task.sleep(for: .seconds(seconds))
    }

    /// The value of `PRAGMA name` on the writer connection, the one `submit` commits through.
    package func writerPragma(_ name: String) async throws -> String? {
        try await pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// Runs `updates` in one write transaction, mapping failures to `StoreError`.
    func write<T: Sendable>(_ action: String, _ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(updates)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw StoreError(sqlite: error, path: path, action: action)
        }
    }

    /// Runs `value` in one read transaction, mapping failures to `StoreError`.
    func read<T: Sendable>(_ action: String, _ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(value)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw StoreError(sqlite: error, path: path, action: action)
        }
    }
}

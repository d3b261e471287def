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

    /// Opens (creating if missing) the database at `path` and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - path: The database file; missing folders are created.
    ///   - busyTimeout: How long to wait for another connection's write lock before `.busy`.
    /// - Throws: `StoreError` `.unavailable` when the folder or file cannot be created or opened.
    public init(path: String, busyTimeout: TimeInterval = 5) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                .unavailable,
                "Cannot create the folder \(folder.path) for the database \(path): \(error.localizedDescription)")
        }
        var configuration = Configuration()
        configuration.label = "moderate"
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // WAL is safe against a crash of the process with NORMAL; FULL would also survive power loss.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteSchema.migrator.migrate(pool)
        } catch {
            throw StoreError(sqlite: error, path: path, action: "opening")
        }
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

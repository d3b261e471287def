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
    public static func open(_ database: String, logger: Logger, creating: Bool = true) async throws(AppError)
        -> any ModerationStore
    {
        do {
            if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
                return try await PostgresStore.connect(url: database, logger: logger)
            }
            if !creating, !FileManager.default.fileExists(atPath: database) {
                throw AppError(.noInput, "database \(database): no such file (submit or worker creates it)")
            }
            return try SQLiteStore(path: database)
        } catch let error as AppError {
            throw error
        } catch let error as StoreError {
            throw AppError(
                error.kind == .unavailable || error.kind == .busy ? .unavailable : .failure,
                "database \(redacted(database)): \(error)")
        } catch {
            throw AppError(.unavailable, "database \(redacted(database)): \(error)")
        }
    }

    /// Closes what needs closing (PostgreSQL's connection pool).
    public static func close(_ store: any ModerationStore) async {
        if let postgres = store as? PostgresStore { await postgres.shutdown() }
    }

    /// The URL without its password, for messages.
    public static func redacted(_ database: String) -> String {
        guard var components = URLComponents(string: database), components.password != nil else { return database }
        components.password = "***"
        return components.string ?? database
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

import Logging
import PostgresNIO

/// Brings a schema up to date, once, even when several processes start together.
///
/// Everything happens in one transaction that first takes a transaction-scoped advisory lock keyed on the
/// search path: the first process creates the schema and applies the missing migrations, the others wait on the
/// lock, then find every version recorded in `schema_migrations` and apply nothing. PostgreSQL's DDL is
/// transactional, so a migration that fails leaves no trace and is tried again by the next start.
struct PostgresMigrator: Sendable {
    /// The migrations to apply, in version order.
    var migrations: [PostgresMigration] = PostgresMigration.all
    /// Whether to create the schema named in the search path first (a store configured with a schema).
    var createsSchema: Bool
    /// Where progress is logged.
    var logger: Logger

    /// Applies the missing migrations on `connection`; returns the versions this call applied.
    func migrate(on connection: PostgresConnection) async throws -> [Int] {
        try await connection.query("BEGIN", logger: logger)
        do {
            let applied = try await migrateInTransaction(connection)
            try await connection.query("COMMIT", logger: logger)
            return applied
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private func migrateInTransaction(_ connection: PostgresConnection) async throws -> [Int] {
        // Two 32-bit keys: this program's migrations, and the schema they go into.
        try await connection.query(
            """
            SELECT pg_advisory_xact_lock(hashtext('moderate.schema_migrations'), hashtext(current_setting('search_path')))
            """, logger: logger
        ).drain()
        if createsSchema {
            // The schema name cannot be a bind parameter; it comes from the search path set at connection start
            // (validated as a plain identifier by the configuration) and is quoted by format('%I').
            try await connection.query(
                """
                DO $$ BEGIN
                    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', current_setting('search_path'));
                END $$
                """, logger: logger
            ).drain()
        }
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, logger: logger
        ).drain()

        var existing = Set<Int>()
        for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger)
            .decode(Int.self)
        {
            existing.insert(version)
        }
        if let newest = existing.max(), let known = migrations.map(\.version).max(), newest > known {
            logger.warning(
                "the database schema is newer than this program",
                metadata: [
                    "db.schema.version": "\(newest)", "db.schema.known_version": "\(known)",
                ])
        }

        var applied: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) where !existing.contains(migration.version) {
            for statement in migration.statements {
                try await connection.query(statement, logger: logger).drain()
            }
            try await connection.query(
                "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                logger: logger
            ).drain()
            logger.info(
                "applied migration",
                metadata: [
                    "db.migration.version": "\(migration.version)", "db.migration.name": "\(migration.name)",
                ])
            applied.append(migration.version)
        }
        return applied
    }
}

extension PostgresRowSequence {
    /// Reads and discards every row, so that an error the server sends after the first row is still thrown.
    func drain() async throws {
        for try await _ in self {}
    }
}

import Foundation
import ModerationStore
import PostgresNIO

extension PostgresStore {
    /// Adds a ban, or replaces the reason of an existing one (its author and date stay).
    public func addBan(_ ban: Ban) async throws {
        let value = Ban.canonical(ban.value)
        try await perform("add ban", .statement(retrySafe: true)) { connection in
            try await connection.run("""
                INSERT INTO bans (kind, value, reason, created_by, created_at)
                VALUES (\(ban.kind.rawValue), \(value), \(ban.reason), \(ban.createdBy), \(ban.createdAt))
                ON CONFLICT (kind, value) DO UPDATE SET reason = EXCLUDED.reason
                """, logger: logger)
        }
    }

    /// Removes a ban; false when there was none.
    public func removeBan(kind: BanKind, value: String) async throws -> Bool {
        let value = Ban.canonical(value)
        let removed = try await perform("remove ban", .statement(retrySafe: true)) { connection in
            try await connection.rows("DELETE FROM bans WHERE kind = \(kind.rawValue) AND value = \(value) RETURNING id",
                                      logger: logger)
        }
        return !removed.isEmpty
    }

    /// Every ban, oldest first.
    public func bans() async throws -> [Ban] {
        try await perform("bans", .read) { connection in
            try await connection.rows("SELECT * FROM bans ORDER BY created_at, id", logger: logger).map(Ban.init(postgresRow:))
        }
    }

    /// The oldest ban that applies to an author (by email, IP or name, compared in canonical form), or nil.
    public func matchingBan(email: String, ip: String?, name: String) async throws -> Ban? {
        let email = Ban.canonical(email)
        let ip = ip.map(Ban.canonical)
        let name = Ban.canonical(name)
        return try await perform("matching ban", .read) { connection in
            try await connection.rows("""
                SELECT * FROM bans
                WHERE (kind = 'email' AND value = \(email))
                   OR (kind = 'ip' AND value = \(ip)::text)
                   OR (kind = 'name' AND value = \(name))
                ORDER BY created_at, id
                LIMIT 1
                """, logger: logger).map(Ban.init(postgresRow:))
        }.first
    }
}

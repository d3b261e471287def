import Foundation
import ModerationStore
import PostgresNIO

extension PostgresStore {
    /// Adds a ban, or replaces the reason of an existing one (its author and date stay).
    public func addBan(_ ban: Ban) async throws {
        let value = BanValue.canonical(ban.value, kind: ban.kind)
        try await perform("add ban", .statement(retrySafe: true)) { connection in
            try await connection.run(
                """
                INSERT INTO bans (kind, value, reason, created_by, created_at)
                VALUES (\(ban.kind.rawValue), \(value), \(ban.reason), \(ban.createdBy), \(ban.createdAt))
                ON CONFLICT (kind, value) DO UPDATE SET reason = EXCLUDED.reason
                """, logger: logger)
        }
    }

    /// Removes a ban; false when there was none.
    public func removeBan(kind: BanKind, value: String) async throws -> Bool {
        let value = BanValue.canonical(value, kind: kind)
        let removed = try await perform("remove ban", .statement(retrySafe: true)) { connection in
            try await connection.rows(
                "DELETE FROM bans WHERE kind = \(kind.rawValue) AND value = \(value) RETURNING id",
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

    /// The oldest ban that applies to an author (by email, IP or name, compared in canonical form; empty fields
    /// never match), or nil.
    public func matchingBan(email: String, ip: String?, name: String) async throws -> Ban? {
        let candidates = StoreContract.banCandidates(email: email, ip: ip, name: name)
        guard !candidates.isEmpty else { return nil }
        let kinds = candidates.map(\.kind.rawValue)
        let values = candidates.map(\.value)
        return try await perform("matching ban", .read) { connection in
            try await connection.rows(
                """
                SELECT b.* FROM bans AS b
                JOIN unnest(\(kinds)::text[], \(values)::text[]) AS c(kind, value) ON b.kind = c.kind AND b.value = c.value
                ORDER BY b.created_at, b.id
                LIMIT 1
                """, logger: logger
            ).map(Ban.init(postgresRow:))
        }.first
    }
}

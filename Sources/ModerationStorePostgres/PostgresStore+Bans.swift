import Foundation
import ModerationStore
import PostgresNIO

extension PostgresStore {
    /// Adds a ban, or replaces the reason of an existing one (its author and date stay).
    public func addBan(_ ban: Ban) async throws {
        try await perform("add ban", .statement(retrySafe: true)) { connection in
            try await Self.insert(ban, connection, logger: logger)
        }
    }

    /// Inserts a ban in canonical form, or replaces the reason of the one already there.
    static func insert(_ ban: Ban, _ connection: PostgresConnection, logger: Logger) async throws {
        let value = BanValue.canonical(ban.value, kind: ban.kind)
        try await connection.run(
            """
            INSERT INTO bans (kind, value, reason, created_by, created_at)
            VALUES (\(ban.kind.rawValue), \(value), \(ban.reason), \(ban.createdBy), \(ban.createdAt))
            ON CONFLICT (kind, value) DO UPDATE SET reason = EXCLUDED.reason
            """, logger: logger)
    }

    /// Adds a ban and rejects the held comments it applies to, in one transaction.
    public func addBan(_ ban: Ban, rejectingHeldAs moderator: String, reason: String?, now: Date) async throws
        -> [AuditEvent]
    {
        let value = BanValue.canonical(ban.value, kind: ban.kind)
        // Not retried after a lost COMMIT: the rejections would be written as a second batch.
        return try await perform("add ban, reject held", .transaction(retrySafe: false)) { connection -> [AuditEvent] in
            try await Self.insert(ban, connection, logger: logger)
            var stored = ban
            stored.value = value
            var ids: [Int64] = []
            for row in try await connection.rows(
                "SELECT id, email, ip, name FROM comments WHERE state = 'held' ORDER BY id FOR UPDATE", logger: logger)
            {
                let (id, email, ip, name) = try row.decode((Int64, String, String?, String).self)
                if BanValue.applies(stored, email: email, ip: ip, name: name) { ids.append(id) }
            }
            guard !ids.isEmpty else { return [] }
            return try await Self.decide(
                connection, ids, state: .rejected, moderator: moderator, reason: reason, expecting: [.held],
                overridingClaims: true, now: now, logger: logger)
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

}

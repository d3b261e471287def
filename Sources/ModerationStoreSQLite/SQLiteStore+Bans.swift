import Foundation
import GRDB
import ModerationStore

extension SQLiteStore {
    /// Adds a ban, or replaces the reason of an existing one (its author and time stay).
    public func addBan(_ ban: Ban) async throws {
        try await write("adding a ban") { db in try Self.addBan(db, ban) }
    }

    /// Adds a ban and rejects the held comments it applies to, in one transaction.
    public func addBan(_ ban: Ban, rejectingHeldAs moderator: String, reason: String?, now: Date) async throws
        -> [AuditEvent]
    {
        typealias Columns = CommentRow.Columns
        return try await write("adding a ban and rejecting held comments") { db in
            try Self.addBan(db, ban)
            let stored =
                try BanRow.filter(BanRow.Columns.kind == ban.kind.rawValue)
                .filter(BanRow.Columns.value == BanValue.canonical(ban.value, kind: ban.kind))
                .fetchOne(db)?.ban() ?? ban
            let held = try CommentRow.filter(Columns.state == CommentState.held.rawValue).order(Columns.id).fetchAll(db)
            let ids = held.filter { BanValue.applies(stored, email: $0.email, ip: $0.ip, name: $0.name) }.compactMap(\.id)
            guard !ids.isEmpty else { return [] }
            return try Self.decide(
                db, ids, state: .rejected, moderator: moderator, reason: reason, expecting: [.held],
                overridingClaims: true, now: now)
        }
    }

    /// Inserts a ban, or replaces the reason of the one already there.
    static func addBan(_ db: Database, _ ban: Ban) throws {
        let row = BanRow(ban)
        typealias Columns = BanRow.Columns
        let replaced =
            try BanRow
            .filter(Columns.kind == row.kind && Columns.value == row.value)
            .updateAll(db, Columns.reason.set(to: row.reason))
        if replaced == 0 {
            var row = row
            try row.insert(db)
        }
    }

    /// Removes a ban, comparing the canonical value; false when there was none.
    public func removeBan(kind: BanKind, value: String) async throws -> Bool {
        let value = BanValue.canonical(value, kind: kind)
        typealias Columns = BanRow.Columns
        return try await write("removing a ban") { db in
            try BanRow.filter(Columns.kind == kind.rawValue && Columns.value == value).deleteAll(db) > 0
        }
    }

    /// Every ban, oldest first (by creation time, then by when it was added).
    public func bans() async throws -> [Ban] {
        try await read("listing bans") { db in
            try BanRow.order(BanRow.Columns.createdAt, BanRow.Columns.id).fetchAll(db).map { try $0.ban() }
        }
    }

}

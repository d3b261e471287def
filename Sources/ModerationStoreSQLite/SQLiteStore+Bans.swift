import Foundation
import GRDB
import ModerationStore

extension SQLiteStore {
    /// Adds a ban, or replaces the reason of an existing one (its author and time stay).
    public func addBan(_ ban: Ban) async throws {
        let row = BanRow(ban)
        typealias Columns = BanRow.Columns
        try await write("adding a ban") { db in
            let replaced =
                try BanRow
                .filter(Columns.kind == row.kind && Columns.value == row.value)
                .updateAll(db, Columns.reason.set(to: row.reason))
            if replaced == 0 {
                var row = row
                try row.insert(db)
            }
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

    /// The oldest ban that applies to an author, comparing canonical values, or nil.
    public func matchingBan(email: String, ip: String?, name: String) async throws -> Ban? {
        let candidates = StoreContract.banCandidates(email: email, ip: ip, name: name)
        guard !candidates.isEmpty else { return nil }
        typealias Columns = BanRow.Columns
        let applies =
            candidates
            .map { Columns.kind == $0.kind.rawValue && Columns.value == $0.value }
            .joined(operator: .or)
        let request = BanRow.filter(applies).order(Columns.createdAt, Columns.id)
        return try await read("matching bans") { [request] db in
            try request.fetchOne(db).map { try $0.ban() }
        }
    }
}

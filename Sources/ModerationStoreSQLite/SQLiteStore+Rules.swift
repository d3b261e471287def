import Foundation
import GRDB
import ModerationStore

extension SQLiteStore {
    /// Keeps `rules` as the last good set (one row); the version already kept changes nothing.
    public func saveLastGoodRules(_ rules: StoredRules) async throws {
        let files = rules.filesJSON
        try await write("storing the last good rules") { db in
            try db.execute(
                sql: """
                    INSERT INTO last_good_rules (slot, version, files_json, stored_at) VALUES (1, ?, ?, ?)
                    ON CONFLICT (slot) DO UPDATE SET version = excluded.version, files_json = excluded.files_json,
                        stored_at = excluded.stored_at
                    WHERE last_good_rules.version <> excluded.version
                    """,
                arguments: [rules.version, files, rules.storedAt.timeIntervalSince1970])
        }
    }

    /// The last good rules set kept, or nil.
    public func lastGoodRules() async throws -> StoredRules? {
        try await read("reading the last good rules") { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT version, files_json, stored_at FROM last_good_rules WHERE slot = 1")
            else { return nil }
            let version: String = row[0]
            let json: String = row[1]
            let at: Double = row[2]
            return StoredRules(
                version: version, files: try StoredRules.files(fromJSON: json), storedAt: Date(timeIntervalSince1970: at))
        }
    }
}

import Foundation
import ModerationStore
import PostgresNIO

extension PostgresStore {
    /// Keeps `rules` as the last good set (one row); the version already kept changes nothing.
    public func saveLastGoodRules(_ rules: StoredRules) async throws {
        let files = rules.filesJSON
        try await perform("store last good rules", .statement(retrySafe: true)) { connection in
            try await connection.run(
                """
                INSERT INTO last_good_rules (slot, version, files_json, stored_at)
                VALUES (1, \(rules.version), \(files), \(rules.storedAt))
                ON CONFLICT (slot) DO UPDATE SET version = EXCLUDED.version, files_json = EXCLUDED.files_json,
                    stored_at = EXCLUDED.stored_at
                WHERE last_good_rules.version <> EXCLUDED.version
                """, logger: logger)
        }
    }

    /// The last good rules set kept, or nil.
    public func lastGoodRules() async throws -> StoredRules? {
        let rows = try await perform("read last good rules", .read) { connection in
            try await connection.rows(
                "SELECT version, files_json, stored_at FROM last_good_rules WHERE slot = 1", logger: logger)
        }
        guard let row = rows.first else { return nil }
        let (version, json, at) = try row.decode((String, String, Date).self)
        return StoredRules(version: version, files: try StoredRules.files(fromJSON: json), storedAt: at)
    }
}

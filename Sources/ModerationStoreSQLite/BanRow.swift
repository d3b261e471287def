import Foundation
import GRDB
import ModerationStore

/// One row of the `bans` table; `kind` and `value` are unique together.
struct BanRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "bans"

    /// The columns the queries filter and order on.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let kind = Column(CodingKeys.kind)
        static let value = Column(CodingKeys.value)
        static let reason = Column(CodingKeys.reason)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: Int64?
    var kind: String
    var value: String
    var reason: String?
    var createdBy: String
    var createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id, kind, value, reason
        case createdBy = "created_by"
        case createdAt = "created_at"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The row for a ban, its value in canonical form.
    init(_ ban: Ban) {
        kind = ban.kind.rawValue
        value = BanValue.canonical(ban.value, kind: ban.kind)
        reason = ban.reason
        createdBy = ban.createdBy
        createdAt = SQLiteValues.seconds(ban.createdAt)
    }

    /// The ban as the protocol returns it.
    func ban() throws -> Ban {
        guard let kind = BanKind(rawValue: kind) else {
            throw StoreError(.backend, "The bans table holds an unknown kind '\(kind)'.")
        }
        return Ban(kind: kind, value: value, reason: reason, createdBy: createdBy, createdAt: SQLiteValues.date(createdAt))
    }
}

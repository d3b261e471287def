import Foundation
import GRDB
import ModerationStore

/// One row of the append-only `audit_events` table.
struct AuditEventRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "audit_events"

    /// The columns the queries filter and order on.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let commentID = Column(CodingKeys.commentID)
        static let kind = Column(CodingKeys.kind)
        static let actor = Column(CodingKeys.actor)
        static let batch = Column(CodingKeys.batch)
    }

    var id: Int64?
    var commentID: Int64
    var at: Double
    var kind: String
    var actor: String
    var fromState: String?
    var toState: String
    var reason: String?
    var rulesVersion: String?
    var batch: String?

    enum CodingKeys: String, CodingKey {
        case id
        case commentID = "comment_id"
        case at, kind, actor
        case fromState = "from_state"
        case toState = "to_state"
        case reason
        case rulesVersion = "rules_version"
        case batch
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The event as the protocol returns it.
    func event() throws -> AuditEvent {
        guard let kind = AuditKind(rawValue: kind) else {
            throw StoreError(.backend, "The audit log holds an unknown event kind '\(kind)'.")
        }
        return AuditEvent(
            id: id ?? 0, commentID: commentID, at: SQLiteValues.date(at), kind: kind, actor: actor,
            from: try fromState.map(SQLiteValues.state), to: try SQLiteValues.state(toState),
            reason: reason, rulesVersion: rulesVersion, batch: batch)
    }
}

extension AuditEventRow {
    /// Appends one event to the log with a prepared statement and returns it with its new id.
    static func append(
        _ db: Database, commentID: Int64, at: Double, kind: AuditKind, actor: String,
        from: CommentState?, to: CommentState, reason: String?, rulesVersion: String?,
        batch: String?
    ) throws -> AuditEvent {
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO audit_events (comment_id, at, kind, actor, from_state, to_state, reason, rules_version, batch)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try insert.execute(arguments: [
            commentID, at, kind.rawValue, actor, from?.rawValue, to.rawValue,
            reason, rulesVersion, batch,
        ])
        return AuditEvent(
            id: db.lastInsertedRowID, commentID: commentID, at: SQLiteValues.date(at), kind: kind,
            actor: actor, from: from, to: to, reason: reason, rulesVersion: rulesVersion, batch: batch)
    }
}

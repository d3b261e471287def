import Foundation
import ModerationStore
import PostgresNIO

// Decoding of the store's records from rows, by column name, so `SELECT *` and `RETURNING *` keep working when
// a later migration adds columns.

extension StoredComment {
    /// Reads a full `comments` row.
    init(postgresRow row: PostgresRow) throws {
        let cells = row.makeRandomAccess()
        let comment = NewComment(
            article: try cells["article"].decode(String.self),
            name: try cells["name"].decode(String.self),
            email: try cells["email"].decode(String.self),
            url: try cells["url"].decode(String?.self),
            ip: try cells["ip"].decode(String?.self),
            body: try cells["body"].decode(String.self),
            key: try cells["key"].decode(String?.self),
            submittedAt: try cells["submitted_at"].decode(Date.self)
        )
        var verdict: VerdictRecord?
        if let verdictState = try cells["verdict_state"].decode(String?.self) {
            verdict = VerdictRecord(
                state: try CommentState(storedValue: verdictState),
                score: try cells["score"].decode(Int?.self) ?? 0,
                rulesVersion: try cells["rules_version"].decode(String?.self) ?? "",
                ruleIDs: try cells["rule_ids"].decode([String]?.self) ?? [],
                json: try cells["verdict_json"].decode(String?.self) ?? "",
                reason: try cells["verdict_reason"].decode(String?.self)
            )
        }
        self.init(
            id: try cells["id"].decode(Int64.self),
            comment: comment,
            state: try CommentState(storedValue: try cells["state"].decode(String.self)),
            verdict: verdict,
            leaseOwner: try cells["lease_owner"].decode(String?.self),
            leaseExpiresAt: try cells["lease_expires_at"].decode(Date?.self),
            attempts: try cells["attempts"].decode(Int.self),
            updatedAt: try cells["updated_at"].decode(Date.self)
        )
    }
}

extension AuditEvent {
    /// Reads a full `audit_events` row.
    init(postgresRow row: PostgresRow) throws {
        let cells = row.makeRandomAccess()
        let kindValue = try cells["kind"].decode(String.self)
        guard let kind = AuditKind(rawValue: kindValue) else {
            throw StoreError(.backend, "unknown audit event kind in the database: \(kindValue)")
        }
        self.init(
            id: try cells["id"].decode(Int64.self),
            commentID: try cells["comment_id"].decode(Int64.self),
            at: try cells["at"].decode(Date.self),
            kind: kind,
            actor: try cells["actor"].decode(String.self),
            from: try cells["from_state"].decode(String?.self).map { try CommentState(storedValue: $0) },
            to: try CommentState(storedValue: try cells["to_state"].decode(String.self)),
            reason: try cells["reason"].decode(String?.self),
            rulesVersion: try cells["rules_version"].decode(String?.self),
            batch: try cells["batch"].decode(String?.self)
        )
    }
}

extension Ban {
    /// Reads a full `bans` row.
    init(postgresRow row: PostgresRow) throws {
        let cells = row.makeRandomAccess()
        let kindValue = try cells["kind"].decode(String.self)
        guard let kind = BanKind(rawValue: kindValue) else {
            throw StoreError(.backend, "unknown ban kind in the database: \(kindValue)")
        }
        self.init(
            kind: kind, value: try cells["value"].decode(String.self), reason: try cells["reason"].decode(String?.self),
            createdBy: try cells["created_by"].decode(String.self), createdAt: try cells["created_at"].decode(Date.self))
    }
}

extension CommentState {
    /// Reads a state column, throwing on a value no migration allows.
    init(storedValue: String) throws {
        guard let state = CommentState(rawValue: storedValue) else {
            throw StoreError(.backend, "unknown comment state in the database: \(storedValue)")
        }
        self = state
    }
}

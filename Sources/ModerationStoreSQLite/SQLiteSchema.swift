import GRDB

/// The schema of the SQLite store as numbered, append-only migrations.
///
/// Never edit a migration that has shipped: add `v2`, `v3`… instead. Times are stored as REAL
/// seconds since 1970; states and kinds as their raw strings.
enum SQLiteSchema {
    /// The migrator that brings any earlier database up to date.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2", migrate: v2)
        return migrator
    }

    /// Comments, the rules that hit them, the audit log, undone batches and bans.
    private static func v1(_ db: Database) throws {
        try db.create(table: "comments") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("article", .text).notNull()
            t.column("name", .text).notNull()
            t.column("email", .text).notNull()
            t.column("url", .text)
            t.column("ip", .text)
            t.column("body", .text).notNull()
            t.column("key", .text)
            t.column("submitted_at", .double).notNull()
            t.column("state", .text).notNull().defaults(to: "pending")
                .check { ["pending", "approved", "held", "rejected"].contains($0) }
            t.column("verdict_state", .text)
            t.column("score", .integer)
            t.column("rules_version", .text)
            t.column("verdict_json", .text)
            t.column("verdict_reason", .text)
            t.column("decided_at", .double)
            t.column("lease_owner", .text)
            t.column("lease_expires_at", .double)
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("updated_at", .double).notNull()
        }
        try db.create(
            index: "comments_on_key", on: "comments", columns: ["key"],
            options: .unique, condition: Column("key") != nil)
        try db.create(index: "comments_on_state_id", on: "comments", columns: ["state", "id"])
        try db.create(index: "comments_on_article_id", on: "comments", columns: ["article", "id"])

        // The rules that hit a comment, in the verdict's order, for `queue list --rule`.
        try db.create(table: "comment_rules") { t in
            t.column("comment_id", .integer).notNull().references("comments", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("rule_id", .text).notNull()
            t.primaryKey(["comment_id", "position"])
        }
        try db.create(index: "comment_rules_on_rule_id", on: "comment_rules", columns: ["rule_id", "comment_id"])

        try db.create(table: "audit_events") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("comment_id", .integer).notNull().references("comments")
            t.column("at", .double).notNull()
            t.column("kind", .text).notNull()
            t.column("actor", .text).notNull()
            t.column("from_state", .text)
            t.column("to_state", .text).notNull()
            t.column("reason", .text)
            t.column("rules_version", .text)
            t.column("batch", .text)
        }
        try db.create(index: "audit_events_on_comment_id", on: "audit_events", columns: ["comment_id", "id"])
        try db.create(index: "audit_events_on_batch", on: "audit_events", columns: ["batch"])
        try db.create(index: "audit_events_on_actor_kind", on: "audit_events", columns: ["actor", "kind", "id"])
        // The log is append-only: the database itself refuses to change or remove an event.
        try db.execute(
            sql: """
                CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
                CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
                """)

        // Moderator batches that `undoLast` has taken back, so the next undo takes the one before.
        try db.create(table: "undone_batches") { t in
            t.primaryKey("batch", .text)
            t.column("undo_batch", .text).notNull()
            t.column("actor", .text).notNull()
            t.column("at", .double).notNull()
        }

        try db.create(table: "bans") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("kind", .text).notNull()
            t.column("value", .text).notNull()
            t.column("reason", .text)
            t.column("created_by", .text).notNull()
            t.column("created_at", .double).notNull()
            t.uniqueKey(["kind", "value"])
        }
    }

    /// The last good rules set: one row, replaced when a worker loads a new version.
    private static func v2(_ db: Database) throws {
        try db.create(table: "last_good_rules") { t in
            t.primaryKey("slot", .integer).check { $0 == 1 }
            t.column("version", .text).notNull()
            t.column("files_json", .text).notNull()
            t.column("stored_at", .double).notNull()
        }
    }
}

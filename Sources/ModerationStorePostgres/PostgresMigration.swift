import PostgresNIO

/// One numbered, append-only schema change. Versions only ever grow; a shipped migration is never edited.
public struct PostgresMigration: Sendable {
    /// The version, 1, 2, 3 …, recorded in `schema_migrations` once applied.
    public var version: Int
    /// A short name for logs and for the `schema_migrations` table.
    public var name: String
    /// The statements, run in order inside the migration transaction.
    var statements: [PostgresQuery]

    /// Every migration, in order.
    public static let all: [PostgresMigration] = [v1, v2, v3]

    /// v1: comments, the rules that hit them, the audit log and bans.
    static let v1 = PostgresMigration(
        version: 1, name: "create comments, comment_rules, audit_events, bans",
        statements: [
            """
            CREATE TABLE comments (
                id               bigserial PRIMARY KEY,
                article          text NOT NULL,
                name             text NOT NULL,
                email            text NOT NULL,
                url              text,
                ip               text,
                body             text NOT NULL,
                key              text,
                submitted_at     timestamptz NOT NULL,
                state            text NOT NULL DEFAULT 'pending'
                                 CHECK (state IN ('pending', 'approved', 'held', 'rejected')),
                verdict_state    text CHECK (verdict_state IN ('pending', 'approved', 'held', 'rejected')),
                score            bigint,
                rules_version    text,
                rule_ids         text[],
                verdict_json     text,
                verdict_reason   text,
                decided_at       timestamptz,
                lease_owner      text,
                lease_expires_at timestamptz,
                attempts         bigint NOT NULL DEFAULT 0,
                updated_at       timestamptz NOT NULL,
                CONSTRAINT comments_key_unique UNIQUE (key)
            )
            """,
            // The queue: pending comments oldest first (claim), and the listings by state and by article.
            "CREATE INDEX comments_pending_idx ON comments (id) WHERE state = 'pending'",
            "CREATE INDEX comments_state_idx ON comments (state, id)",
            "CREATE INDEX comments_article_idx ON comments (article, id)",
            """
            CREATE TABLE comment_rules (
                comment_id bigint NOT NULL REFERENCES comments (id),
                rule_id    text NOT NULL,
                PRIMARY KEY (comment_id, rule_id)
            )
            """,
            "CREATE INDEX comment_rules_rule_idx ON comment_rules (rule_id, comment_id)",
            """
            CREATE TABLE audit_events (
                id            bigserial PRIMARY KEY,
                comment_id    bigint NOT NULL REFERENCES comments (id),
                at            timestamptz NOT NULL,
                kind          text NOT NULL CHECK (kind IN ('automatic', 'moderator', 'undo')),
                actor         text NOT NULL,
                from_state    text CHECK (from_state IN ('pending', 'approved', 'held', 'rejected')),
                to_state      text NOT NULL CHECK (to_state IN ('pending', 'approved', 'held', 'rejected')),
                reason        text,
                rules_version text,
                batch         text
            )
            """,
            "CREATE INDEX audit_events_comment_idx ON audit_events (comment_id, id)",
            "CREATE INDEX audit_events_moderator_idx ON audit_events (actor, id) WHERE kind = 'moderator'",
            "CREATE INDEX audit_events_batch_idx ON audit_events (batch) WHERE batch IS NOT NULL",
            """
            CREATE TABLE bans (
                id         bigserial PRIMARY KEY,
                kind       text NOT NULL CHECK (kind IN ('email', 'ip', 'name')),
                value      text NOT NULL,
                reason     text,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL,
                CONSTRAINT bans_kind_value_unique UNIQUE (kind, value)
            )
            """,
        ])

    /// v2: undo bookkeeping, and a guard that keeps the audit log append-only.
    static let v2 = PostgresMigration(
        version: 2, name: "undone batches, append-only audit log",
        statements: [
            """
            CREATE TABLE undone_batches (
                batch      text PRIMARY KEY,
                moderator  text NOT NULL,
                undo_batch text NOT NULL,
                undone_at  timestamptz NOT NULL
            )
            """,
            """
            CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'restrict_violation';
            END
            $$
            """,
            """
            CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
            FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()
            """,
        ])

    /// v3: the last good rules set, one row a worker replaces when it loads a new version.
    static let v3 = PostgresMigration(
        version: 3, name: "last good rules set",
        statements: [
            """
            CREATE TABLE last_good_rules (
                slot       integer PRIMARY KEY CHECK (slot = 1),
                version    text NOT NULL,
                files_json text NOT NULL,
                stored_at  timestamptz NOT NULL
            )
            """
        ])
}

import Foundation
import ModerationStore
import PostgresNIO

extension PostgresStore {
    /// One comment, or nil.
    public func comment(id: Int64) async throws -> StoredComment? {
        try await perform("comment", .read) { connection in
            try await connection.rows("SELECT * FROM comments WHERE id = \(id)", logger: logger)
                .map(StoredComment.init(postgresRow:))
        }.first
    }

    /// Comments matching a filter, oldest first.
    public func comments(matching filter: CommentFilter) async throws -> [StoredComment] {
        if let limit = filter.limit, limit <= 0 { return [] }
        return try await perform("comments", .read) { connection in
            try await connection.rows(Self.query(filter, counting: false), logger: logger).map(StoredComment.init(postgresRow:))
        }
    }

    /// How many comments match a filter, ignoring its limit and cursor.
    public func count(matching filter: CommentFilter) async throws -> Int {
        let rows = try await perform("count", .read) { connection in
            try await connection.rows(Self.query(filter, counting: true), logger: logger)
        }
        return try rows.first?.decode(Int.self) ?? 0
    }

    /// The listing or the count of a filter: one set of conditions for both.
    static func query(_ filter: CommentFilter, counting: Bool) -> PostgresQuery {
        let state = filter.state?.rawValue
        let after = counting ? nil : filter.afterID
        let limit = counting ? nil : filter.limit
        return """
            SELECT \(unescaped: counting ? "count(*)" : "c.*") FROM comments AS c
            WHERE (\(state)::text IS NULL OR c.state = \(state))
              AND (\(filter.article)::text IS NULL OR c.article = \(filter.article))
              AND (\(filter.ruleID)::text IS NULL OR EXISTS (
                    SELECT 1 FROM comment_rules AS r WHERE r.comment_id = c.id AND r.rule_id = \(filter.ruleID)))
              AND (\(filter.author)::text IS NULL OR lower(c.email) = lower(\(filter.author)))
              AND (\(after)::int8 IS NULL OR c.id > \(after))
            \(unescaped: counting ? "" : "ORDER BY c.id")
            LIMIT \(limit)
            """
    }

    /// The audit events of one comment, oldest first.
    public func history(of commentID: Int64) async throws -> [AuditEvent] {
        try await perform("history", .read) { connection in
            try await connection.rows("SELECT * FROM audit_events WHERE comment_id = \(commentID) ORDER BY id", logger: logger)
                .map(AuditEvent.init(postgresRow:))
        }
    }

    /// How many comments are in each state; every state is present, with zero when no comment is in it.
    public func stateCounts() async throws -> [CommentState: Int] {
        let rows = try await perform("state counts", .read) { connection in
            try await connection.rows("SELECT state, count(*) FROM comments GROUP BY state", logger: logger)
        }
        var counts = Dictionary(uniqueKeysWithValues: CommentState.allCases.map { ($0, 0) })
        for row in rows {
            let (state, count) = try row.decode((String, Int).self)
            counts[try CommentState(storedValue: state)] = count
        }
        return counts
    }
}

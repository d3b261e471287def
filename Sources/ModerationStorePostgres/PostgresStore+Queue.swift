import Foundation
import ModerationStore
import PostgresNIO

extension PostgresStore {
    /// Leases up to `limit` pending comments, oldest first, whose lease is free or has run out.
    ///
    /// `FOR UPDATE SKIP LOCKED` lets any number of workers claim at once without waiting on each other or
    /// handing out a comment twice.
    public func claim(owner: String, limit: Int, leaseDuration: TimeInterval, now: Date) async throws -> [StoredComment] {
        guard limit > 0 else { return [] }
        let expires = now.addingTimeInterval(leaseDuration)
        // Safe to retry: a claim whose answer was lost only leases rows until the lease runs out.
        let claimed = try await perform("claim", .statement(retrySafe: true)) { connection in
            try await connection.rows(
                """
                UPDATE comments
                SET lease_owner = \(owner), lease_expires_at = \(expires), attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM comments
                    WHERE state = 'pending' AND (lease_owner IS NULL OR lease_expires_at < \(now))
                    ORDER BY id
                    LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING *
                """, logger: logger
            ).map(StoredComment.init(postgresRow:))
        }
        return claimed.sorted { $0.id < $1.id }
    }

    /// Writes the verdicts of comments `owner` still leases and that are still pending, each with its rules and
    /// one `automatic` audit event, all in one statement; returns the ids written.
    ///
    /// Racing workers cannot both write: the update re-checks `state = 'pending' AND lease_owner = owner` on the
    /// row it locks, so the loser (or a worker whose lease was taken over) writes nothing.
    public func complete(_ verdicts: [CompletedVerdict], owner: String, now: Date) async throws -> Set<Int64> {
        try StoreContract.checkVerdicts(verdicts)
        var seen = Set<Int64>()
        let unique = verdicts.filter { seen.insert($0.commentID).inserted }
        guard !unique.isEmpty else { return [] }
        let columns = VerdictColumns(unique)
        // Safe to retry: once written, a comment is no longer pending and a second run writes nothing.
        let rows = try await perform("complete", .statement(retrySafe: true)) { connection in
            try await connection.rows(
                """
                WITH verdict AS (
                    SELECT * FROM unnest(\(columns.id)::int8[], \(columns.state)::text[], \(columns.score)::int8[],
                                         \(columns.rulesVersion)::text[], \(columns.json)::text[],
                                         \(columns.reason)::text[], \(columns.hasReason)::bool[])
                        AS v(id, state, score, rules_version, json, reason, has_reason)
                ),
                rule AS (
                    SELECT * FROM unnest(\(columns.ruleCommentID)::int8[], \(columns.ruleID)::text[])
                        WITH ORDINALITY AS r(comment_id, rule_id, ord)
                ),
                decided AS (
                    UPDATE comments AS c
                    SET state = v.state, verdict_state = v.state, score = v.score, rules_version = v.rules_version,
                        rule_ids = coalesce((SELECT array_agg(r.rule_id ORDER BY r.ord) FROM rule r WHERE r.comment_id = v.id),
                                            '{}'::text[]),
                        verdict_json = v.json, verdict_reason = CASE WHEN v.has_reason THEN v.reason END,
                        decided_at = \(now), updated_at = \(now), lease_owner = NULL, lease_expires_at = NULL
                    FROM verdict AS v
                    WHERE c.id = v.id AND c.state = 'pending' AND c.lease_owner = \(owner)
                    RETURNING c.id, v.state, v.rules_version, CASE WHEN v.has_reason THEN v.reason END AS reason
                ),
                rules_written AS (
                    INSERT INTO comment_rules (comment_id, rule_id)
                    SELECT DISTINCT r.comment_id, r.rule_id FROM rule AS r JOIN decided AS d ON d.id = r.comment_id
                    ON CONFLICT DO NOTHING
                )
                INSERT INTO audit_events (comment_id, at, kind, actor, from_state, to_state, reason, rules_version, batch)
                SELECT d.id, \(now), 'automatic', \(owner), 'pending', d.state, d.reason, d.rules_version, NULL
                FROM decided AS d
                ORDER BY d.id
                RETURNING comment_id
                """, logger: logger)
        }
        return Set(try rows.map { try $0.decode(Int64.self) })
    }

    /// Gives back the leases `owner` holds on these pending comments without deciding them.
    public func release(_ ids: [Int64], owner: String) async throws {
        guard !ids.isEmpty else { return }
        try await perform("release", .statement(retrySafe: true)) { connection in
            try await connection.run(
                """
                UPDATE comments SET lease_owner = NULL, lease_expires_at = NULL
                WHERE id = ANY(\(ids)) AND lease_owner = \(owner) AND state = 'pending'
                """, logger: logger)
        }
    }
}

/// Verdicts as one array per column, and their rule ids flattened into (comment id, rule id) pairs in order.
private struct VerdictColumns {
    var id: [Int64] = []
    var state: [String] = []
    var score: [Int] = []
    var rulesVersion: [String] = []
    var json: [String] = []
    var reason: [String] = []
    var hasReason: [Bool] = []
    var ruleCommentID: [Int64] = []
    var ruleID: [String] = []

    init(_ verdicts: [CompletedVerdict]) {
        for completed in verdicts {
            let verdict = completed.verdict
            id.append(completed.commentID)
            state.append(verdict.state.rawValue)
            score.append(verdict.score)
            rulesVersion.append(verdict.rulesVersion)
            json.append(verdict.json)
            reason.append(verdict.reason ?? "")
            hasReason.append(verdict.reason != nil)
            for rule in verdict.ruleIDs {
                ruleCommentID.append(completed.commentID)
                ruleID.append(rule)
            }
        }
    }
}

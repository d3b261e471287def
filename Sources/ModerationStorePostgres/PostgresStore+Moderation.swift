import Foundation
import ModerationStore
import PostgresNIO

extension PostgresStore {
    /// A moderator's decision on comments: one `moderator` audit event per comment that changes state, all
    /// sharing one new batch id, in one transaction.
    ///
    /// Throws `.conflict` for a target state other than approved, rejected or held, and `.notFound` (changing
    /// nothing) when an id is unknown; `.conflict` when a comment is still pending (no worker has decided it).
    /// A comment already in the target state gets no event.
    public func decide(
        _ ids: [Int64], state: CommentState, moderator: String, reason: String?,
        expecting: Set<CommentState>?, overridingClaims: Bool, now: Date
    ) async throws -> [AuditEvent] {
        try StoreContract.checkDecisionState(state)
        let ids = StoreContract.unique(ids)
        guard !ids.isEmpty else { return [] }
        // Safe to retry: a second run finds the comments in the target state and writes nothing.
        return try await perform("decide", .transaction(retrySafe: true)) { connection -> [AuditEvent] in
            try await Self.decide(
                connection, ids, state: state, moderator: moderator, reason: reason, expecting: expecting,
                overridingClaims: overridingClaims, now: now, logger: logger)
        }
    }

    /// The body of ``decide(_:state:moderator:reason:expecting:overridingClaims:now:)``, inside a
    /// transaction that may do more.
    static func decide(
        _ connection: PostgresConnection, _ ids: [Int64], state: CommentState, moderator: String, reason: String?,
        expecting: Set<CommentState>?, overridingClaims: Bool, now: Date, logger: Logger
    ) async throws -> [AuditEvent] {
        let batch = StoreContract.newBatchID()
        var current: [Int64: String] = [:]
        var claims: [Int64: (owner: String, until: Date)] = [:]
        for row in try await connection.rows(
            """
            SELECT id, state, lease_owner, lease_expires_at FROM comments WHERE id = ANY(\(ids)) ORDER BY id FOR UPDATE
            """, logger: logger)
        {
            let (id, state, owner, until) = try row.decode((Int64, String, String?, Date?).self)
            current[id] = state
            if let owner, let until { claims[id] = (owner, until) }
        }
        let missing = ids.filter { current[$0] == nil }
        guard missing.isEmpty else { throw StoreContract.notFound(missing) }
        let pending = ids.filter { current[$0] == CommentState.pending.rawValue }
        guard pending.isEmpty else { throw StoreContract.stillPending(pending) }
        if let expecting,
            let stale = ids.first(where: {
                current[$0].map { !expecting.contains(CommentState(rawValue: $0) ?? .pending) } ?? false
            })
        {
            throw StoreContract.changedSince(
                stale, current: CommentState(rawValue: current[stale] ?? "") ?? .pending, expected: expecting,
                last: try await Self.latestEvent(connection, commentID: stale, logger: logger))
        }
        if !overridingClaims,
            let claimed = ids.first(where: { id in
                claims[id].map {
                    StoreContract.isClaimedByOther(owner: $0.owner, expiresAt: $0.until, moderator: moderator, now: now)
                } ?? false
            }), let claim = claims[claimed]
        {
            throw StoreContract.claimedByOther(claimed, owner: claim.owner, until: claim.until)
        }
        let claimedIDs = ids.filter { claims[$0] != nil }
        if !claimedIDs.isEmpty {
            try await connection.run(
                "UPDATE comments SET lease_owner = NULL, lease_expires_at = NULL WHERE id = ANY(\(claimedIDs))",
                logger: logger)
        }
        let changing = ids.filter { current[$0] != state.rawValue }
        guard !changing.isEmpty else { return [] }
        let from = changing.map { current[$0] ?? "" }
        try await connection.run(
            """
            UPDATE comments SET state = \(state.rawValue), updated_at = \(now), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ANY(\(changing))
            """, logger: logger)
        return try await connection.rows(
            """
            INSERT INTO audit_events (comment_id, at, kind, actor, from_state, to_state, reason, rules_version, batch)
            SELECT t.id, \(now), 'moderator', \(moderator), t.from_state, \(state.rawValue), \(reason), NULL, \(batch)
            FROM unnest(\(changing)::int8[], \(from)::text[]) WITH ORDINALITY AS t(id, from_state, ord)
            ORDER BY t.ord
            RETURNING *
            """, logger: logger
        ).map(AuditEvent.init(postgresRow:)).sorted { $0.id < $1.id }
    }

    /// Undoes the moderator's most recent decision batch not yet undone: every comment goes back, with an `undo`
    /// event (new batch id, reason "undo of <batch>"), and the batch is marked undone, so the next call takes the
    /// one before. Returns the undo events (empty when none). When someone has decided a comment of the batch
    /// since, throws `.conflict` and changes nothing.
    public func undoLast(moderator: String, now: Date) async throws -> [AuditEvent] {
        let undoBatch = StoreContract.newBatchID()
        // Not retried after a lost COMMIT: a second run would undo the batch before as well.
        return try await perform("undo", .transaction(retrySafe: false)) { connection -> [AuditEvent] in
            // One undo at a time per moderator, so two concurrent calls take two different batches.
            try await connection.run(
                "SELECT pg_advisory_xact_lock(hashtext('moderate.undo'), hashtext(\(moderator)))",
                logger: logger)
            let batches = try await connection.rows(
                """
                SELECT e.batch FROM audit_events AS e
                WHERE e.kind = 'moderator' AND e.actor = \(moderator) AND e.batch IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM undone_batches AS u WHERE u.batch = e.batch)
                ORDER BY e.id DESC
                LIMIT 1
                """, logger: logger)
            guard let batch = try batches.first?.decode(String.self) else { return [] }

            let decisions = try await connection.rows(
                "SELECT * FROM audit_events WHERE batch = \(batch) AND kind = 'moderator' ORDER BY id", logger: logger
            ).map(AuditEvent.init(postgresRow:))
            var current: [Int64: String] = [:]
            for row in try await connection.rows(
                """
                SELECT id, state FROM comments WHERE id = ANY(\(decisions.map(\.commentID))) ORDER BY id FOR UPDATE
                """, logger: logger)
            {
                let (id, state) = try row.decode((Int64, String).self)
                current[id] = state
            }
            // A later decision on a comment wins over this undo: then nothing is undone or used up.
            if let moved = decisions.first(where: { decision in
                current[decision.commentID].map { $0 != decision.to.rawValue } ?? false
            }) {
                throw StoreContract.overridden(
                    moved.commentID, by: try await Self.latestEvent(connection, commentID: moved.commentID, logger: logger))
            }
            let reverting = decisions.filter { $0.from != nil }
            let undoReason = StoreContract.undoReason(of: batch)
            var events: [AuditEvent] = []
            if !reverting.isEmpty {
                let ids = reverting.map(\.commentID)
                let back = reverting.map { $0.from?.rawValue ?? "" }
                let left = reverting.map(\.to.rawValue)
                try await connection.run(
                    """
                    UPDATE comments AS c SET state = t.state, updated_at = \(now), lease_owner = NULL, lease_expires_at = NULL
                    FROM unnest(\(ids)::int8[], \(back)::text[]) AS t(id, state)
                    WHERE c.id = t.id
                    """, logger: logger)
                events = try await connection.rows(
                    """
                    INSERT INTO audit_events (comment_id, at, kind, actor, from_state, to_state, reason, rules_version, batch)
                    SELECT t.id, \(now), 'undo', \(moderator), t.from_state, t.to_state, \(undoReason), NULL, \(undoBatch)
                    FROM unnest(\(ids)::int8[], \(left)::text[], \(back)::text[]) WITH ORDINALITY AS t(id, from_state, to_state, ord)
                    ORDER BY t.ord
                    RETURNING *
                    """, logger: logger
                ).map(AuditEvent.init(postgresRow:)).sorted { $0.id < $1.id }
            }
            try await connection.run(
                """
                INSERT INTO undone_batches (batch, moderator, undo_batch, undone_at)
                VALUES (\(batch), \(moderator), \(undoBatch), \(now))
                """, logger: logger)
            return events
        }
    }

    /// The latest audit event on a comment, if any.
    static func latestEvent(_ connection: PostgresConnection, commentID: Int64, logger: Logger) async throws -> AuditEvent? {
        try await connection.rows(
            "SELECT * FROM audit_events WHERE comment_id = \(commentID) ORDER BY id DESC LIMIT 1", logger: logger
        ).first.map(AuditEvent.init(postgresRow:))
    }

    /// Claims the oldest matching held comment nobody else is reviewing; `FOR UPDATE SKIP LOCKED` keeps
    /// two reviewers claiming at once from getting the same comment.
    public func claimForReview(
        moderator: String, filter: CommentFilter, skipping: Set<Int64>, duration: TimeInterval, now: Date
    ) async throws -> StoredComment? {
        let until = now.addingTimeInterval(duration)
        let skipped = Array(skipping)
        // Safe to retry: a claim whose answer was lost is the moderator's own, and their next claim renews it.
        return try await perform("review claim", .statement(retrySafe: true)) { connection in
            try await connection.rows(
                """
                UPDATE comments SET lease_owner = \(moderator), lease_expires_at = \(until)
                WHERE id = (
                    SELECT c.id FROM comments AS c
                    WHERE c.state = 'held'
                      AND NOT (c.id = ANY(\(skipped)::int8[]))
                      AND (c.lease_owner IS NULL OR c.lease_owner = \(moderator) OR c.lease_expires_at < \(now))
                      AND (\(filter.article)::text IS NULL OR c.article = \(filter.article))
                      AND (\(filter.ruleID)::text IS NULL OR EXISTS (
                            SELECT 1 FROM comment_rules AS r WHERE r.comment_id = c.id AND r.rule_id = \(filter.ruleID)))
                      AND (\(filter.author)::text IS NULL OR lower(c.email) = lower(\(filter.author)))
                    ORDER BY c.id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING *
                """, logger: logger
            ).map(StoredComment.init(postgresRow:))
        }.first
    }

    /// Extends the moderator's review claim; false when the comment is no longer theirs to review.
    public func renewReviewClaim(_ id: Int64, moderator: String, duration: TimeInterval, now: Date) async throws -> Bool {
        let until = now.addingTimeInterval(duration)
        let rows = try await perform("renew review claim", .statement(retrySafe: true)) { connection in
            try await connection.rows(
                """
                UPDATE comments SET lease_owner = \(moderator), lease_expires_at = \(until)
                WHERE id = \(id) AND state = 'held'
                  AND (lease_owner IS NULL OR lease_owner = \(moderator) OR lease_expires_at < \(now))
                RETURNING id
                """, logger: logger)
        }
        return !rows.isEmpty
    }

    /// Gives back the moderator's review claims on these comments.
    public func releaseReviewClaims(_ ids: [Int64], moderator: String) async throws {
        guard !ids.isEmpty else { return }
        try await perform("release review claims", .statement(retrySafe: true)) { connection in
            try await connection.run(
                """
                UPDATE comments SET lease_owner = NULL, lease_expires_at = NULL
                WHERE id = ANY(\(ids)) AND lease_owner = \(moderator) AND state <> 'pending'
                """, logger: logger)
        }
    }
}

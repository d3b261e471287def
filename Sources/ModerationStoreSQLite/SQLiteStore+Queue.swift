import Foundation
import GRDB
import ModerationStore

extension SQLiteStore {
    /// Stores one accepted submission; a repeated idempotency key returns the first id.
    public func submit(_ comment: NewComment) async throws -> SubmitResult {
        try StoreContract.checkText(comment)
        let results = try await submit(batch: [comment])
        return results[0]
    }

    /// Stores many accepted submissions in one transaction, in order, with one prepared statement.
    public func submit(batch: [NewComment]) async throws -> [SubmitResult] {
        guard !batch.isEmpty else { return [] }
        // SQLite would keep a text cut at its first NUL.
        try StoreContract.checkText(batch: batch)
        return try await write("storing submissions") { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO comments (article, name, email, url, ip, body, "key", submitted_at, state, attempts, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)
                    ON CONFLICT ("key") WHERE "key" IS NOT NULL DO NOTHING
                    """)
            let lookup = try db.cachedStatement(sql: #"SELECT id FROM comments WHERE "key" = ?"#)
            var results: [SubmitResult] = []
            results.reserveCapacity(batch.count)
            for comment in batch {
                let submitted = SQLiteValues.seconds(comment.submittedAt)
                try insert.execute(arguments: [
                    comment.article, comment.name, comment.email, comment.url, comment.ip,
                    comment.body, comment.key, submitted, submitted,
                ])
                if db.changesCount > 0 {
                    results.append(SubmitResult(id: db.lastInsertedRowID, created: true))
                } else if let key = comment.key, let id = try Int64.fetchOne(lookup, arguments: [key]) {
                    results.append(SubmitResult(id: id, created: false))
                } else {
                    throw StoreError(.backend, "A submission was neither stored nor found by its key.")
                }
            }
            return results
        }
    }

    /// Leases up to `limit` pending comments (oldest first) whose lease is free or has run out, in
    /// one write transaction: no other connection or process can claim them while the lease lives.
    public func claim(owner: String, limit: Int, leaseDuration: TimeInterval, now: Date) async throws -> [StoredComment] {
        guard limit > 0 else { return [] }
        let current = SQLiteValues.seconds(now)
        let expires = SQLiteValues.seconds(now.addingTimeInterval(leaseDuration))
        typealias Columns = CommentRow.Columns
        return try await write("claiming comments") { db in
            let ids =
                try CommentRow
                .filter(Columns.state == CommentState.pending.rawValue)
                .filter(Columns.leaseOwner == nil || Columns.leaseExpiresAt < current)
                .order(Columns.id)
                .limit(limit)
                .select(Columns.id, as: Int64.self)
                .fetchAll(db)
            var claimed: [StoredComment] = []
            for chunk in SQLiteValues.chunks(of: ids) {
                let leased = CommentRow.filter(chunk.contains(Columns.id))
                try leased.updateAll(
                    db, Columns.leaseOwner.set(to: owner), Columns.leaseExpiresAt.set(to: expires),
                    Columns.attempts += 1)
                claimed += try leased.order(Columns.id).fetchAll(db).map { try $0.stored(ruleIDs: []) }
            }
            return claimed
        }
    }

    /// Writes the verdicts of comments still pending and leased to `owner`, in one transaction;
    /// returns the ids written. Each written verdict gets its rule rows and one automatic event.
    public func complete(_ verdicts: [CompletedVerdict], owner: String, now: Date) async throws -> Set<Int64> {
        try StoreContract.checkVerdicts(verdicts)
        guard !verdicts.isEmpty else { return [] }
        let at = SQLiteValues.seconds(now)
        return try await write("writing verdicts") { db in
            let update = try db.cachedStatement(
                sql: """
                    UPDATE comments SET state = ?, verdict_state = ?, score = ?, rules_version = ?, verdict_json = ?,
                        verdict_reason = ?, decided_at = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
                    WHERE id = ? AND state = 'pending' AND lease_owner = ?
                    """)
            let insertRule = try db.cachedStatement(
                sql: """
                    INSERT INTO comment_rules (comment_id, position, rule_id) VALUES (?, ?, ?)
                    """)
            var written = Set<Int64>()
            for item in verdicts {
                let verdict = item.verdict
                try update.execute(arguments: [
                    verdict.state.rawValue, verdict.state.rawValue, verdict.score,
                    verdict.rulesVersion, verdict.json, verdict.reason, at, at,
                    item.commentID, owner,
                ])
                guard db.changesCount > 0 else { continue }
                for (position, ruleID) in verdict.ruleIDs.enumerated() {
                    try insertRule.execute(arguments: [item.commentID, position, ruleID])
                }
                _ = try AuditEventRow.append(
                    db, commentID: item.commentID, at: at, kind: .automatic, actor: owner,
                    from: .pending, to: verdict.state, reason: verdict.reason,
                    rulesVersion: verdict.rulesVersion, batch: nil)
                written.insert(item.commentID)
            }
            return written
        }
    }

    /// Gives back leases that `owner` holds on these pending comments; others are left alone.
    public func release(_ ids: [Int64], owner: String) async throws {
        guard !ids.isEmpty else { return }
        typealias Columns = CommentRow.Columns
        try await write("releasing leases") { db in
            for chunk in SQLiteValues.chunks(of: StoreContract.unique(ids)) {
                try CommentRow
                    .filter(chunk.contains(Columns.id))
                    .filter(Columns.state == CommentState.pending.rawValue && Columns.leaseOwner == owner)
                    .updateAll(db, Columns.leaseOwner.set(to: nil), Columns.leaseExpiresAt.set(to: nil))
            }
        }
    }
}

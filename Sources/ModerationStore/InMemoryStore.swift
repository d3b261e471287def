import Foundation

/// A store that keeps everything in memory, for tests and trials.
///
/// It keeps the same promises as the database stores (the contract test suite runs against it),
/// see ``StoreContract`` for the edge cases. Nothing survives the process.
public actor InMemoryStore: ModerationStore {
    /// Comments by position: the comment with id `n` is at index `n - 1`.
    var rows: [StoredComment] = []
    /// Comment ids by idempotency key.
    var idsByKey: [String: Int64] = [:]
    /// The audit log, oldest first; an event's id is its index plus one.
    var events: [AuditEvent] = []
    /// Moderator batches already undone.
    var undoneBatches: Set<String> = []
    /// Bans in the order they were added.
    var banList: [Ban] = []
    /// Tasks waiting in `waitForWork`, by a number local to this store.
    var waiters: [Int: Waiter] = [:]
    /// The number the next waiter gets.
    var nextWaiterID = 0
    /// The last good rules set kept.
    var keptRules: StoredRules?

    /// Creates an empty store.
    public init() {}

    /// Stores one accepted submission.
    public func submit(_ comment: NewComment) async throws -> SubmitResult {
        try StoreContract.checkText(comment)
        return store(comment)
    }

    /// Stores many accepted submissions, in order.
    public func submit(batch: [NewComment]) async throws -> [SubmitResult] {
        try StoreContract.checkText(batch: batch)
        return batch.map(store)
    }

    /// Leases up to `limit` pending comments (oldest first) whose lease is free or has run out.
    public func claim(owner: String, limit: Int, leaseDuration: TimeInterval, now: Date) async throws -> [StoredComment] {
        guard limit > 0 else { return [] }
        var claimed: [StoredComment] = []
        for index in rows.indices where isClaimable(rows[index], now: now) {
            rows[index].leaseOwner = owner
            rows[index].leaseExpiresAt = now.addingTimeInterval(leaseDuration)
            rows[index].attempts += 1
            claimed.append(rows[index])
            if claimed.count == limit { break }
        }
        return claimed
    }

    /// Writes the verdicts of comments still pending and leased to `owner`; returns their ids.
    public func complete(_ verdicts: [CompletedVerdict], owner: String, now: Date) async throws -> Set<Int64> {
        try StoreContract.checkVerdicts(verdicts)
        var written = Set<Int64>()
        for item in verdicts {
            guard let index = index(of: item.commentID),
                rows[index].state == .pending, rows[index].leaseOwner == owner
            else { continue }
            rows[index].state = item.verdict.state
            rows[index].verdict = item.verdict
            rows[index].leaseOwner = nil
            rows[index].leaseExpiresAt = nil
            rows[index].updatedAt = now
            append(
                commentID: item.commentID, at: now, kind: .automatic, actor: owner, from: .pending,
                to: item.verdict.state, reason: item.verdict.reason, rulesVersion: item.verdict.rulesVersion, batch: nil)
            written.insert(item.commentID)
        }
        return written
    }

    /// Gives back leases that `owner` holds on these pending comments.
    public func release(_ ids: [Int64], owner: String) async throws {
        var released = false
        for id in ids {
            guard let index = index(of: id), rows[index].state == .pending, rows[index].leaseOwner == owner else { continue }
            rows[index].leaseOwner = nil
            rows[index].leaseExpiresAt = nil
            released = true
        }
        if released { wakeAll() }
    }

    /// One comment, or nil.
    public func comment(id: Int64) async throws -> StoredComment? {
        index(of: id).map { rows[$0] }
    }

    /// Comments matching a filter, in id order.
    public func comments(matching filter: CommentFilter) async throws -> [StoredComment] {
        let limit = filter.limit.map { max(0, $0) } ?? Int.max
        var found: [StoredComment] = []
        for row in rows where found.count < limit {
            if let state = filter.state, row.state != state { continue }
            if let article = filter.article, row.comment.article != article { continue }
            if let ruleID = filter.ruleID, !(row.verdict?.ruleIDs.contains(ruleID) ?? false) { continue }
            if let author = filter.author, row.comment.email.lowercased() != author.lowercased() { continue }
            if let afterID = filter.afterID, row.id <= afterID { continue }
            found.append(row)
        }
        return found
    }

    /// How many comments match a filter, ignoring its limit and cursor.
    public func count(matching filter: CommentFilter) async throws -> Int {
        var all = filter
        all.limit = nil
        all.afterID = nil
        return try await comments(matching: all).count
    }

    /// The audit events of one comment, oldest first.
    public func history(of commentID: Int64) async throws -> [AuditEvent] {
        events.filter { $0.commentID == commentID }
    }

    /// How many comments are in each state; every state is present, zero when empty.
    public func stateCounts() async throws -> [CommentState: Int] {
        var counts = Dictionary(uniqueKeysWithValues: CommentState.allCases.map { ($0, 0) })
        for row in rows { counts[row.state, default: 0] += 1 }
        return counts
    }

    /// The index of a comment in `rows`, or nil when the id is unknown.
    func index(of id: Int64) -> Int? {
        id >= 1 && id <= Int64(rows.count) ? Int(id - 1) : nil
    }

    /// Whether a worker may lease this comment at `now`.
    func isClaimable(_ row: StoredComment, now: Date) -> Bool {
        guard row.state == .pending else { return false }
        guard row.leaseOwner != nil else { return true }
        return row.leaseExpiresAt.map { $0 < now } ?? false
    }

    /// Stores one submission, or returns the earlier one with the same key.
    private func store(_ comment: NewComment) -> SubmitResult {
        if let key = comment.key, let existing = idsByKey[key] {
            return SubmitResult(id: existing, created: false)
        }
        let id = Int64(rows.count + 1)
        rows.append(StoredComment(id: id, comment: comment, state: .pending, updatedAt: comment.submittedAt))
        if let key = comment.key { idsByKey[key] = id }
        wakeAll()
        return SubmitResult(id: id, created: true)
    }

    /// Appends an audit event and returns it.
    @discardableResult
    func append(
        commentID: Int64, at: Date, kind: AuditKind, actor: String, from: CommentState?, to: CommentState,
        reason: String?, rulesVersion: String?, batch: String?
    ) -> AuditEvent {
        let event = AuditEvent(
            id: Int64(events.count + 1), commentID: commentID, at: at, kind: kind, actor: actor,
            from: from, to: to, reason: reason, rulesVersion: rulesVersion, batch: batch)
        events.append(event)
        return event
    }
}

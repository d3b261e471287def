import Foundation

/// Durable storage of comments, their verdicts, the audit log and bans.
///
/// Every implementation keeps these promises, checked by one contract test suite:
/// - `submit` is durable when it returns; a repeated idempotency key returns the first id.
/// - `claim` hands a pending comment to one worker at a time, under a lease that runs out.
/// - `complete` writes verdict, state and an automatic audit event in one transaction, and only
///   while the lease is still the caller's and the comment still pending: a verdict is written once.
/// - Every state change appends an audit event; events are never changed or removed.
public protocol ModerationStore: Sendable {
    /// Stores one accepted submission.
    func submit(_ comment: NewComment) async throws -> SubmitResult
    /// Stores many accepted submissions in one transaction, in order.
    func submit(batch: [NewComment]) async throws -> [SubmitResult]
    /// Leases up to `limit` pending comments (oldest first) whose lease is free or has run out.
    func claim(owner: String, limit: Int, leaseDuration: TimeInterval, now: Date) async throws -> [StoredComment]
    /// Writes the verdicts of claimed comments; returns the ids actually written (lease still held, still pending).
    func complete(_ verdicts: [CompletedVerdict], owner: String, now: Date) async throws -> Set<Int64>
    /// Gives back leases that `owner` holds on these comments without deciding them.
    func release(_ ids: [Int64], owner: String) async throws
    /// One comment, or nil.
    func comment(id: Int64) async throws -> StoredComment?
    /// Comments matching a filter, oldest first.
    func comments(matching filter: CommentFilter) async throws -> [StoredComment]
    /// The audit events of one comment, oldest first.
    func history(of commentID: Int64) async throws -> [AuditEvent]
    /// A moderator's decision on comments, one audit event each, all in one batch and one transaction.
    /// Throws `StoreError` with kind `.notFound` when an id is unknown, and `.conflict` when a comment
    /// is not in one of the `expecting` states (when given): in both cases nothing changes.
    func decide(
        _ ids: [Int64], state: CommentState, moderator: String, reason: String?, expecting: Set<CommentState>?,
        now: Date
    ) async throws -> [AuditEvent]
    /// Undoes the moderator's most recent batch that is not yet undone; returns its undo events (empty when none).
    /// Throws `.conflict` and undoes nothing when someone has decided a comment of that batch since.
    func undoLast(moderator: String, now: Date) async throws -> [AuditEvent]
    /// Adds a ban, or replaces the reason of an existing one.
    func addBan(_ ban: Ban) async throws
    /// Removes a ban; false when there was none.
    func removeBan(kind: BanKind, value: String) async throws -> Bool
    /// Every ban, oldest first.
    func bans() async throws -> [Ban]
    /// The first ban that applies to an author, or nil.
    func matchingBan(email: String, ip: String?, name: String) async throws -> Ban?
    /// How many comments are in each state.
    func stateCounts() async throws -> [CommentState: Int]
    /// Waits until new work may be there (a submission was stored) or `timeout` passes.
    func waitForWork(timeout: TimeInterval) async
    /// Keeps `rules` as the last good rules set, replacing the one kept before. Storing the version
    /// already kept changes nothing (its first `storedAt` stays).
    func saveLastGoodRules(_ rules: StoredRules) async throws
    /// The last good rules set kept, or nil when none was ever stored.
    func lastGoodRules() async throws -> StoredRules?
}

extension ModerationStore {
    /// A moderator's decision whatever state the comments are in now (see the requirement).
    public func decide(_ ids: [Int64], state: CommentState, moderator: String, reason: String?, now: Date)
        async throws -> [AuditEvent]
    {
        try await decide(ids, state: state, moderator: moderator, reason: reason, expecting: nil, now: now)
    }
}

import Foundation

/// Durable storage of comments, their verdicts, the audit log and bans.
///
/// Every implementation keeps these promises, checked by one contract test suite:
/// - `submit` is durable when it returns; a repeated idempotency key returns the first id.
/// - `claim` hands a pending comment to one worker at a time, under a lease that runs out.
/// - `complete` writes verdict, state and an automatic audit event in one transaction, and only
///   while the lease is still the caller's and the comment still pending: a verdict is written once.
/// - Every state change appends an audit event; events are never changed or removed.
/// - A held comment shown to a moderator is claimed for them (the same lease columns a worker uses
///   while the comment is pending): no other reviewer is shown it, and another moderator's decision
///   on it is refused until the claim runs out, unless they override it.
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
    /// How many comments match a filter, ignoring its `limit` and `afterID`.
    func count(matching filter: CommentFilter) async throws -> Int
    /// The audit events of one comment, oldest first.
    func history(of commentID: Int64) async throws -> [AuditEvent]
    /// A moderator's decision on comments, one audit event each, all in one batch and one transaction.
    /// Throws `StoreError` with kind `.notFound` when an id is unknown, and `.conflict` when a comment
    /// is not in one of the `expecting` states (when given) or another moderator holds a live review
    /// claim on it (unless `overridingClaims`): in each case nothing changes. Decided comments lose
    /// their review claims.
    func decide(
        _ ids: [Int64], state: CommentState, moderator: String, reason: String?, expecting: Set<CommentState>?,
        overridingClaims: Bool, now: Date
    ) async throws -> [AuditEvent]
    /// Claims for `moderator` the oldest held comment that matches `filter` (whose state is ignored),
    /// is not in `skipping`, and that no other moderator holds a live claim on; the claim lasts
    /// `duration`. The moderator's own live claim is renewed. Nil when there is none.
    func claimForReview(
        moderator: String, filter: CommentFilter, skipping: Set<Int64>, duration: TimeInterval, now: Date
    ) async throws -> StoredComment?
    /// Extends the moderator's review claim on a comment; false when the comment is no longer held
    /// or someone else holds it now.
    func renewReviewClaim(_ id: Int64, moderator: String, duration: TimeInterval, now: Date) async throws -> Bool
    /// Gives back the moderator's review claims on these comments; others' claims are left alone.
    func releaseReviewClaims(_ ids: [Int64], moderator: String) async throws
    /// Undoes the moderator's most recent batch that is not yet undone; returns its undo events (empty when none).
    /// Throws `.conflict` and undoes nothing when someone has decided a comment of that batch since.
    func undoLast(moderator: String, now: Date) async throws -> [AuditEvent]
    /// Adds a ban, or replaces the reason of an existing one.
    func addBan(_ ban: Ban) async throws
    /// Removes a ban; false when there was none.
    func removeBan(kind: BanKind, value: String) async throws -> Bool
    /// Every ban, oldest first.
    func bans() async throws -> [Ban]
    /// Adds a ban (or replaces the reason of an existing one) and rejects the held comments it
    /// applies to (``BanValue/applies(_:email:ip:name:)``), all in one transaction; returns the
    /// rejections' audit events, one batch of `moderator`'s that `undoLast` takes back.
    func addBan(_ ban: Ban, rejectingHeldAs moderator: String, reason: String?, now: Date) async throws -> [AuditEvent]
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
    /// The oldest ban that applies to an author (``BanValue/applies(_:email:ip:name:)``: canonical
    /// email, IP or IP range, name), or nil.
    public func matchingBan(email: String, ip: String?, name: String) async throws -> Ban? {
        try await bans().first { BanValue.applies($0, email: email, ip: ip, name: name) }
    }

    /// A moderator's decision whatever state the comments are in now (see the requirement).
    public func decide(_ ids: [Int64], state: CommentState, moderator: String, reason: String?, now: Date)
        async throws -> [AuditEvent]
    {
        try await decide(
            ids, state: state, moderator: moderator, reason: reason, expecting: nil, overridingClaims: false, now: now)
    }

    /// A moderator's decision that respects other moderators' review claims (see the requirement).
    public func decide(
        _ ids: [Int64], state: CommentState, moderator: String, reason: String?, expecting: Set<CommentState>?,
        now: Date
    ) async throws -> [AuditEvent] {
        try await decide(
            ids, state: state, moderator: moderator, reason: reason, expecting: expecting, overridingClaims: false,
            now: now)
    }
}

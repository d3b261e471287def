import Foundation

extension InMemoryStore {
    /// A moderator's decision on comments: one audit event for each comment that changes state.
    ///
    /// Comments already in `state` are skipped. Throws `.notFound` for unknown ids and `.conflict`
    /// for a state a moderator cannot choose or a comment still pending; then nothing changes.
    public func decide(
        _ ids: [Int64], state: CommentState, moderator: String, reason: String?,
        expecting: Set<CommentState>?, overridingClaims: Bool, now: Date
    ) async throws -> [AuditEvent] {
        try StoreContract.checkDecisionState(state)
        let ids = StoreContract.unique(ids)
        let unknown = ids.filter { index(of: $0) == nil }
        guard unknown.isEmpty else { throw StoreContract.notFound(unknown) }
        let pending = ids.filter { rows[index(of: $0)!].state == .pending }
        guard pending.isEmpty else { throw StoreContract.stillPending(pending) }
        if let expecting, let stale = ids.first(where: { !expecting.contains(rows[index(of: $0)!].state) }) {
            throw StoreContract.changedSince(
                stale, current: rows[index(of: stale)!].state, expected: expecting,
                last: events.last { $0.commentID == stale })
        }
        if !overridingClaims,
            let claimed = ids.first(where: {
                let row = rows[index(of: $0)!]
                return StoreContract.isClaimedByOther(
                    owner: row.leaseOwner, expiresAt: row.leaseExpiresAt, moderator: moderator, now: now)
            })
        {
            let row = rows[index(of: claimed)!]
            throw StoreContract.claimedByOther(claimed, owner: row.leaseOwner!, until: row.leaseExpiresAt!)
        }
        for id in ids {
            rows[index(of: id)!].leaseOwner = nil
            rows[index(of: id)!].leaseExpiresAt = nil
        }

        let batch = StoreContract.newBatchID()
        var decided: [AuditEvent] = []
        for id in ids {
            let index = index(of: id)!
            let from = rows[index].state
            guard from != state else { continue }
            rows[index].state = state
            rows[index].updatedAt = now
            decided.append(
                append(
                    commentID: id, at: now, kind: .moderator, actor: moderator, from: from, to: state,
                    reason: reason, rulesVersion: nil, batch: batch))
        }
        return decided
    }

    /// Undoes the moderator's most recent batch not yet undone; returns the undo events.
    public func undoLast(moderator: String, now: Date) async throws -> [AuditEvent] {
        let latest = events.last {
            $0.kind == .moderator && $0.actor == moderator && $0.batch.map { !undoneBatches.contains($0) } ?? false
        }
        guard let batch = latest?.batch else { return [] }
        let undoBatch = StoreContract.newBatchID()
        let decisions = events.filter { $0.kind == .moderator && $0.batch == batch }
        if let moved = decisions.first(where: { event in index(of: event.commentID).map { rows[$0].state != event.to } ?? false })
        {
            throw StoreContract.overridden(moved.commentID, by: events.last { $0.commentID == moved.commentID })
        }
        var undone: [AuditEvent] = []
        for event in decisions {
            guard let from = event.from, let index = index(of: event.commentID) else { continue }
            rows[index].state = from
            rows[index].updatedAt = now
            undone.append(
                append(
                    commentID: event.commentID, at: now, kind: .undo, actor: moderator, from: event.to, to: from,
                    reason: StoreContract.undoReason(of: batch), rulesVersion: nil, batch: undoBatch))
        }
        undoneBatches.insert(batch)
        return undone
    }

    /// Adds a ban, or replaces the reason of an existing one.
    public func addBan(_ ban: Ban) async throws {
        var ban = ban
        ban.value = BanValue.canonical(ban.value, kind: ban.kind)
        if let index = banList.firstIndex(where: { $0.kind == ban.kind && $0.value == ban.value }) {
            banList[index].reason = ban.reason
        } else {
            banList.append(ban)
        }
    }

    /// Adds a ban and rejects the held comments it applies to.
    public func addBan(_ ban: Ban, rejectingHeldAs moderator: String, reason: String?, now: Date) async throws
        -> [AuditEvent]
    {
        var ban = ban
        ban.value = BanValue.canonical(ban.value, kind: ban.kind)
        try await addBan(ban)
        let ids = rows.filter {
            $0.state == .held && BanValue.applies(ban, email: $0.comment.email, ip: $0.comment.ip, name: $0.comment.name)
        }.map(\.id)
        guard !ids.isEmpty else { return [] }
        return try await decide(
            ids, state: .rejected, moderator: moderator, reason: reason, expecting: [.held], overridingClaims: true, now: now)
    }

    /// Removes a ban; false when there was none.
    public func removeBan(kind: BanKind, value: String) async throws -> Bool {
        let value = BanValue.canonical(value, kind: kind)
        guard let index = banList.firstIndex(where: { $0.kind == kind && $0.value == value }) else { return false }
        banList.remove(at: index)
        return true
    }

    /// Every ban, oldest first (by creation time, then by when it was added).
    public func bans() async throws -> [Ban] {
        banList.enumerated()
            .sorted { ($0.element.createdAt, $0.offset) < ($1.element.createdAt, $1.offset) }
            .map(\.element)
    }

    /// Claims the oldest matching held comment nobody else is reviewing (see the requirement).
    public func claimForReview(
        moderator: String, filter: CommentFilter, skipping: Set<Int64>, duration: TimeInterval, now: Date
    ) async throws -> StoredComment? {
        var held = filter
        held.state = .held
        held.limit = nil
        for row in try await comments(matching: held) where !skipping.contains(row.id) {
            if StoreContract.isClaimedByOther(
                owner: row.leaseOwner, expiresAt: row.leaseExpiresAt, moderator: moderator, now: now)
            {
                continue
            }
            let index = index(of: row.id)!
            rows[index].leaseOwner = moderator
            rows[index].leaseExpiresAt = now.addingTimeInterval(duration)
            return rows[index]
        }
        return nil
    }

    /// Extends the moderator's review claim; false when the comment is no longer theirs to review.
    public func renewReviewClaim(_ id: Int64, moderator: String, duration: TimeInterval, now: Date) async throws -> Bool {
        guard let index = index(of: id), rows[index].state == .held else { return false }
        let row = rows[index]
        if StoreContract.isClaimedByOther(owner: row.leaseOwner, expiresAt: row.leaseExpiresAt, moderator: moderator, now: now) {
            return false
        }
        rows[index].leaseOwner = moderator
        rows[index].leaseExpiresAt = now.addingTimeInterval(duration)
        return true
    }

    /// Gives back the moderator's review claims on these comments.
    public func releaseReviewClaims(_ ids: [Int64], moderator: String) async throws {
        for id in ids {
            guard let index = index(of: id), rows[index].state != .pending, rows[index].leaseOwner == moderator else {
                continue
            }
            rows[index].leaseOwner = nil
            rows[index].leaseExpiresAt = nil
        }
    }

    /// Keeps `rules` as the last good set; the version already kept changes nothing.
    public func saveLastGoodRules(_ rules: StoredRules) async throws {
        guard keptRules?.version != rules.version else { return }
        keptRules = rules
    }

    /// The last good rules set kept, or nil.
    public func lastGoodRules() async throws -> StoredRules? {
        keptRules
    }
}

import Foundation

extension InMemoryStore {
    /// A moderator's decision on comments: one audit event for each comment that changes state.
    ///
    /// Comments already in `state` are skipped. Throws `.notFound` for unknown ids and `.conflict`
    /// for a state a moderator cannot choose or a comment still pending; then nothing changes.
    public func decide(
        _ ids: [Int64], state: CommentState, moderator: String, reason: String?,
        expecting: Set<CommentState>?, now: Date
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

    /// The oldest ban that applies to an author, comparing canonical values, or nil.
    public func matchingBan(email: String, ip: String?, name: String) async throws -> Ban? {
        let candidates = StoreContract.banCandidates(email: email, ip: ip, name: name)
        return try await bans().first { ban in
            candidates.contains { $0.kind == ban.kind && $0.value == ban.value }
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

import Foundation
import GRDB
import ModerationStore

extension SQLiteStore {
    /// A moderator's decision on comments, in one transaction: one audit event, all sharing one
    /// batch, for each comment that changes state; comments already in `state` are skipped.
    ///
    /// Throws `.notFound` for unknown ids and `.conflict` for a state a moderator cannot choose or
    /// a comment still pending; then nothing changes.
    public func decide(
        _ ids: [Int64], state: CommentState, moderator: String, reason: String?,
        expecting: Set<CommentState>?, overridingClaims: Bool, now: Date
    ) async throws -> [AuditEvent] {
        try StoreContract.checkDecisionState(state)
        let ids = StoreContract.unique(ids)
        guard !ids.isEmpty else { return [] }
        return try await write("recording a moderator decision") { db in
            try Self.decide(
                db, ids, state: state, moderator: moderator, reason: reason, expecting: expecting,
                overridingClaims: overridingClaims, now: now)
        }
    }

    /// The body of ``decide(_:state:moderator:reason:expecting:overridingClaims:now:)``, inside a write
    /// transaction that may do more.
    static func decide(
        _ db: Database, _ ids: [Int64], state: CommentState, moderator: String, reason: String?,
        expecting: Set<CommentState>?, overridingClaims: Bool, now: Date
    ) throws -> [AuditEvent] {
        let at = SQLiteValues.seconds(now)
        let batch = StoreContract.newBatchID()
        typealias Columns = CommentRow.Columns
        var current: [Int64: CommentState] = [:]
        var claims: [Int64: (owner: String, until: Double)] = [:]
        for chunk in SQLiteValues.chunks(of: ids) {
            let rows = try Row.fetchAll(
                db,
                CommentRow.select(Columns.id, Columns.state, Columns.leaseOwner, Columns.leaseExpiresAt)
                    .filter(chunk.contains(Columns.id)))
            for row in rows {
                current[row[0]] = try SQLiteValues.state(row[1])
                if let owner: String = row[2], let until: Double = row[3] { claims[row[0]] = (owner, until) }
            }
        }
        let unknown = ids.filter { current[$0] == nil }
        guard unknown.isEmpty else { throw StoreContract.notFound(unknown) }
        let pending = ids.filter { current[$0] == .pending }
        guard pending.isEmpty else { throw StoreContract.stillPending(pending) }
        if let expecting, let stale = ids.first(where: { current[$0].map { !expecting.contains($0) } ?? false }) {
            throw StoreContract.changedSince(
                stale, current: current[stale]!, expected: expecting,
                last: try Self.latestEvent(db, commentID: stale))
        }
        if !overridingClaims,
            let claimed = ids.first(where: { id in
                claims[id].map {
                    StoreContract.isClaimedByOther(
                        owner: $0.owner, expiresAt: SQLiteValues.date($0.until), moderator: moderator, now: now)
                } ?? false
            }), let claim = claims[claimed]
        {
            throw StoreContract.claimedByOther(claimed, owner: claim.owner, until: SQLiteValues.date(claim.until))
        }
        for chunk in SQLiteValues.chunks(of: ids.filter { claims[$0] != nil }) {
            try CommentRow.filter(chunk.contains(Columns.id))
                .updateAll(db, Columns.leaseOwner.set(to: nil), Columns.leaseExpiresAt.set(to: nil))
        }

        var events: [AuditEvent] = []
        for id in ids {
            guard let from = current[id], from != state else { continue }
            try CommentRow.filter(key: id).updateAll(
                db, Columns.state.set(to: state.rawValue),
                Columns.updatedAt.set(to: at))
            events.append(
                try AuditEventRow.append(
                    db, commentID: id, at: at, kind: .moderator, actor: moderator,
                    from: from, to: state, reason: reason, rulesVersion: nil,
                    batch: batch))
        }
        return events
    }

    /// Undoes the moderator's most recent batch not yet undone, in one transaction; returns the
    /// undo events. When someone has decided a comment of the batch since, throws `.conflict` and
    /// leaves the batch as it is.
    public func undoLast(moderator: String, now: Date) async throws -> [AuditEvent] {
        let at = SQLiteValues.seconds(now)
        let undoBatch = StoreContract.newBatchID()
        typealias Events = AuditEventRow.Columns
        typealias Columns = CommentRow.Columns
        return try await write("undoing a moderator decision") { db in
            let undone = UndoneBatchRow.select(Column("batch"))
            let latest =
                try AuditEventRow
                .filter(Events.actor == moderator && Events.kind == AuditKind.moderator.rawValue && Events.batch != nil)
                .filter(!undone.contains(Events.batch))
                .order(Events.id.desc)
                .select(Events.batch, as: String.self)
                .fetchOne(db)
            guard let batch = latest else { return [] }
            let decisions =
                try AuditEventRow
                .filter(Events.batch == batch && Events.kind == AuditKind.moderator.rawValue)
                .order(Events.id)
                .fetchAll(db)
            let batchEvents = try decisions.map { try $0.event() }
            for event in batchEvents {
                let state = try CommentRow.filter(key: event.commentID).select(Columns.state, as: String.self).fetchOne(db)
                if let state, state != event.to.rawValue {
                    throw StoreContract.overridden(event.commentID, by: try Self.latestEvent(db, commentID: event.commentID))
                }
            }
            var events: [AuditEvent] = []
            for event in batchEvents {
                guard let from = event.from else { continue }
                let changed =
                    try CommentRow
                    .filter(key: event.commentID)
                    .filter(Columns.state == event.to.rawValue)
                    .updateAll(db, Columns.state.set(to: from.rawValue), Columns.updatedAt.set(to: at))
                guard changed > 0 else { continue }
                events.append(
                    try AuditEventRow.append(
                        db, commentID: event.commentID, at: at, kind: .undo,
                        actor: moderator, from: event.to, to: from,
                        reason: StoreContract.undoReason(of: batch),
                        rulesVersion: nil, batch: undoBatch))
            }
            try UndoneBatchRow(batch: batch, undoBatch: undoBatch, actor: moderator, at: at).insert(db)
            return events
        }
    }

    /// The latest audit event on a comment, if any.
    static func latestEvent(_ db: Database, commentID: Int64) throws -> AuditEvent? {
        try AuditEventRow.filter(AuditEventRow.Columns.commentID == commentID).order(AuditEventRow.Columns.id.desc)
            .fetchOne(db)?.event()
    }

    /// Claims the oldest matching held comment nobody else is reviewing, in one write transaction.
    public func claimForReview(
        moderator: String, filter: CommentFilter, skipping: Set<Int64>, duration: TimeInterval, now: Date
    ) async throws -> StoredComment? {
        typealias Columns = CommentRow.Columns
        var held = filter
        held.state = .held
        held.limit = nil
        let current = SQLiteValues.seconds(now)
        let until = SQLiteValues.seconds(now.addingTimeInterval(duration))
        let request = Self.request(for: held)
            .filter(!skipping.contains(Columns.id))
            .filter(Columns.leaseOwner == nil || Columns.leaseOwner == moderator || Columns.leaseExpiresAt < current)
            .limit(1)
        return try await write("claiming a comment for review") { db in
            guard let row = try request.fetchOne(db), let id = row.id else { return nil }
            try CommentRow.filter(key: id)
                .updateAll(db, Columns.leaseOwner.set(to: moderator), Columns.leaseExpiresAt.set(to: until))
            guard let claimed = try CommentRow.fetchOne(db, key: id) else { return nil }
            return try Self.stored([claimed], db).first
        }
    }

    /// Extends the moderator's review claim; false when the comment is no longer theirs to review.
    public func renewReviewClaim(_ id: Int64, moderator: String, duration: TimeInterval, now: Date) async throws -> Bool {
        typealias Columns = CommentRow.Columns
        let current = SQLiteValues.seconds(now)
        let until = SQLiteValues.seconds(now.addingTimeInterval(duration))
        return try await write("renewing a review claim") { db in
            try CommentRow.filter(key: id)
                .filter(Columns.state == CommentState.held.rawValue)
                .filter(Columns.leaseOwner == nil || Columns.leaseOwner == moderator || Columns.leaseExpiresAt < current)
                .updateAll(db, Columns.leaseOwner.set(to: moderator), Columns.leaseExpiresAt.set(to: until)) > 0
        }
    }

    /// Gives back the moderator's review claims on these comments.
    public func releaseReviewClaims(_ ids: [Int64], moderator: String) async throws {
        guard !ids.isEmpty else { return }
        typealias Columns = CommentRow.Columns
        try await write("releasing review claims") { db in
            for chunk in SQLiteValues.chunks(of: StoreContract.unique(ids)) {
                try CommentRow.filter(chunk.contains(Columns.id))
                    .filter(Columns.state != CommentState.pending.rawValue && Columns.leaseOwner == moderator)
                    .updateAll(db, Columns.leaseOwner.set(to: nil), Columns.leaseExpiresAt.set(to: nil))
            }
        }
    }
}

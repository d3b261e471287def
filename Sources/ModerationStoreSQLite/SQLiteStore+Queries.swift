import Foundation
import GRDB
import ModerationStore

extension SQLiteStore {
    /// One comment, or nil.
    public func comment(id: Int64) async throws -> StoredComment? {
        try await read("reading comment \(id)") { db in
            guard let row = try CommentRow.fetchOne(db, key: id) else { return nil }
            return try Self.stored([row], db).first
        }
    }

    /// Comments matching a filter, in id order (the order of submission).
    public func comments(matching filter: CommentFilter) async throws -> [StoredComment] {
        let request = Self.request(for: filter)
        return try await read("listing comments") { [request] db in
            try Self.stored(try request.fetchAll(db), db)
        }
    }

    /// How many comments match a filter, ignoring its limit and cursor.
    public func count(matching filter: CommentFilter) async throws -> Int {
        var all = filter
        all.limit = nil
        all.afterID = nil
        let request = Self.request(for: all)
        return try await read("counting comments") { [request] db in try request.fetchCount(db) }
    }

    /// The comments a filter selects, in id order.
    static func request(for filter: CommentFilter) -> QueryInterfaceRequest<CommentRow> {
        typealias Columns = CommentRow.Columns
        var request = CommentRow.order(Columns.id)
        if let state = filter.state {
            request = request.filter(Columns.state == state.rawValue)
        }
        if let article = filter.article {
            request = request.filter(Columns.article == article)
        }
        if let ruleID = filter.ruleID {
            let hit =
                CommentRuleRow
                .filter(CommentRuleRow.Columns.ruleID == ruleID)
                .select(CommentRuleRow.Columns.commentID)
            request = request.filter(hit.contains(Columns.id))
        }
        if let author = filter.author {
            request = request.filter(Columns.email.lowercased == author.lowercased())
        }
        if let afterID = filter.afterID {
            request = request.filter(Columns.id > afterID)
        }
        if let limit = filter.limit {
            request = request.limit(max(0, limit))
        }
        return request
    }

    /// The audit events of one comment, oldest first.
    public func history(of commentID: Int64) async throws -> [AuditEvent] {
        try await read("reading the history of comment \(commentID)") { db in
            try AuditEventRow
                .filter(AuditEventRow.Columns.commentID == commentID)
                .order(AuditEventRow.Columns.id)
                .fetchAll(db)
                .map { try $0.event() }
        }
    }

    /// How many comments are in each state; every state is present, zero when empty.
    public func stateCounts() async throws -> [CommentState: Int] {
        try await read("counting comments") { db in
            let rows = try Row.fetchAll(
                db,
                CommentRow
                    .select(CommentRow.Columns.state, GRDB.count(CommentRow.Columns.id))
                    .group(CommentRow.Columns.state))
            var counts = Dictionary(uniqueKeysWithValues: CommentState.allCases.map { ($0, 0) })
            for row in rows {
                counts[try SQLiteValues.state(row[0])] = row[1]
            }
            return counts
        }
    }

    /// The comments of these rows, each with the ids of the rules that hit it, in verdict order.
    static func stored(_ rows: [CommentRow], _ db: Database) throws -> [StoredComment] {
        let decided = rows.compactMap { $0.verdictState == nil ? nil : $0.id }
        var ruleIDs: [Int64: [String]] = [:]
        for chunk in SQLiteValues.chunks(of: decided) {
            let hits =
                try CommentRuleRow
                .filter(chunk.contains(CommentRuleRow.Columns.commentID))
                .order(CommentRuleRow.Columns.commentID, CommentRuleRow.Columns.position)
                .fetchAll(db)
            for hit in hits {
                ruleIDs[hit.commentID, default: []].append(hit.ruleID)
            }
        }
        return try rows.map { try $0.stored(ruleIDs: $0.id.flatMap { ruleIDs[$0] } ?? []) }
    }
}

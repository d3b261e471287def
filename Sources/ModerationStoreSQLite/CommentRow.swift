import Foundation
import GRDB
import ModerationStore

/// One row of the `comments` table: the submission, its state, verdict columns and lease.
struct CommentRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "comments"

    /// The columns the queries filter and order on.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let article = Column(CodingKeys.article)
        static let email = Column(CodingKeys.email)
        static let key = Column(CodingKeys.key)
        static let state = Column(CodingKeys.state)
        static let leaseOwner = Column(CodingKeys.leaseOwner)
        static let leaseExpiresAt = Column(CodingKeys.leaseExpiresAt)
        static let attempts = Column(CodingKeys.attempts)
        static let updatedAt = Column(CodingKeys.updatedAt)
    }

    var id: Int64?
    var article: String
    var name: String
    var email: String
    var url: String?
    var ip: String?
    var body: String
    var key: String?
    var submittedAt: Double
    var state: String
    var verdictState: String?
    var score: Int?
    var rulesVersion: String?
    var verdictJSON: String?
    var verdictReason: String?
    var decidedAt: Double?
    var leaseOwner: String?
    var leaseExpiresAt: Double?
    var attempts: Int
    var updatedAt: Double

    enum CodingKeys: String, CodingKey {
        case id, article, name, email, url, ip, body, key
        case submittedAt = "submitted_at"
        case state
        case verdictState = "verdict_state"
        case score
        case rulesVersion = "rules_version"
        case verdictJSON = "verdict_json"
        case verdictReason = "verdict_reason"
        case decidedAt = "decided_at"
        case leaseOwner = "lease_owner"
        case leaseExpiresAt = "lease_expires_at"
        case attempts
        case updatedAt = "updated_at"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The comment as the protocol returns it, given the ids of the rules that hit it, in order.
    func stored(ruleIDs: [String]) throws -> StoredComment {
        let verdict = try verdictState.map { raw in
            VerdictRecord(
                state: try SQLiteValues.state(raw), score: score ?? 0, rulesVersion: rulesVersion ?? "",
                ruleIDs: ruleIDs, json: verdictJSON ?? "", reason: verdictReason)
        }
        let comment = NewComment(
            article: article, name: name, email: email, url: url, ip: ip, body: body, key: key,
            submittedAt: SQLiteValues.date(submittedAt))
        return StoredComment(
            id: id ?? 0, comment: comment, state: try SQLiteValues.state(state), verdict: verdict,
            leaseOwner: leaseOwner, leaseExpiresAt: leaseExpiresAt.map(SQLiteValues.date),
            attempts: attempts, updatedAt: SQLiteValues.date(updatedAt))
    }
}

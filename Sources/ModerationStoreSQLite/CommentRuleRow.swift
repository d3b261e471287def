import GRDB

/// One row of the `comment_rules` table: a rule that hit a comment, at its place in the verdict.
struct CommentRuleRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "comment_rules"

    /// The columns the queries filter and order on.
    enum Columns {
        static let commentID = Column(CodingKeys.commentID)
        static let position = Column(CodingKeys.position)
        static let ruleID = Column(CodingKeys.ruleID)
    }

    var commentID: Int64
    var position: Int
    var ruleID: String

    enum CodingKeys: String, CodingKey {
        case commentID = "comment_id"
        case position
        case ruleID = "rule_id"
    }
}

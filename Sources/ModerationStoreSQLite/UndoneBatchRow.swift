import GRDB

/// One row of the `undone_batches` table: a moderator batch that `undoLast` took back.
struct UndoneBatchRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "undone_batches"

    /// The batch that was undone.
    var batch: String
    /// The batch of the undo events.
    var undoBatch: String
    /// The moderator who undid it.
    var actor: String
    /// When, in seconds since 1970.
    var at: Double

    enum CodingKeys: String, CodingKey {
        case batch
        case undoBatch = "undo_batch"
        case actor, at
    }
}

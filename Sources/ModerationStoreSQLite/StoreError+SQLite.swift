import Foundation
import GRDB
import ModerationStore

extension StoreError {
    /// The store error for what GRDB or SQLite threw while the store was `action` ("claiming comments").
    ///
    /// SQLITE_BUSY and SQLITE_LOCKED (left after the busy timeout) become `.busy`; a file that cannot
    /// be opened, read or written, or is no database, becomes `.unavailable`; anything else is
    /// `.backend`. The SQLite extended result code is kept in `code`. A `StoreError` passes through.
    init(sqlite error: any Error, path: String, action: String) {
        if let error = error as? StoreError {
            self = error
            return
        }
        guard let error = error as? DatabaseError else {
            self.init(.backend, "The SQLite store at \(path) failed while \(action): \(error)")
            return
        }
        let code = String(error.extendedResultCode.rawValue)
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self.init(.busy, "The database \(path) stayed locked past the busy timeout while \(action): \(detail)", code: code)
        case .SQLITE_CANTOPEN, .SQLITE_NOTADB, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            self.init(.unavailable, "Cannot use the database \(path) while \(action): \(detail)", code: code)
        default:
            self.init(.backend, "The SQLite store at \(path) failed while \(action): \(detail)", code: code)
        }
    }
}

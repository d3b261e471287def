import Foundation
import ModerationStore

/// Conversions between the protocol's values and the columns that hold them.
enum SQLiteValues {
    /// A time as stored: seconds since 1970.
    static func seconds(_ date: Date) -> Double {
        date.timeIntervalSince1970
    }

    /// A stored time as a date.
    static func date(_ seconds: Double) -> Date {
        Date(timeIntervalSince1970: seconds)
    }

    /// A stored state, or a `.backend` error for a value no migration wrote.
    static func state(_ raw: String) throws -> CommentState {
        guard let state = CommentState(rawValue: raw) else {
            throw StoreError(.backend, "The database holds an unknown comment state '\(raw)'.")
        }
        return state
    }
}

extension SQLiteValues {
    /// How many ids one `IN (…)` list binds at most, well under SQLite's variable limit.
    static let chunkSize = 500

    /// The ids cut into lists of at most `chunkSize`.
    static func chunks(of ids: [Int64]) -> [ArraySlice<Int64>] {
        stride(from: 0, to: ids.count, by: chunkSize).map { ids[$0..<min($0 + chunkSize, ids.count)] }
    }
}

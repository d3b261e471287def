import Foundation
import Synchronization

/// NFKC through Foundation, remembered per scalar so that each distinct scalar pays for it once.
///
/// Foundation's `precomposedStringWithCompatibilityMapping` costs about a microsecond a call, and a
/// comment written in fullwidth or mathematical letters needs it for every scalar. Single scalars are
/// therefore cached (bounded, behind a mutex, shared by all normalizers); pieces with combining marks
/// are rarer and always go to Foundation.
final class NFKCCache: Sendable {
    /// The cache all normalizers share.
    static let shared = NFKCCache()

    /// The most scalars kept; past this, results are computed but not stored.
    static let capacity = 8192

    private let entries = Mutex<[UInt32: String]>([:])

    /// The NFKC form of one scalar (see `compatibilityComposed`).
    func composed(_ scalar: Unicode.Scalar) -> String {
        if let hit = entries.withLock({ $0[scalar.value] }) { return hit }
        let result = Self.compatibilityComposed(String(scalar))
        entries.withLock {
            if $0.count < Self.capacity { $0[scalar.value] = result }
        }
        return result
    }

    /// The NFKC form of `text`, except that a spacing clone of a diacritic (´ ¨ ¸ ˜, isolated
    /// harakat), which NFKC turns into a space and a combining mark, is kept as typed: the space
    /// would split the word ("don´t" → "don ́t").
    static func compatibilityComposed(_ text: String) -> String {
        let composed = text.precomposedStringWithCompatibilityMapping
        if composed.utf8.first == 0x20, let first = text.unicodeScalars.first,
            !ScalarClass.isWhitespace(first.value)
        {
            return text
        }
        return composed
    }
}

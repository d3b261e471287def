@testable import TextFolding

/// Helpers shared by the normalization tests (kept in one namespace so that they cannot clash with
/// other test files of the same target).
enum FoldTesting {
    /// One normalizer for all tests: it is immutable and shared, as in production.
    static let normalizer = TextNormalizer()

    /// The UTF-8 byte range of the first occurrence of `needle` in `haystack`.
    static func utf8Range(of needle: String, in haystack: String) -> Range<Int>? {
        let hay = Array(haystack.utf8)
        let pin = Array(needle.utf8)
        guard !pin.isEmpty, pin.count <= hay.count else { return nil }
        for start in 0...(hay.count - pin.count) where hay[start..<(start + pin.count)].elementsEqual(pin) {
            return start..<(start + pin.count)
        }
        return nil
    }

    /// The raw text in a UTF-8 byte range.
    static func rawText(_ raw: String, _ range: Range<Int>) -> String {
        String(decoding: Array(raw.utf8)[range], as: UTF8.self)
    }

    /// The raw text that the first folded occurrence of `word` maps back to, or nil when absent.
    static func rawSpan(of word: String, in raw: String) -> String? {
        let folded = normalizer.fold(raw)
        guard let range = utf8Range(of: word, in: folded.text) else { return nil }
        return rawText(raw, folded.rawUTF8Range(forFolded: range))
    }
}

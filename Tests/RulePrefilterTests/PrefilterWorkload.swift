import Foundation
import PCRE2
import TestSupport

@testable import RulePrefilter

/// The generated workload the soundness tests share (see ``WorkloadGenerator``): nothing is read
/// from outside the repository.
enum PrefilterWorkload {
    /// 2,000 rules and 3,000 comments (about a fifth with an injected snippet).
    static let generated: (patterns: [String], comments: [String]) = {
        var generator = WorkloadGenerator(seed: 20_261_125)
        return generator.make(rules: 2_000, comments: 3_000, hitRate: 0.2)
    }()

    /// 1,500 comments, every one with a disguised snippet: where the normalized views earn their keep.
    static let disguised: [String] = {
        var generator = WorkloadGenerator(seed: 7_201)
        return generator.comments(1_500, hitRate: 1, disguise: 0.8)
    }()
}

/// Runs PCRE2 the way the engine does: first match only, over the subject's UTF-8.
enum PrefilterReference {
    /// True when `pattern` matches anywhere in `bytes`.
    static func matches(_ pattern: Pattern, _ bytes: UnsafeBufferPointer<UInt8>, _ scratch: MatchScratch) -> Bool {
        var found = false
        do {
            try pattern.forEachMatch(in: bytes, scratch: scratch) { _ in
                found = true
                return false
            }
        } catch {
            // A resource limit: the engine would not count it as a match either.
            return false
        }
        return found
    }
}

extension String {
    /// True when `needle`'s UTF-8 bytes occur in this string's (not Character-wise: `"🖕🏽"` contains `"🖕"`).
    func containsBytes(_ needle: String) -> Bool {
        let haystack = Array(utf8)
        let needle = Array(needle.utf8)
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}

import CPCRE2

/// Per-pattern compile flags on top of the UTF and UCP that every pattern gets.
public struct PatternOptions: OptionSet, Sendable, Hashable {
    /// The raw bits.
    public let rawValue: UInt32

    /// Creates options from raw bits.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Case-insensitive matching (Unicode-aware under UCP).
    public static let caseless = PatternOptions(rawValue: UInt32(PCRE2_CASELESS))
    /// `^` and `$` match at line breaks.
    public static let multiline = PatternOptions(rawValue: UInt32(PCRE2_MULTILINE))
    /// `.` matches line breaks too.
    public static let dotall = PatternOptions(rawValue: UInt32(PCRE2_DOTALL))
    /// White space and `#` comments in the pattern are ignored.
    public static let extended = PatternOptions(rawValue: UInt32(PCRE2_EXTENDED))
}

/// The resource limits applied to every match, so that no pattern can run away.
public struct MatchLimits: Sendable, Hashable {
    /// PCRE2's match limit: how many times the internal match function may be called.
    public var matchLimit: UInt32
    /// PCRE2's depth limit (interpreter backtracking depth).
    public var depthLimit: UInt32
    /// PCRE2's heap limit in kibibytes (interpreter backtracking memory).
    public var heapLimitKiB: UInt32

    /// Creates limits.
    public init(matchLimit: UInt32, depthLimit: UInt32, heapLimitKiB: UInt32) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.heapLimitKiB = heapLimitKiB
    }

    /// Limits that let ordinary patterns on 1,500-character comments finish and stop a catastrophic
    /// pattern in milliseconds.
    public static let `default` = MatchLimits(matchLimit: 1_000_000, depthLimit: 10_000, heapLimitKiB: 20_000)
}

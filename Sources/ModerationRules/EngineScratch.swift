import PCRE2

/// Per-task working memory for evaluations: PCRE2 match data and the prefilter's candidate sets.
///
/// Not `Sendable`: make one per task or thread and reuse it for every comment that task evaluates.
public final class EngineScratch {
    /// PCRE2 match data and limits.
    public let match: MatchScratch
    /// Candidates among the rules that match the raw text.
    var rawCandidates = CandidateSet()
    /// Candidates among the rules that match the folded text.
    var foldedCandidates = CandidateSet()

    /// Allocates the scratch.
    public init(limits: MatchLimits = .default) throws(PCRE2Error) {
        match = try MatchScratch(limits: limits)
    }
}

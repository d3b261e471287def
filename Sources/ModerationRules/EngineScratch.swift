import PCRE2
import RulePrefilter

/// Per-task working memory for evaluations: PCRE2 match data and the prefilter's candidate sets.
///
/// Not `Sendable`: make one per task or thread and reuse it for every comment that task evaluates.
public final class EngineScratch {
    /// PCRE2 match data and limits (the engine's own: PCRE2 stays behind the engine's API).
    let match: MatchScratch
    /// Candidates among the rules that match the raw text.
    var rawCandidates = CandidateSet()
    /// Candidates among the rules that match the folded text.
    var foldedCandidates = CandidateSet()
    /// Per rule (by index in the rule set), how many times PCRE2 ran it and how many of those runs
    /// hit; grows to the rule count on first use. See ``RuleRunCounts``.
    public private(set) var counts = RuleRunCounts()
    /// When true, each PCRE2 run is also timed into ``counts`` (costs a clock read a run).
    public var timesRuns = false

    /// Allocates the scratch.
    public init(limits: MatchLimits = .default) throws(PCRE2Error) {
        match = try MatchScratch(limits: limits)
    }
}

/// How often each rule ran and hit over the evaluations of one scratch: what the prefilter could
/// not skip. `moderate check --stats` reports it so a rules maintainer can find the rules that run
/// on most comments without matching (no literal, or only weak ones).
public struct RuleRunCounts: Sendable {
    /// Evaluations counted.
    public var evaluations = 0
    /// PCRE2 runs per rule index.
    public var runs: [Int] = []
    /// Runs that hit, per rule index.
    public var hits: [Int] = []
    /// Nanoseconds spent in runs, per rule index (zero unless the scratch times runs).
    public var nanoseconds: [Int] = []

    /// Counts with nothing recorded.
    public init() {}

    mutating func record(rule: Int, hit: Bool, nanoseconds elapsed: Int, ruleCount: Int) {
        if runs.count < ruleCount {
            runs += Array(repeating: 0, count: ruleCount - runs.count)
            hits += Array(repeating: 0, count: ruleCount - hits.count)
            nanoseconds += Array(repeating: 0, count: ruleCount - nanoseconds.count)
        }
        runs[rule] += 1
        if hit { hits[rule] += 1 }
        nanoseconds[rule] += elapsed
    }
}

extension EngineScratch {
    func recordRun(rule: Int, hit: Bool, nanoseconds: Int, ruleCount: Int) {
        counts.record(rule: rule, hit: hit, nanoseconds: nanoseconds, ruleCount: ruleCount)
    }

    func recordEvaluation() { counts.evaluations += 1 }
}

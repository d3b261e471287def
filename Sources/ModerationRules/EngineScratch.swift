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

/// The rules of one engine split by the text they match, each half with its literal prefilter.
struct RulePlan: Sendable {
    /// Indices (into the rule set) of rules matching the raw text, and their prefilter.
    let rawRules: [Int]
    let rawPrefilter: LiteralPrefilter
    /// Indices of rules matching the folded text (`normalize: true`), and their prefilter.
    let foldedRules: [Int]
    let foldedPrefilter: LiteralPrefilter
    /// For each rule: whether it reads folded text, and its index within its half.
    let slot: [(folded: Bool, index: Int)]
    /// The fields some raw rule reads, and the fields some folded rule reads.
    let rawFields: Set<CommentField>
    let foldedFields: Set<CommentField>

    init(rules: [Rule]) {
        var raw: [Int] = []
        var folded: [Int] = []
        var slot: [(Bool, Int)] = []
        for (index, rule) in rules.enumerated() {
            if rule.normalize {
                slot.append((true, folded.count))
                folded.append(index)
            } else {
                slot.append((false, raw.count))
                raw.append(index)
            }
        }
        func prefilter(_ indices: [Int]) -> LiteralPrefilter {
            LiteralPrefilter(patterns: indices.map { rules[$0].pattern.source },
                             extended: indices.map { rules[$0].pattern.options.contains(.extended) })
        }
        rawRules = raw
        foldedRules = folded
        rawPrefilter = prefilter(raw)
        foldedPrefilter = prefilter(folded)
        self.slot = slot
        rawFields = Set(raw.flatMap { rules[$0].target.fields })
        foldedFields = Set(folded.flatMap { rules[$0].target.fields })
    }
}

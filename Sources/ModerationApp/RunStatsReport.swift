import ModerationRules

/// The lines of `check --stats`: how many PCRE2 runs the prefilter left per comment, and the rules
/// that cost most (time when the runs were timed, else runs without a hit): the ones to give a
/// stronger literal or a cheaper pattern.
public enum RunStatsReport {
    /// The report for `counts` over `rules` (the engine's rule set), naming at most `top` rules,
    /// each with what its prefilter needs when `prefilter` says (``ModerationEngine/prefilterSummary(rule:)``).
    public static func lines(
        _ counts: RuleRunCounts, rules: [Rule], top: Int = 10,
        prefilter: (Int) -> String? = { _ in nil }
    ) -> [String] {
        let evaluations = max(counts.evaluations, 1)
        let runs = counts.runs.reduce(0, +)
        let hits = counts.hits.reduce(0, +)
        let timed = counts.nanoseconds.contains { $0 > 0 }
        var lines = [
            "\(counts.evaluations) comments, \(rules.count) rules: "
                + "\(format(Double(runs) / Double(evaluations))) PCRE2 runs a comment "
                + "(\(format(Double(hits) / Double(evaluations))) hit), "
                + "instead of \(rules.count) a field without the prefilter"
        ]
        if timed {
            let total = counts.nanoseconds.reduce(0, +)
            lines.append("time in PCRE2: \(format(Double(total) / Double(evaluations) / 1000)) µs a comment")
        }
        func cost(_ index: Int) -> Int {
            timed ? counts.nanoseconds[index] : counts.runs[index] - counts.hits[index]
        }
        let costly = counts.runs.indices
            .filter { cost($0) > 0 && $0 < rules.count }
            .sorted { cost($0) != cost($1) ? cost($0) > cost($1) : $0 < $1 }
            .prefix(top)
        if !costly.isEmpty {
            lines.append(
                timed
                    ? "rules that took the most time (runs, hits, share of comments, time):"
                    : "rules run most often without a hit (runs, hits, share of comments):")
        }
        for index in costly {
            let share = Double(counts.runs[index]) / Double(evaluations) * 100
            var line = "  \(rules[index].id): \(counts.runs[index]) runs, \(counts.hits[index]) hits, \(format(share))%"
            if timed { line += ", \(format(Double(counts.nanoseconds[index]) / 1_000_000)) ms" }
            lines.append(line)
            if let needs = prefilter(index) { lines.append("    prefilter: \(needs)") }
        }
        return lines
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

import Foundation

/// The text report of a ``CorpusEvaluation``.
public enum EvaluationTable {
    /// A percentage with one decimal.
    public static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", share * 100)
    }

    /// The corpus summary and its `top` noisiest rules.
    public static func render(_ result: CorpusEvaluation, top: Int) -> String {
        var lines: [String] = []
        let name = (result.corpus as NSString).lastPathComponent
        lines.append(
            "\(name): \(result.positives) positive, \(result.negatives) negative, \(result.skipped) skipped, \(result.refusedByPolicy) refused by the policy (over a limit, or holding control characters)"
        )
        lines.append(
            "  positives caught \(percent(result.caught)) (rejected \(result.positivesRejected), held \(result.positivesHeld))")
        lines.append(
            "  negatives rejected \(percent(result.falseRejects)) (\(result.negativesRejected)), held \(percent(result.falseHolds)) (\(result.negativesHeld))"
        )
        let shown = result.rules.filter { $0.positives + $0.negatives > 0 }.prefix(top)
        if !shown.isEmpty {
            lines.append("  " + "rule".padding(toLength: 34, withPad: " ", startingAt: 0) + "   pos    neg  precision  action")
            for rule in shown {
                let id = rule.rule.padding(toLength: 34, withPad: " ", startingAt: 0)
                let action = rule.action.rawValue + (rule.mode == .shadow ? " (shadow)" : "")
                lines.append(
                    "  \(id) \(String(format: "%5d  %5d  %9@", rule.positives, rule.negatives, percent(rule.precision) as NSString))  \(action)"
                )
            }
        }
        if let examples = result.examplesShown {
            lines.append("  \(examples):")
            let renderer = VerdictRenderer(color: false)
            for example in result.examples {
                let hits = example.hits.filter { $0.field == .body }
                let text = renderer.highlight(example.text, hits: hits).replacingOccurrences(of: "\n  ", with: " ")
                let rules = Set(example.hits.map(\.rule)).sorted().joined(separator: ",")
                lines.append("    L\(example.line) \(example.label) → \(example.decision.rawValue) [\(rules)]: \(text)")
            }
            if result.examples.isEmpty { lines.append("    (none)") }
        }
        return lines.joined(separator: "\n")
    }
}

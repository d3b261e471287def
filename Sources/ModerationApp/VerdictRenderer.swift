import ModerationRules
import Rainbow

/// Renders a verdict for people: each field with the matched text highlighted, each hit, and why
/// the decision came out as it did.
public struct VerdictRenderer: Sendable {
    /// Whether to use terminal colour; without it, matches are marked with [[ ]].
    public var color: Bool

    /// Creates a renderer.
    public init(color: Bool) {
        self.color = color
    }

    /// The full explanation of a verdict on a comment.
    public func explain(_ verdict: Verdict, comment: CommentInput) -> String {
        var lines: [String] = []
        lines.append(
            "decision: \(paint(verdict.decision.rawValue.uppercased(), verdict.decision))  score: \(verdict.score)  rules: \(verdict.rulesVersion)"
        )
        lines.append("why: \(TerminalText.line(verdict.reason))")
        if let wouldBe = verdict.wouldBe, wouldBe != verdict.decision {
            lines.append(
                "with shadow rules enforced: \(paint(wouldBe.rawValue.uppercased(), wouldBe)) (shadow rules do not count)")
        }
        for violation in verdict.violations {
            lines.append("  ✗ policy \(TerminalText.line(violation.message))")
        }
        for failure in verdict.errors {
            lines.append(
                "  ! rule \(failure.rule) failed on \(failure.field.rawValue): \(TerminalText.line(failure.message)) (PCRE2 \(failure.code))"
            )
        }
        for failure in verdict.shadowErrors {
            lines.append(
                "  ! shadow rule \(failure.rule) failed on \(failure.field.rawValue): \(TerminalText.line(failure.message)) (PCRE2 \(failure.code)), shadow: not counted"
            )
        }
        for hit in verdict.hits {
            let shown =
                hit.text.prefix(5).map { "\"\(TerminalText.line($0))\"" }.joined(separator: ", ")
                + (hit.text.count > 5 ? ", …" : "")
            var what = hit.action.rawValue
            if let score = hit.score { what += " +\(score)" }
            if hit.mode == .shadow { what += ", shadow: not counted" }
            lines.append("  • \(hit.rule) (\(what)) in \(hit.field.rawValue): \(hit.text.count)× \(shown)")
        }
        for field in CommentField.allCases {
            guard let value = comment[field], !value.isEmpty else { continue }
            let hits = verdict.hits.filter { $0.field == field }
            lines.append("\(field.rawValue): \(highlight(value, hits: hits))")
        }
        return lines.joined(separator: "\n")
    }

    /// `text` with every hit's spans highlighted, coloured by the strongest action covering each
    /// character, made safe for a terminal (``TerminalText/block(_:indent:)``).
    public func highlight(_ text: String, hits: [Hit]) -> String {
        guard !hits.isEmpty else { return TerminalText.block(text) }
        let characters = Array(text)
        let strength = strengths(of: characters, hits: hits)
        var out = ""
        var index = 0
        while index < characters.count {
            let level = strength[index]
            var end = index
            while end < characters.count, strength[end] == level { end += 1 }
            let run = TerminalText.block(String(characters[index..<end]))
            out += level == 0 ? run : mark(run, level: level)
            index = end
        }
        return out
    }

    /// For each character, the strongest hit on it: 0 none, 1 shadow, then by action (``rank(_:)``).
    func strengths(of characters: [Character], hits: [Hit]) -> [Int] {
        var strength = [Int](repeating: 0, count: characters.count)
        for hit in hits {
            let level = hit.mode == .shadow ? 1 : Self.rank(hit.action)
            for span in hit.spans where span.count == 2 {
                let start = max(0, span[0])
                let end = min(characters.count, span[1])
                guard start < end else { continue }
                for index in start..<end {
                    strength[index] = max(strength[index], level)
                }
            }
        }
        return strength
    }

    /// How strongly an action's hits are marked: approve 2, score 3, hold 4, reject 5.
    static func rank(_ action: RuleAction) -> Int {
        switch action {
        case .approve: 2
        case .score: 3
        case .hold: 4
        case .reject: 5
        }
    }

    /// A run of text marked at a strength: in colour, or between `[[` and `]]` without.
    func mark(_ run: String, level: Int) -> String {
        guard color else { return "[[\(run)]]" }
        switch level {
        case 5: return run.red.bold.underline
        case 4: return run.yellow.bold.underline
        case 3: return run.magenta.underline
        case 2: return run.green.underline
        default: return run.dim.underline
        }
    }

    /// A decision word in its colour.
    public func paint(_ text: String, _ decision: Decision) -> String {
        guard color else { return text }
        switch decision {
        case .approve: return text.green.bold
        case .hold: return text.yellow.bold
        case .reject: return text.red.bold
        }
    }
}

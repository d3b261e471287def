/// The precedence that turns hits, violations and failures into one decision.
///
/// An engine failure → hold, whatever else was found: the rules could not be fully applied, so a
/// person decides (a rules error never lets a comment through, and never decides it alone);
/// then violations → reject; any enforced reject hit → reject; any enforced hold → hold; any enforced approve → approve; then the
/// summed score against the thresholds; then the policy's mode.
/// Shadow rules never take part: their hits are filtered out here and their failures are kept
/// apart (``Verdict/shadowErrors``); ``wouldBe(hits:violations:errors:shadowErrors:policy:)`` is the
/// decision with them enforced.
enum DecisionRule {
    /// The decision with every shadow rule enforced (its hits and failures counting), or nil when no
    /// shadow rule hit or failed (the decision would be the same).
    static func wouldBe(
        hits: [Hit], violations: [Violation], errors: [EngineFailure], shadowErrors: [EngineFailure], policy: Policy
    ) -> Decision? {
        guard !shadowErrors.isEmpty || hits.contains(where: { $0.mode == .shadow }) else { return nil }
        let enforced = hits.map { hit in
            var hit = hit
            hit.mode = .enforce
            return hit
        }
        return decide(hits: enforced, violations: violations, errors: errors + shadowErrors, policy: policy).0
    }

    /// The decision, the score and the reason.
    static func decide(hits: [Hit], violations: [Violation], errors: [EngineFailure], policy: Policy) -> (Decision, Int, String) {
        let enforced = hits.filter { $0.mode == .enforce }
        let score = enforced.reduce(0) { $0 + ($1.score ?? 0) }
        func ids(_ action: RuleAction) -> [String] {
            var seen = Set<String>()
            return enforced.filter { $0.action == action && seen.insert($0.rule).inserted }.map(\.rule)
        }
        if let failure = errors.first {
            return (
                .hold, score, "held for a person: rule \(failure.rule) failed on \(failure.field.rawValue): \(failure.message)"
            )
        }
        if !violations.isEmpty {
            return (.reject, score, "policy: " + violations.map(\.message).joined(separator: "; "))
        }
        let rejects = ids(.reject)
        if !rejects.isEmpty {
            return (.reject, score, "reject rule: " + rejects.joined(separator: ", "))
        }
        let holds = ids(.hold)
        if !holds.isEmpty {
            return (.hold, score, "hold rule: " + holds.joined(separator: ", "))
        }
        let approves = ids(.approve)
        if !approves.isEmpty {
            return (.approve, score, "approve rule: " + approves.joined(separator: ", "))
        }
        let scored = ids(.score).joined(separator: ", ")
        if score >= policy.scores.reject {
            return (.reject, score, "score \(score) reaches reject at \(policy.scores.reject): \(scored)")
        }
        if score >= policy.scores.hold {
            return (.hold, score, "score \(score) reaches hold at \(policy.scores.hold): \(scored)")
        }
        switch policy.mode {
        case .postModeration:
            return (.approve, score, score > 0 ? "score \(score) is below hold at \(policy.scores.hold)" : "no rule objected")
        case .preModeration:
            return (.hold, score, "pre-moderation: every comment waits for a person")
        }
    }
}

import PCRE2

/// One failed example of a rule's own tests.
public struct RuleTestFailure: Sendable, Equatable, CustomStringConvertible {
    /// The rule.
    public var ruleID: String
    /// Where the rule is defined.
    public var location: RuleLocation
    /// The example text.
    public var example: String
    /// True when the rule should have hit it, false when it should not have.
    public var expectedMatch: Bool
    /// What was matched instead, or the error, for the message.
    public var detail: String

    /// Creates a failure.
    public init(ruleID: String, location: RuleLocation, example: String, expectedMatch: Bool, detail: String) {
        self.ruleID = ruleID
        self.location = location
        self.example = example
        self.expectedMatch = expectedMatch
        self.detail = detail
    }

    /// `spam.yaml:12: rule spam.x: should match "…" but did not`.
    public var description: String {
        let expectation = expectedMatch ? "should match" : "should not match"
        return "\(location): rule \(ruleID): \(expectation) \"\(example)\" — \(detail)"
    }
}

/// Runs the `tests:` written inside rules: every `match` text must hit, every `no_match` text must not.
public struct RuleTestRunner: Sendable {
    /// The engine whose rules are tested.
    public let engine: ModerationEngine

    /// Creates a runner.
    public init(engine: ModerationEngine) {
        self.engine = engine
    }

    /// The number of examples run and every failure, in rule order.
    public func run() throws(PCRE2Error) -> (examples: Int, failures: [RuleTestFailure]) {
        let scratch = try MatchScratch()
        var failures: [RuleTestFailure] = []
        var examples = 0
        for rule in engine.ruleSet.rules {
            let field = rule.target.fields.first ?? .body
            let cases = rule.examples.match.map { ($0, true) } + rule.examples.noMatch.map { ($0, false) }
            for (example, expected) in cases {
                examples += 1
                do {
                    let hit = try engine.hit(of: rule, in: example, field: field, scratch: scratch)
                    if (hit != nil) != expected {
                        let detail =
                            hit.map { "matched " + $0.text.map { "\"\($0)\"" }.joined(separator: ", ") }
                            ?? "no match\(rule.minCount > 1 ? " (needs \(rule.minCount))" : "")"
                        failures.append(
                            RuleTestFailure(
                                ruleID: rule.id, location: rule.location, example: example,
                                expectedMatch: expected, detail: detail))
                    }
                } catch {
                    failures.append(
                        RuleTestFailure(
                            ruleID: rule.id, location: rule.location, example: example,
                            expectedMatch: expected, detail: "matching failed: \(error.message)"))
                }
            }
        }
        return (examples, failures)
    }
}

/// The engine's decision on a comment.
public enum Decision: String, Codable, Sendable, CaseIterable {
    /// Publish.
    case approve
    /// Wait for a moderator.
    case hold
    /// Never publish.
    case reject
}

/// One rule's hit in one field: where, and what the commenter wrote there.
public struct Hit: Sendable, Codable, Equatable {
    /// The rule's id.
    public var rule: String
    /// The field it hit in.
    public var field: CommentField
    /// What the rule asks for.
    public var action: RuleAction
    /// Enforce or shadow.
    public var mode: RuleMode
    /// The score added, for score rules.
    public var score: Int?
    /// Matched ranges as `[start, end)` character offsets (grapheme clusters) into the raw field.
    public var spans: [[Int]]
    /// The raw text of each span, as the commenter wrote it.
    public var text: [String]

    /// Creates a hit.
    public init(
        rule: String, field: CommentField, action: RuleAction, mode: RuleMode, score: Int?, spans: [[Int]], text: [String]
    ) {
        self.rule = rule
        self.field = field
        self.action = action
        self.mode = mode
        self.score = score
        self.spans = spans
        self.text = text
    }
}

/// A rule that could not be applied to a comment (a match limit, say): the comment is held.
public struct EngineFailure: Sendable, Codable, Equatable {
    /// The rule's id.
    public var rule: String
    /// The field being matched.
    public var field: CommentField
    /// PCRE2's message.
    public var message: String
    /// PCRE2's error code.
    public var code: Int32

    /// Creates a failure.
    public init(rule: String, field: CommentField, message: String, code: Int32) {
        self.rule = rule
        self.field = field
        self.message = message
        self.code = code
    }
}

/// The engine's verdict: decision, score, why, and which rules version decided.
public struct Verdict: Sendable, Codable, Equatable {
    /// The caller's id for the comment, echoed (check --jsonl), or the stored id.
    public var id: String?
    /// The decision.
    public var decision: Decision
    /// The summed score of enforced score rules.
    public var score: Int
    /// The hash of the rules files.
    public var rulesVersion: String
    /// Every hit, enforced and shadow, in rule order.
    public var hits: [Hit]
    /// Every policy violation.
    public var violations: [Violation]
    /// Rules that failed on this comment.
    public var errors: [EngineFailure]
    /// Why the decision came out as it did, in one sentence.
    public var reason: String

    /// Creates a verdict.
    public init(
        id: String? = nil, decision: Decision, score: Int, rulesVersion: String, hits: [Hit],
        violations: [Violation], errors: [EngineFailure], reason: String
    ) {
        self.id = id
        self.decision = decision
        self.score = score
        self.rulesVersion = rulesVersion
        self.hits = hits
        self.violations = violations
        self.errors = errors
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey {
        case id, decision, score
        case rulesVersion = "rules_version"
        case hits, violations, errors, reason
    }

    /// The enforced hits: the ones that count.
    public var enforcedHits: [Hit] {
        hits.filter { $0.mode == .enforce }
    }
}

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

/// A rule that could not be applied to a comment (a match limit, say): for an enforced rule the
/// comment is held; a shadow rule's failure is only recorded (``Verdict/shadowErrors``).
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
    /// Enforced rules that failed on this comment (each holds it).
    public var errors: [EngineFailure]
    /// Shadow rules that failed on this comment: recorded, never part of the decision.
    public var shadowErrors: [EngineFailure]
    /// Why the decision came out as it did, in one sentence.
    public var reason: String
    /// The decision the comment would have had with its shadow rules enforced (their hits and
    /// failures counting); nil when no shadow rule hit or failed, where it is ``decision``.
    public var wouldBe: Decision?

    /// Creates a verdict.
    public init(
        id: String? = nil, decision: Decision, score: Int, rulesVersion: String, hits: [Hit],
        violations: [Violation], errors: [EngineFailure], shadowErrors: [EngineFailure] = [], reason: String,
        wouldBe: Decision? = nil
    ) {
        self.id = id
        self.decision = decision
        self.score = score
        self.rulesVersion = rulesVersion
        self.hits = hits
        self.violations = violations
        self.errors = errors
        self.shadowErrors = shadowErrors
        self.reason = reason
        self.wouldBe = wouldBe
    }

    private enum CodingKeys: String, CodingKey {
        case id, decision, score
        case rulesVersion = "rules_version"
        case hits, violations, errors, reason
        case shadowErrors = "shadow_errors"
        case wouldBe = "would_be"
    }

    /// Decodes a verdict; `shadow_errors` and `would_be` may be absent (verdicts stored before them).
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        id = try values.decodeIfPresent(String.self, forKey: .id)
        decision = try values.decode(Decision.self, forKey: .decision)
        score = try values.decode(Int.self, forKey: .score)
        rulesVersion = try values.decode(String.self, forKey: .rulesVersion)
        hits = try values.decode([Hit].self, forKey: .hits)
        violations = try values.decode([Violation].self, forKey: .violations)
        errors = try values.decode([EngineFailure].self, forKey: .errors)
        shadowErrors = try values.decodeIfPresent([EngineFailure].self, forKey: .shadowErrors) ?? []
        reason = try values.decode(String.self, forKey: .reason)
        wouldBe = try values.decodeIfPresent(Decision.self, forKey: .wouldBe)
    }

    /// Encodes a verdict; `shadow_errors` only when there are some, `would_be` only when set.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encodeIfPresent(id, forKey: .id)
        try values.encode(decision, forKey: .decision)
        try values.encode(score, forKey: .score)
        try values.encode(rulesVersion, forKey: .rulesVersion)
        try values.encode(hits, forKey: .hits)
        try values.encode(violations, forKey: .violations)
        try values.encode(errors, forKey: .errors)
        if !shadowErrors.isEmpty { try values.encode(shadowErrors, forKey: .shadowErrors) }
        try values.encode(reason, forKey: .reason)
        try values.encodeIfPresent(wouldBe, forKey: .wouldBe)
    }

    /// The shadow hits: recorded, not counted.
    public var shadowHits: [Hit] {
        hits.filter { $0.mode == .shadow }
    }

    /// The enforced hits: the ones that count.
    public var enforcedHits: [Hit] {
        hits.filter { $0.mode == .enforce }
    }
}

import PCRE2

/// What a rule's hit asks for.
public enum RuleAction: String, Codable, Sendable, CaseIterable {
    /// Reject the comment.
    case reject
    /// Hold it for a moderator.
    case hold
    /// Approve it (an allow rule).
    case approve
    /// Add the rule's score to the comment's total.
    case score
}

/// Whether a rule's hits can change decisions.
public enum RuleMode: String, Codable, Sendable, CaseIterable {
    /// Hits count.
    case enforce
    /// Hits are recorded and never change the decision (a rule being measured).
    case shadow
}

/// The field or fields a rule reads.
public enum RuleTarget: String, Codable, Sendable, CaseIterable {
    /// The comment text.
    case body
    /// The name.
    case name
    /// The email address.
    case email
    /// The website.
    case url
    /// Every field.
    case any

    /// The form fields this target covers.
    public var fields: [CommentField] {
        switch self {
        case .body: [.body]
        case .name: [.name]
        case .email: [.email]
        case .url: [.url]
        case .any: CommentField.allCases
        }
    }
}

/// Texts a rule must hit and texts it must not, kept inside the rule as its evidence.
public struct RuleExamples: Sendable, Equatable {
    /// Texts the rule must hit.
    public var match: [String]
    /// Texts the rule must not hit.
    public var noMatch: [String]

    /// Creates examples.
    public init(match: [String] = [], noMatch: [String] = []) {
        self.match = match
        self.noMatch = noMatch
    }
}

/// Where a rule came from, for messages.
public struct RuleLocation: Sendable, Equatable, CustomStringConvertible {
    /// The rules file, relative to the rules folder.
    public var file: String
    /// The line of the rule's entry, when YAML gave one.
    public var line: Int?

    /// Creates a location.
    public init(file: String, line: Int?) {
        self.file = file
        self.line = line
    }

    /// `spam.yaml:12`.
    public var description: String {
        line.map { "\(file):\($0)" } ?? file
    }
}

/// One compiled rule.
public struct Rule: Sendable {
    /// Unique, stable id: `category.name`.
    public var id: String
    /// What the rule is for.
    public var description: String
    /// The field or fields it reads.
    public var target: RuleTarget
    /// The compiled pattern (a words list compiles to one alternation).
    public var pattern: Pattern
    /// The words file, for a words rule.
    public var wordsFile: String?
    /// Matches needed for a hit.
    public var minCount: Int
    /// What a hit asks for.
    public var action: RuleAction
    /// The score a hit adds, for `score` rules.
    public var score: Int
    /// Whether the pattern runs on folded text.
    public var normalize: Bool
    /// Enforce or shadow.
    public var mode: RuleMode
    /// The rule's own tests.
    public var examples: RuleExamples
    /// Where it was defined.
    public var location: RuleLocation

    /// Creates a rule.
    public init(
        id: String, description: String = "", target: RuleTarget = .body, pattern: Pattern, wordsFile: String? = nil,
        minCount: Int = 1, action: RuleAction, score: Int = 0, normalize: Bool = false, mode: RuleMode = .enforce,
        examples: RuleExamples = RuleExamples(), location: RuleLocation = RuleLocation(file: "<memory>", line: nil)
    ) {
        self.id = id
        self.description = description
        self.target = target
        self.pattern = pattern
        self.wordsFile = wordsFile
        self.minCount = minCount
        self.action = action
        self.score = score
        self.normalize = normalize
        self.mode = mode
        self.examples = examples
        self.location = location
    }
}

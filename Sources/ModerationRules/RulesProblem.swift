import PCRE2

/// One problem found while loading rules: the file, the line, the rule and what is wrong.
public struct RulesProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, relative to the rules folder.
    public var file: String
    /// The line, when YAML or the list file gave one.
    public var line: Int?
    /// The rule's id, when the problem is inside a rule.
    public var ruleID: String?
    /// What is wrong, as a sentence.
    public var message: String
    /// PCRE2's error, for a pattern that does not compile.
    public var pcre2: PCRE2Error?

    /// Creates a problem.
    public init(file: String, line: Int? = nil, ruleID: String? = nil, message: String, pcre2: PCRE2Error? = nil) {
        self.file = file
        self.line = line
        self.ruleID = ruleID
        self.message = message
        self.pcre2 = pcre2
    }

    /// `spam.yaml:12: rule spam.x: pattern does not compile: missing closing parenthesis at offset 4`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let ruleID { text += "rule \(ruleID): " }
        return text + message
    }
}

/// Rules that failed to load, with every problem found (not only the first).
public struct RulesLoadError: Error, Sendable, CustomStringConvertible {
    /// Every problem, in file order.
    public var problems: [RulesProblem]

    /// Creates an error.
    public init(problems: [RulesProblem]) {
        self.problems = problems
    }

    /// One problem a line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

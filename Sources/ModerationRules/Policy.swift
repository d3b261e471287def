import PCRE2

/// What happens to a comment that no rule objects to.
public enum ModerationMode: String, Codable, Sendable {
    /// Approve it (publish first, moderate what is flagged).
    case postModeration = "post-moderation"
    /// Hold it for a moderator.
    case preModeration = "pre-moderation"
}

/// The intake rules for one form field.
public struct FieldPolicy: Sendable {
    /// Whether the field must be present and not blank.
    public var required: Bool
    /// The longest allowed value, in the policy's unit.
    public var maxLength: Int?
    /// A pattern the whole value must match, when present.
    public var pattern: Pattern?

    /// Creates a field policy.
    public init(required: Bool, maxLength: Int? = nil, pattern: Pattern? = nil) {
        self.required = required
        self.maxLength = maxLength
        self.pattern = pattern
    }
}

/// Score thresholds: a summed score at or above `reject` rejects, at or above `hold` holds.
public struct ScoreThresholds: Sendable, Equatable {
    /// The score at which a comment is held.
    public var hold: Int
    /// The score at which a comment is rejected.
    public var reject: Int

    /// Creates thresholds.
    public init(hold: Int, reject: Int) {
        self.hold = hold
        self.reject = reject
    }
}

/// The site's comment policy: required fields, lengths, formats, thresholds and the default mode.
public struct Policy: Sendable {
    /// The decision when nothing objects.
    public var mode: ModerationMode
    /// How lengths are counted.
    public var lengthUnit: LengthUnit
    /// The rules per field; a field not listed is optional and unlimited.
    public var fields: [CommentField: FieldPolicy]
    /// Score thresholds.
    public var scores: ScoreThresholds

    /// Creates a policy.
    public init(mode: ModerationMode, lengthUnit: LengthUnit, fields: [CommentField: FieldPolicy], scores: ScoreThresholds) {
        self.mode = mode
        self.lengthUnit = lengthUnit
        self.fields = fields
        self.scores = scores
    }

    /// The site's form: name, email and comment required; 1,500 reader-visible characters.
    public static func standard() throws(PCRE2Error) -> Policy {
        Policy(
            mode: .postModeration,
            lengthUnit: .characters,
            fields: [
                .name: FieldPolicy(required: true, maxLength: 100),
                .email: FieldPolicy(required: true, maxLength: 254, pattern: try Pattern(#"\A[^@\s]+@[^@\s]+\.[^@\s]+\z"#)),
                .body: FieldPolicy(required: true, maxLength: 1500),
                .url: FieldPolicy(required: false, maxLength: 2000, pattern: try Pattern(#"\Ahttps?://\S+\z"#)),
            ],
            scores: ScoreThresholds(hold: 5, reject: 10)
        )
    }

    /// Every way `comment` breaks the policy, in form order (empty when it complies).
    public func violations(of comment: CommentInput, scratch: EngineScratch) -> [Violation] {
        violations(of: comment, scratch: scratch.match)
    }

    /// The same check with PCRE2's match data, for the engine's own passes.
    func violations(of comment: CommentInput, scratch: MatchScratch) -> [Violation] {
        var found: [Violation] = []
        for field in CommentField.allCases {
            guard let rule = fields[field] else { continue }
            let value = comment[field]
            let blank = value.map(Self.isBlank) ?? true
            if blank {
                if rule.required { found.append(Violation(field: field, problem: .required)) }
                continue
            }
            guard let value else { continue }
            if field != .body, Self.containsControl(value) {
                found.append(Violation(field: field, problem: .invalid))
                continue
            }
            // Every unit counts at most one per UTF-8 byte, so a value with no more bytes than the
            // limit is within it without counting (grapheme clusters are the costly unit).
            if let limit = rule.maxLength, value.utf8.count > limit {
                let count = lengthUnit.count(value)
                if count > limit {
                    found.append(Violation(field: field, problem: .tooLong, limit: limit, count: count, unit: lengthUnit))
                    continue
                }
            }
            if let pattern = rule.pattern {
                // A match error on a short field is treated as not matching: the comment is refused, not let through.
                let matches = (try? pattern.isMatch(value, scratch: scratch)) ?? false
                if !matches { found.append(Violation(field: field, problem: .format)) }
            }
        }
        return found
    }

    /// Whether the text is only white space (or empty). A text that starts with a printable ASCII
    /// character is answered without looking at Characters.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    /// Whether the text holds a control character (general category Cc, a set Unicode keeps fixed:
    /// U+0000–U+001F and U+007F–U+009F), checked on the UTF-8 bytes.
    static func containsControl(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) { return true }
            previous = byte
        }
        return false
    }
}

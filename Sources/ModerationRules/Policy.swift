import FieldText
import PCRE2
import TextFolding

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
    /// The most UTF-8 bytes the value may have: `max_bytes`, else ``Policy/bytesPerUnit`` times
    /// `maxLength`; nil (no limit) when neither is set.
    public var maxBytes: Int?
    /// A pattern the whole value must match, when present.
    public var pattern: Pattern?

    /// Creates a field policy; `maxBytes` defaults to ``Policy/bytesPerUnit`` times `maxLength`.
    public init(required: Bool, maxLength: Int? = nil, maxBytes: Int? = nil, pattern: Pattern? = nil) {
        self.required = required
        self.maxLength = maxLength
        self.maxBytes = maxBytes ?? maxLength.map { $0.multipliedReportingOverflow(by: Policy.bytesPerUnit).partialValue }
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

    /// The most Unicode scalars one character (extended grapheme cluster) of a field may hold.
    ///
    /// Real text stays far below it: a Devanagari conjunct with vowel sign and Vedic accents
    /// (र्त्स्न्यँ॑) has about 13, Arabic or Urdu letters with harakat 2–4, a family emoji with
    /// skin tones (👨🏻‍👩🏻‍👧🏻‍👦🏻) 11, a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿) 7. Unicode's stream-safe text
    /// format (UAX #15) caps a run of combining marks at 30; 32 is that plus a base and a prepended
    /// mark. Past it the text is a stack of marks piled on one letter ("zalgo"), which reads as
    /// nothing and, unbounded, hides 100 KB behind one character of the length limit.
    public static let maxScalarsPerCharacter = 32

    /// The bytes allowed per unit of `max_length` when a field sets no `max_bytes`: 16, four
    /// scalars of four bytes. Ordinary text uses 1–3 bytes a character (Urdu about 2, Devanagari about
    /// 6 to 9); only a text of nothing but long emoji sequences needs more than 16 on average.
    public static let bytesPerUnit = 16

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
            if let scalar = ControlCharacters.firstRefused(in: value, allowsLineBreaks: field == .body) {
                found.append(Violation(field: field, problem: .invalid, character: scalar.value))
                continue
            }
            if let count = Self.longestCharacter(value, over: Self.maxScalarsPerCharacter) {
                found.append(
                    Violation(field: field, problem: .characterTooLong, limit: Self.maxScalarsPerCharacter, count: count))
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
            if let limit = rule.maxBytes, value.utf8.count > limit {
                found.append(Violation(field: field, problem: .tooManyBytes, limit: limit, count: value.utf8.count))
                continue
            }
            if let pattern = rule.pattern {
                // A match error on a short field is treated as not matching: the comment is refused, not let through.
                let matches = (try? pattern.isMatch(value, scratch: scratch)) ?? false
                if !matches { found.append(Violation(field: field, problem: .format)) }
            }
        }
        return found
    }

    /// Whether the text shows nothing: empty, or only white space, control, format and invisible
    /// characters (``BlankText``, the one definition intake and the engine share).
    static func isBlank(_ text: String) -> Bool {
        BlankText.isBlank(text)
    }

    /// The scalar count of the first character of `text` that has more than `bound` scalars, or nil.
    ///
    /// Walking grapheme clusters costs; a scan of the UTF-8 bytes answers most texts first. A
    /// cluster holds at most one ASCII scalar (CR LF aside): a break comes before every ASCII
    /// scalar except after CR or a Prepend character, and after every ASCII scalar except before
    /// Extend, ZWJ or SpacingMark (all non-ASCII). So no cluster is longer than two runs of
    /// non-ASCII scalars and one ASCII scalar between them, or than CR LF's two, and when that is
    /// within the bound, no cluster can exceed it.
    static func longestCharacter(_ text: String, over bound: Int) -> Int? {
        var run = 0
        var longest = 0
        for byte in text.utf8 {
            if byte < 0x80 {
                run = 0
            } else if byte >= 0xC0 {
                run += 1
                if run > longest { longest = run }
            }
        }
        guard max(2, 2 * longest + 1) > bound else { return nil }
        for character in text {
            var count = 0
            for _ in character.unicodeScalars {
                count += 1
            }
            if count > bound { return count }
        }
        return nil
    }
}

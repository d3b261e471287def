import PCRE2
import Testing

@testable import ModerationRules

@Suite("Form policy")
struct PolicyTests {
    let policy = try! Policy.standard()
    let scratch = try! MatchScratch()

    /// 1,500 reader-visible characters mixing multi-scalar characters: family emoji, e + combining accent, Urdu with marks.
    static func mixedText(characters: Int) -> String {
        let pieces = ["👨‍👩‍👧‍👦", "e\u{301}", "بِ", "ś", "a", "🇵🇰"]
        return String((0..<characters).map { Character(pieces[$0 % pieces.count]) })
    }

    @Test("1,500 reader-visible characters pass; 1,501 get a violation naming 1,500")
    func lengthEdge() {
        let ok = Self.mixedText(characters: 1500)
        #expect(ok.count == 1500)
        #expect(ok.unicodeScalars.count > 1500)
        #expect(policy.violations(of: comment(ok), scratch: scratch).isEmpty)
        let long = Self.mixedText(characters: 1501)
        let violations = policy.violations(of: comment(long), scratch: scratch)
        #expect(violations == [Violation(field: .body, problem: .tooLong, limit: 1500, count: 1501, unit: .characters)])
        #expect(violations.first?.message == "body: 1,501 characters, the limit is 1,500")
    }

    @Test(
        "the unit is configurable: scalars and UTF-16 count what they say",
        arguments: [
            (LengthUnit.characters, 1), (.scalars, 7), (.utf16, 11),
        ])
    func units(unit: LengthUnit, expected: Int) {
        #expect(unit.count("👨‍👩‍👧‍👦") == expected)
    }

    @Test(
        "a missing or blank field gets its own violation",
        arguments: [
            CommentField.name, .email, .body,
        ])
    func requiredFields(field: CommentField) {
        for blank in [nil, "", "   \n\t"] as [String?] {
            var input = comment("long live Pakistan army")
            switch field {
            case .name: input.name = blank
            case .email: input.email = blank
            case .body: input.body = blank
            case .url: input.url = blank
            }
            #expect(policy.violations(of: input, scratch: scratch) == [Violation(field: field, problem: .required)])
        }
    }

    @Test("missing name and email are reported together, in form order")
    func severalViolations() {
        let input = CommentInput(body: "hello")
        #expect(policy.violations(of: input, scratch: scratch).map(\.field) == [.name, .email])
    }

    @Test(
        "the email must have a plausible form",
        arguments: [
            ("reader@example.com", true), ("ریڈر@مثال.پاک", true), ("reader@example", false), ("reader example.com", false),
            ("a@b@c.d", false),
        ])
    func emailFormat(email: String, valid: Bool) {
        var input = comment("hi")
        input.email = email
        #expect(policy.violations(of: input, scratch: scratch).isEmpty == valid)
    }

    @Test("an optional url is checked only when given")
    func optionalURL() {
        var input = comment("hi")
        input.url = "https://example.com/a"
        #expect(policy.violations(of: input, scratch: scratch).isEmpty)
        input.url = "javascript:alert(1)"
        #expect(policy.violations(of: input, scratch: scratch) == [Violation(field: .url, problem: .format)])
    }

    @Test("control characters in a name are refused")
    func controlCharacters() {
        var input = comment("hi")
        input.name = "Reader\u{7}"
        #expect(policy.violations(of: input, scratch: scratch) == [Violation(field: .name, problem: .invalid)])
    }
}

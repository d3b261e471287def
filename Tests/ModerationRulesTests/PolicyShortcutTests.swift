import PCRE2
import Testing

@testable import ModerationRules

/// The shortcuts `Policy.violations` takes on bytes, against the Character and scalar checks they stand for.
@Suite("Form policy shortcuts")
struct PolicyShortcutTests {
    /// Texts whose first, last and only characters cover ASCII, Latin-1 controls, white space and clusters.
    static let texts: [String] = {
        var texts = [
            "", " ", "a", " a", "a ", "\t\n", "\u{85}", "\u{A0}x", "\u{2028}", "\u{3000}", "e\u{301}", "\r\n",
            "\u{1F468}\u{200D}\u{1F469}", "بِ", "x\u{7F}", "\u{80}", "\u{9F}y", "\u{A0}", "\u{AD}", "\u{200B}",
            "\u{FEFF}", "~", "!", "a\u{0}b", "\u{1F}", " \u{301}", "\u{301}",
        ]
        for value in 0..<0x300 where !(0xD800..<0xE000).contains(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            texts.append(String(scalar))
            texts.append("ab" + String(scalar) + "cd")
            texts.append(String(scalar) + " ")
        }
        return texts
    }()

    @Test("control characters: the byte check equals general category Cc")
    func controls() {
        for text in Self.texts {
            let expected = text.unicodeScalars.contains { $0.properties.generalCategory == .control }
            #expect(Policy.containsControl(text) == expected, "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test("blank: the ASCII shortcut equals allSatisfy(isWhitespace)")
    func blank() {
        for text in Self.texts {
            #expect(Policy.isBlank(text) == text.allSatisfy(\.isWhitespace), "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test(
        "length: a value at most `limit` bytes is within the limit in every unit, and counting starts past it",
        arguments: LengthUnit.allCases)
    func length(unit: LengthUnit) throws {
        for text in Self.texts + ["👨‍👩‍👧‍👦", "🇵🇰🇵🇰", "é́́", String(repeating: "ی", count: 40)] {
            #expect(unit.count(text) <= text.utf8.count)
            for limit in [0, 1, 2, unit.count(text), text.utf8.count - 1, text.utf8.count] where limit >= 0 {
                var policy = try Policy.standard()
                policy.lengthUnit = unit
                policy.fields = [.body: FieldPolicy(required: false, maxLength: limit)]
                let blank = text.allSatisfy(\.isWhitespace)
                let expected =
                    !blank && unit.count(text) > limit
                    ? [Violation(field: .body, problem: .tooLong, limit: limit, count: unit.count(text), unit: unit)] : []
                #expect(policy.violations(of: CommentInput(body: text), scratch: try MatchScratch()) == expected)
            }
        }
    }
}

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

    /// The control character a field may not hold, from the scalars' general category: in the body
    /// every Cc but tab, line feed and a CR followed by LF; elsewhere every Cc.
    static func refusedControl(_ text: String, lineBreaks: Bool) -> UInt32? {
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar.properties.generalCategory == .control {
            if lineBreaks {
                if scalar == "\t" || scalar == "\n" { continue }
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { continue }
            }
            return scalar.value
        }
        return nil
    }

    /// Whether every scalar is white space, Cc, Cf, Default_Ignorable or the braille blank.
    static func showsNothing(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy {
            let properties = $0.properties
            return properties.isWhitespace || properties.generalCategory == .control || properties.generalCategory == .format
                || properties.isDefaultIgnorableCodePoint || $0.value == 0x2800
        }
    }

    @Test("control characters: the byte check names the Cc scalar the scalar check finds, body and name alike")
    func controls() throws {
        var policy = try Policy.standard()
        policy.fields = [.name: FieldPolicy(required: false), .body: FieldPolicy(required: false)]
        let scratch = try MatchScratch()
        for text in Self.texts + ["a\r", "\r\r\n", "a\r\nb\rc", "\r\n\r\n"] where !Policy.isBlank(text) {
            for field in [CommentField.name, .body] {
                let input = field == .body ? CommentInput(body: text) : CommentInput(name: text)
                let found = policy.violations(of: input, scratch: scratch).first { $0.problem == .invalid }
                #expect(
                    found?.character == Self.refusedControl(text, lineBreaks: field == .body),
                    "\(field) \(text.unicodeScalars.map { $0.value })")
            }
        }
    }

    @Test("blank: the ASCII shortcut and the scalar table equal the Unicode properties")
    func blank() {
        for text in Self.texts + ["\u{200B}\u{200D}\u{FEFF}\u{2060}\u{200F}\u{2800}\u{3164}\u{AD}\u{FE0F}", "\u{2800}a"] {
            #expect(Policy.isBlank(text) == Self.showsNothing(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test("the longest character: the byte-run shortcut agrees with walking the characters", arguments: [1, 2, 3, 4, 7, 32])
    func longestCharacter(bound: Int) {
        let extra = [
            "👨🏻‍👩🏻‍👧🏻‍👦🏻", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "a" + String(repeating: "\u{301}", count: 40),
            "\u{600}a\u{301}\u{302}",
            "x\u{600}" + String(repeating: "\u{301}", count: 20) + "y" + String(repeating: "\u{302}", count: 20),
            String(repeating: "ی", count: 40), "र्त्स्न्यँ॑", "\r\n",
        ]
        for text in Self.texts + extra {
            let first = text.first { $0.unicodeScalars.count > bound }
            #expect(
                Policy.longestCharacter(text, over: bound) == first.map { $0.unicodeScalars.count },
                "\(text.unicodeScalars.map { $0.value })")
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
                policy.fields = [.body: FieldPolicy(required: false, maxLength: limit, maxBytes: .max)]
                if Self.showsNothing(text) || Self.refusedControl(text, lineBreaks: true) != nil { continue }
                let expected =
                    unit.count(text) > limit
                    ? [Violation(field: .body, problem: .tooLong, limit: limit, count: unit.count(text), unit: unit)] : []
                #expect(policy.violations(of: CommentInput(body: text), scratch: try MatchScratch()) == expected)
            }
        }
    }
}

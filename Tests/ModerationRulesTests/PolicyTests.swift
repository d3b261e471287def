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
        #expect(policy.violations(of: input, scratch: scratch) == [Violation(field: .name, problem: .invalid, character: 7)])
    }

    /// The invisible and filler characters a spammer fills a required field with.
    static let invisibles: [Unicode.Scalar] = [
        "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{2060}", "\u{200E}", "\u{200F}", "\u{2800}", "\u{3164}", "\u{FFA0}",
        "\u{115F}", "\u{AD}", "\u{FE0F}", "\u{34F}", "\u{180E}", "\u{2061}", "\u{202E}", "\u{E0020}", "\u{1D173}", "\u{3000}",
        "\u{A0}",
    ]

    @Test(
        "a required field of only invisible, format or filler characters is blank", arguments: [CommentField.name, .email, .body])
    func invisibleOnly(field: CommentField) {
        let all = String(String.UnicodeScalarView(Self.invisibles))
        for blank in Self.invisibles.map { String($0) } + [all, " \u{200B} \n\u{2800}\u{3164}"] {
            var input = comment("long live Pakistan army")
            switch field {
            case .name: input.name = blank
            case .email: input.email = blank
            case .body: input.body = blank
            case .url: input.url = blank
            }
            let violations = policy.violations(of: input, scratch: scratch)
            #expect(violations == [Violation(field: field, problem: .required)], "\(blank.unicodeScalars.map { $0.value })")
            #expect(violations.first?.message == "\(field.rawValue): required, and missing or blank")
        }
        // One visible character among them is enough.
        var input = comment("ok\u{200B}")
        input.name = "\u{200B}R\u{200B}"
        #expect(policy.violations(of: input, scratch: scratch).isEmpty)
    }

    @Test("one character of a and 60,000 combining marks is refused, in the body and in the name")
    func stackedMarks() {
        let stacked = "a" + String(repeating: "\u{301}", count: 60_000)
        #expect(stacked.count == 1)
        let body = policy.violations(of: comment(stacked), scratch: scratch)
        #expect(body == [Violation(field: .body, problem: .characterTooLong, limit: 32, count: 60_001)])
        #expect(body.first?.message == "body: a character made of 60,001 code points, the limit is 32 a character")
        var input = comment("hello")
        input.name = "R" + String(repeating: "\u{301}", count: 33)
        #expect(
            policy.violations(of: input, scratch: scratch) == [
                Violation(field: .name, problem: .characterTooLong, limit: 32, count: 34)
            ])
        input.name = "R" + String(repeating: "\u{301}", count: 31)
        #expect(policy.violations(of: input, scratch: scratch).isEmpty)
    }

    @Test(
        "real scripts stay within the scalars-per-character bound",
        arguments: [
            "اُردُو زَبان بَہُت مِیٹھی ہے، شُکرِیَّہ", "قُرْآنٌ كَرِيمٌ مُحَمَّدٌ ﷺ", "संस्कृतम् कार्त्स्न्यँ॑ क्ष्म्य र्त्स्न्य", "ཧྐྵྨླྺྼཻྂ བཀྲ་ཤིས",
            "👨‍👩‍👧‍👦 👨🏻‍👩🏻‍👧🏻‍👦🏻 👩🏻‍❤️‍💋‍👨🏼 🫱🏻‍🫲🏿 🏳️‍🌈 🏴‍☠️", "🇵🇰🇺🇸🇮🇳 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "Tiếng Việt có dấu: Người ở đâu?", "עִבְרִית בְּרֵאשִׁית֮ בָּרָ֣א", "ภาษาไทย น้ำ ที่", "한국어 ᄀᆞᆫ",
        ])
    func realScripts(text: String) {
        let longest = text.map { $0.unicodeScalars.count }.max() ?? 0
        #expect(longest <= Policy.maxScalarsPerCharacter)
        #expect(policy.violations(of: comment(text), scratch: scratch).isEmpty, "longest character: \(longest) scalars")
    }

    @Test("a body over its byte limit is refused even within 1,500 characters; max_bytes defaults to 16 a character")
    func bytes() {
        #expect(policy.fields[.body]?.maxBytes == 24_000)
        #expect(policy.fields[.name]?.maxBytes == 1_600)
        let heavy = String(repeating: "👨🏻‍👩🏻‍👧🏻‍👦🏻", count: 600)
        #expect(heavy.count == 600)
        let violations = policy.violations(of: comment(heavy), scratch: scratch)
        #expect(violations == [Violation(field: .body, problem: .tooManyBytes, limit: 24_000, count: heavy.utf8.count)])
        #expect(heavy.utf8.count == 24_600)
        #expect(violations.first?.message == "body: 24,600 bytes, the limit is 24,000")
        #expect(policy.violations(of: comment(String(repeating: "👨🏻‍👩🏻‍👧🏻‍👦🏻", count: 500)), scratch: scratch).isEmpty)
    }

    @Test(
        "control characters in the body: NUL, other C0, DEL, C1 and a lone CR are refused naming the character",
        arguments: [
            ("nice article\u{0}<script>", 0x0), ("a\u{1B}[2Kb", 0x1B), ("a\u{7F}", 0x7F), ("quote \u{92}s", 0x92),
            ("line\u{85}next", 0x85), ("old mac\rline", 0x0D), ("ends in CR\r", 0x0D), ("ok\r\n\u{8}", 0x08),
        ] as [(String, UInt32)])
    func bodyControls(text: String, scalar: UInt32) {
        let violations = policy.violations(of: comment(text), scratch: scratch)
        #expect(violations == [Violation(field: .body, problem: .invalid, character: scalar)])
        let hex = String(scalar, radix: 16, uppercase: true)
        let name = "U+" + String(repeating: "0", count: 4 - hex.count) + hex
        #expect(
            violations.first?.message
                == "body: contains the control character \(name), which is not allowed (only tab and line breaks are)")
    }

    @Test("tab, line feed and CR LF line breaks are the body's only control characters, and the name has none")
    func lineBreaks() {
        #expect(policy.violations(of: comment("first line\r\nsecond\tcolumn\nthird\r\n\r\n"), scratch: scratch).isEmpty)
        var input = comment("hello")
        input.name = "Reader\tTwo"
        #expect(policy.violations(of: input, scratch: scratch) == [Violation(field: .name, problem: .invalid, character: 9)])
        #expect(
            policy.violations(of: input, scratch: scratch).first?.message
                == "name: contains the control character U+0009, which is not allowed")
    }
}

import PCRE2
import TestSupport
import Testing

@testable import ModerationRules
@testable import RulePrefilter

@Suite("Feature requirements: category counts and runs")
struct FeatureRequirementTests {
    static func requirement(_ pattern: String, caseless: Bool = false) -> FeatureRequirement? {
        FeatureRequirement.of(pattern: pattern, caseless: caseless, extended: false)
    }

    static func minimum(_ pattern: String, _ mask: UInt8, caseless: Bool = false) -> Int? {
        requirement(pattern, caseless: caseless)?.counts.first { $0.mask == mask }?.minimum
    }

    @Test("counted classes need that many scalars of their categories")
    func counts() {
        #expect(
            Self.minimum(
                #"\p{Lu}{12,}"#, ScalarCategories.upperASCII | ScalarCategories.otherNonASCII | ScalarCategories.cyrillic) == 12)
        #expect(Self.minimum("[A-Z]{15,}", ScalarCategories.upperASCII) == 15)
        #expect(Self.minimum(#"\b[A-Z]{3,}(?:\s+[A-Z]{3,}){4,}\b"#, ScalarCategories.upperASCII) == 15)
        #expect(Self.minimum(#"\b\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"#, ScalarCategories.digits) == 10)
        #expect(Self.minimum(#"\b\p{Latin}+\p{Cyrillic}+"#, ScalarCategories.cyrillic) == 1)
        #expect(Self.minimum(#"(?i)\b\p{Latin}+\p{Cyrillic}+"#, ScalarCategories.cyrillic, caseless: true) == 1)
        #expect(
            Self.minimum(
                "[[:upper:]]{3}", ScalarCategories.upperASCII | ScalarCategories.otherNonASCII | ScalarCategories.cyrillic) == 3)
        // An alternation needs what its weakest branch needs.
        #expect(Self.minimum("[A-Z]{5}|[A-Z]{2}x", ScalarCategories.upperASCII) == 2)
        // Optional parts and lookarounds need nothing.
        #expect(Self.minimum("(?=[A-Z]{9})x[A-Z]{0,5}", ScalarCategories.upperASCII) == nil)
        #expect(Self.requirement("(?=[A-Z]{9})[A-Z]{0,5}") == nil)
    }

    @Test("caseless matching widens cased categories, inline (?i) too")
    func caseless() {
        let cased = ScalarCategories.cased
        #expect(Self.minimum("[A-Z]{15,}", ScalarCategories.upperASCII, caseless: true) == nil)
        #expect(Self.minimum("[A-Z]{15,}", cased, caseless: true) == 15)
        #expect(Self.minimum("(?i:x)[A-Z]{15,}", ScalarCategories.upperASCII) == nil)
        #expect(Self.minimum("(?-i)[A-Z]{4}", ScalarCategories.upperASCII) == nil)
        // Digits have no case.
        #expect(Self.minimum(#"\d{7,}"#, ScalarCategories.digits, caseless: true) == 7)
    }

    @Test("a captured character and its backreferences are a run")
    func runs() {
        #expect(Self.requirement(#"(.)\1{5,}"#)?.exactRun == 6)
        #expect(Self.requirement(#"([!?.])\1{3,}"#)?.exactRun == 4)
        #expect(Self.requirement(#"x(a)\1\1"#)?.exactRun == 3)
        #expect(Self.requirement(#"(?<r>.)\g{1}\g1"#)?.exactRun == 3)
        let caseless = Self.requirement(#"(?i)([a-z])\1{3,}"#)
        #expect(caseless?.caselessRun == 4)
        #expect(caseless?.exactRun == 1)
        // A caseless capture of anything may repeat as other scalars of one case class: no run known.
        #expect(Self.requirement(#"(.)\1{5,}"#, caseless: true)?.caselessRun ?? 1 == 1)
        // Group numbers are not trusted after (?| or the n option; named and relative references are not followed.
        #expect(Self.requirement(#"(?|(a)|(b))(.)\1\1"#)?.exactRun ?? 1 == 1)
        #expect(Self.requirement(#"(?n)(a)(.)\1\1"#)?.exactRun ?? 1 == 1)
        #expect(Self.requirement(#"(?<x>.)\k<x>\k<x>"#)?.exactRun ?? 1 == 1)
        #expect(Self.requirement(#"(.)\g{-1}\g{-1}"#)?.exactRun ?? 1 == 1)
        // The reference must follow its own group, one character wide.
        #expect(Self.requirement(#"(.)(.)\1\1"#)?.exactRun ?? 1 == 1)
        #expect(Self.requirement(#"(..)\1\1"#)?.exactRun ?? 1 == 1)
        #expect(Self.requirement(#"(.)\1{5}|z"#)?.exactRun ?? 1 == 1)
    }

    @Test("a run of one class needs that many scalars of its categories one after another")
    func consecutive() {
        func run(_ pattern: String, _ mask: UInt8, caseless: Bool = false) -> Int? {
            Self.requirement(pattern, caseless: caseless)?.consecutive.first { $0.mask == mask }?.minimum
        }
        // `\d` is every decimal digit: ASCII, Arabic-Indic and the rest (other non-ASCII).
        let alnum = ScalarCategories.upperASCII | ScalarCategories.lowerASCII | ScalarCategories.digits
        #expect(run(#"\b(?=[A-Za-z\d]*\d)(?=[A-Za-z\d]*[a-z])[A-Za-z\d]{14,}\b"#, alnum) == 14)
        #expect(
            run(#"\p{Lu}{12,}"#, ScalarCategories.upperASCII | ScalarCategories.otherNonASCII | ScalarCategories.cyrillic) == 12)
        #expect(run(#"\d{3}(?:-)?\d{4}"#, ScalarCategories.digits) == 4)
        #expect(run(#"\d{3}\b\d{4}"#, ScalarCategories.digits) == 7)
        #expect(run(#"[A-Z]{2}(?:[A-Z]{3}|[A-Z]{5})"#, ScalarCategories.upperASCII) == 5)
        #expect(
            run(#"[A-Z]{2}(?:[A-Z]{3}|x)"#, ScalarCategories.upperASCII) == 2
                || run(#"[A-Z]{2}(?:[A-Z]{3}|x)"#, ScalarCategories.upperASCII) == nil)
        #expect(run(#"[A-Z]{4}|[A-Z]{2}"#, ScalarCategories.upperASCII) == nil)
        #expect(run(#"(?:[A-Z]{4})?"#, ScalarCategories.upperASCII) == nil)
        #expect(run(#"[A-Z](.)[A-Z]{2}"#, ScalarCategories.upperASCII) == nil)
        // Caseless widens letters to every cased category.
        #expect(run("[a-z]{6}", ScalarCategories.lowerASCII, caseless: true) == nil)
        #expect(run("[a-z]{6}", ScalarCategories.cased, caseless: true) == 6)
    }

    @Test("runs within a mask are measured on the text")
    func consecutiveText() {
        let mask = ScalarCategories.upperASCII | ScalarCategories.otherNonASCII
        var requirement = FeatureRequirement()
        requirement.consecutive = [(mask, 5)]
        for (text, met) in [
            ("ABCD efgh IJKL", false), ("ABCDÉ", true), ("AB CDE FGHIJ", true), ("ABCD", false),
            ("abcde", false), ("", false),
        ] {
            #expect(requirement.isMet(by: TextFeatures(text)) == met, "\(text)")
        }
        let features = TextFeatures("١٢٣٤ 12345 ١٢٣٤٥٦x")
        #expect(features.longestRun(within: ScalarCategories.digit) == 6)
        #expect(features.longestRun(within: ScalarCategories.otherASCII) == 1)
        #expect(features.longestRun(within: ScalarCategories.arabic) == 0)
        #expect(features.longestRun(within: ScalarCategories.digit | ScalarCategories.otherASCII) == 17)
        #expect(TextFeatures("").longestRun(within: ScalarCategories.all) == 0)
    }

    @Test("a capture, white space, its reference and white space need a repeated token")
    func repeatedTokenPatterns() {
        #expect(Self.requirement(#"\b(\w+)\s+\1\s+\1\b"#)?.tokenChain == 3)
        #expect(Self.requirement(#"\b(\w+)\s+\1\s+(?:\1)?"#)?.tokenChain == 2)
        #expect(Self.requirement(#"(?:(\d)\s\1\s\1|(\w)\s\2\s)"#)?.tokenChain == 2)
        #expect(Self.requirement(#"\b(\w+)\s+\1\s+\1\b"#)?.repeatedToken == .exact)
        #expect(Self.requirement(#"(?i)\b(\w+)\s+\1\s+\1\b"#)?.repeatedToken == .caseless)
        #expect(Self.requirement(#"([a-z]+)[\h]+\1[[:space:]]"#, caseless: true)?.repeatedToken == .caseless)
        #expect(Self.requirement(#"x(?:(\d{2,})\s+\1\s+|zz)"#)?.repeatedToken ?? .none == FeatureRequirement.TokenRepeat.none)
        #expect(Self.requirement(#"(?:(\d{2,})\s+\1\s+|(\w)\s\2\n)"#)?.repeatedToken == .exact)
        // No white space after the reference, a capture that may hold white space or nothing, a
        // separator that may be something else, a relative reference: nothing known.
        #expect(Self.requirement(#"(\w+)\s+\1"#)?.repeatedToken ?? .none == FeatureRequirement.TokenRepeat.none)
        #expect(Self.requirement(#"(.+)\s+\1\s"#)?.repeatedToken ?? .none == FeatureRequirement.TokenRepeat.none)
        #expect(Self.requirement(#"([\w ]+)\s+\1\s"#)?.repeatedToken ?? .none == FeatureRequirement.TokenRepeat.none)
        #expect(Self.requirement(#"(\w*)\s+\1\s"#)?.repeatedToken ?? .none == FeatureRequirement.TokenRepeat.none)
        #expect(Self.requirement(#"(\w+)\W+\1\s"#)?.repeatedToken ?? .none == FeatureRequirement.TokenRepeat.none)
        #expect(Self.requirement(#"(\w+)\s*\1\s"#)?.repeatedToken ?? .none == FeatureRequirement.TokenRepeat.none)
        #expect(Self.requirement(#"(\w+)\s+\g{-1}\s"#)?.repeatedToken ?? .none == FeatureRequirement.TokenRepeat.none)
        #expect(Self.requirement(#"(\w+)\s+\1\s|x"#)?.repeatedToken ?? .none == FeatureRequirement.TokenRepeat.none)
    }

    @Test("repeated tokens are found in text, with case when asked")
    func repeatedTokenText() {
        func chain(_ text: String, caseless: Bool = false) -> Int? {
            let features = TextFeatures(text, tokens: caseless ? .caseless : .exact)
            return caseless ? features.repeatedCaselessTokens : features.repeatedTokens
        }
        func found(_ text: String, caseless: Bool = false) -> Bool? {
            chain(text, caseless: caseless).map { $0 >= 2 }
        }
        #expect(found("no no") == true)
        #expect(found("(ago go!") == false)
        #expect(found("(ago go !") == true)
        #expect(found("one two three") == false)
        #expect(found("go\u{A0}go") == true)
        #expect(found("go\u{3000}\tgo") == true)
        #expect(found("go\u{200B}go") == false)
        #expect(found("Go go") == false)
        #expect(found("Go go", caseless: true) == true)
        #expect(found("ΣΑΣ σας", caseless: true) == true)
        #expect(found("MAR\u{212A} mark", caseless: true) == true)
        #expect(found("bookkeeper keeper") == true)
        #expect(found("keeper bookkeeper") == false)
        #expect(found("ab a", caseless: true) == false)
        #expect(TextFeatures("no no").repeatedTokens == nil)
        #expect(chain("go go go") == 3)
        #expect(chain("ago go gone") == 3)
        #expect(chain("ago go og") == 2)
        #expect(chain("go go x go go") == 2)
        #expect(chain("Go GO gO", caseless: true) == 3)
        #expect(chain("Go GO gO") == 0)
        #expect(chain("MAR\u{212A} mark markup", caseless: true) == 3)
        #expect(chain("a b c") == 0)
        #expect(found("ab\u{1680}b\u{2029}") == true)
        #expect(found("ab\u{1681}b") == false)
        #expect(found("x\u{17F} S", caseless: true) == true)
    }

    @Test("text features count categories and runs as PCRE2 sees them")
    func textFeatures() {
        let features = TextFeatures("AB cd 12 ٣۷ سلام Жж 👍 ſSsK\u{212A}k!!!")
        #expect(features.count(in: ScalarCategories.upperASCII) == 4)
        #expect(features.count(in: ScalarCategories.digit) == 4)
        #expect(features.count(in: ScalarCategories.arabic) == 4)
        #expect(features.count(in: ScalarCategories.otherNonASCII) == 3)
        #expect(features.count(in: ScalarCategories.cyrillic) == 2)
        #expect(features.longestRun == 3)
        #expect(features.longestCaselessRun == 3)
        #expect(TextFeatures("aAaA\u{212A}").longestCaselessRun == 4)
        #expect(TextFeatures("").longestRun == 0)
    }

    /// The features pass keeps segments of one category and measures runs within a mask over them;
    /// a plain count, scalar by scalar, must agree for every mask, on random texts of every category.
    @Test("runs within masks agree with a count scalar by scalar")
    func runsWithinMasks() {
        var rng = PrefilterRandom(state: 7)
        let masks: [UInt8] = [
            ScalarCategories.upperASCII, ScalarCategories.upperASCII | ScalarCategories.otherNonASCII | ScalarCategories.cyrillic,
            ScalarCategories.digits, ScalarCategories.lowerASCII | ScalarCategories.upperASCII | ScalarCategories.digit,
            ScalarCategories.arabic, ScalarCategories.otherASCII, ScalarCategories.cyrillic,
            ScalarCategories.all ^ ScalarCategories.otherASCII,
        ]
        for _ in 0..<500 {
            let text = String(
                (0..<Int.random(in: 0...300, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng)! }.joined())
            let features = TextFeatures(text)
            for mask in masks {
                var run = 0
                var best = 0
                for scalar in text.unicodeScalars {
                    run = mask & ScalarCategories.of(scalar.value) != 0 ? run + 1 : 0
                    best = max(best, run)
                }
                #expect(features.longestRun(within: mask) == best, "\(text.debugDescription) \(mask)")
            }
        }
    }

    @Test("category masks of ranges cover the partition's edges")
    func rangeMasks() {
        #expect(ScalarCategories.mask(of: 0x41...0x41) == ScalarCategories.upperASCII)
        #expect(ScalarCategories.mask(of: 0x660...0x669) == ScalarCategories.digit)
        #expect(ScalarCategories.mask(of: 0x65F...0x660) == ScalarCategories.arabic | ScalarCategories.digit)
        #expect(ScalarCategories.mask(of: 0x7F...0x80) == ScalarCategories.otherASCII | ScalarCategories.otherNonASCII)
        #expect(ScalarCategories.mask(of: 0xFEFF...0xFF00) == ScalarCategories.arabic | ScalarCategories.otherNonASCII)
        #expect(ScalarCategories.mask(of: 0x3FF...0x400) == ScalarCategories.otherNonASCII | ScalarCategories.cyrillic)
        #expect(ScalarCategories.mask(of: 0x410...0x44F) == ScalarCategories.cyrillic)
        for value: UInt32 in [0x30, 0x5A, 0x600, 0x6F9, 0x6FA, 0x74F, 0x750, 0x8FF, 0x900, 0xFB4F, 0xFB50, 0xFE6F, 0x1F44D]
            + ScalarCategories.edges
        {
            #expect(ScalarCategories.mask(of: value...value) == ScalarCategories.of(value), "U+\(String(value, radix: 16))")
        }
    }

    /// Every class the parser gives categories of its own, against PCRE2 (UTF + UCP, caseless or
    /// not) on every scalar: each scalar the class matches is in one of its categories. A category
    /// missing from a class would undercount a text, and skip a rule that matches.
    @Test(
        "class categories hold every scalar PCRE2 matches",
        arguments: [
            #"\p{Cyrillic}"#, #"\p{Cyrl}"#, #"\p{Greek}"#, #"\p{Han}"#, #"\p{Hebrew}"#, #"\p{Devanagari}"#,
            #"\p{Arabic}"#, #"\p{Lu}"#, #"\p{Ll}"#, #"\p{Lt}"#, #"\p{Nd}"#, #"\d"#, #"\s"#, #"\h"#, #"\v"#,
            "[[:upper:]]", "[[:lower:]]", "[[:digit:]]", "[[:space:]]", "[а-яё]", #"[\x{400}-\x{4FF}]"#, "[a-z]",
        ])
    func classCategories(_ pattern: String) throws {
        var all = String.UnicodeScalarView()
        for value in UInt32(0x80)..<0x11_0000 { if let scalar = Unicode.Scalar(value) { all.append(scalar) } }
        let text = String(all)
        let utf8 = Array(text.utf8)
        let scratch = try MatchScratch()
        for caseless in [false, true] {
            guard case .atom(let atom)? = LiteralPatternParser.parse(pattern) else {
                Issue.record("\(pattern) is not one atom")
                return
            }
            let mask = atom.categories(caseless: caseless)
            var missed = 0
            for range in try Pattern(pattern, options: caseless ? .caseless : []).matches(in: text, scratch: scratch) {
                let value = utf8.withUnsafeBufferPointer { UTF8Scalar.decode($0, at: range.lowerBound).0 }
                if mask & ScalarCategories.of(value) == 0 { missed += 1 }
            }
            #expect(missed == 0, "\(pattern) caseless: \(caseless)")
        }
    }

    static let alphabet: [String] = [
        "a", "A", "b", "B", "k", "K", "\u{212A}", "s", "S", "ſ", "z", "Z", "1", "7", "٣", "۷", "５", "३",
        "!", "?", ".", " ", "\n", "\u{A0}", "Ж", "ж", "Σ", "σ", "ς", "س", "ل", "َ", "👍", "É", "é", "_", "-",
    ]

    static let pieces: [String] = [
        "a", "A", "k", "s", "Ж", "س", "1", "!", ".", "\\.", "\\d", "\\w", "\\s", "\\h", "\\R", "\\W", ".",
        "\\p{Lu}", "\\p{Ll}", "\\p{Cyrillic}", "\\p{Arabic}", "\\p{Nd}", "\\p{L}", "[[:upper:]]", "[[:lower:]]",
        "[[:digit:]]", "[[:space:]]", "[A-Z]", "[a-z]", "[0-9]", "[^a-z]", "[A-Z\\s!?.]", "[\\x{600}-\\x{6FF}]",
        "[\\x{1F300}-\\x{1FAFF}]", "(.)\\1", "([a-z])\\1", "(\\w)\\1{2}", "([!?.])\\1+",
        "[A-Za-z\\d]{3,}", "\\p{Lu}{3}", "\\d{3,}", "[!?.]{3,}", "(?=[a-z]{4})", "\\b",
    ]

    static func pattern(_ rng: inout PrefilterRandom) -> String {
        (0..<Int.random(in: 1...4, using: &rng)).map { _ in
            var piece = pieces.randomElement(using: &rng)!
            if Int.random(in: 0..<3, using: &rng) == 0 {
                piece = "(?:" + piece + ")" + ["{2}", "{2,}", "{3,5}", "+", "*", "?"].randomElement(using: &rng)!
            }
            if Int.random(in: 0..<6, using: &rng) == 0 { piece = "(?:" + piece + "|" + pieces.randomElement(using: &rng)! + ")" }
            return piece
        }.joined()
    }

    static func text(_ rng: inout PrefilterRandom) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 0...16, using: &rng) {
            let character = alphabet.randomElement(using: &rng)!
            // Runs, so that backreference patterns match now and then.
            out += String(
                repeating: character, count: Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: 2...5, using: &rng) : 1)
        }
        return out
    }

    @Test("no requirement rejects a text PCRE2 matches", arguments: 0..<6)
    func soundness(seed: Int) throws {
        var rng = PrefilterRandom(state: UInt64(seed) &* 104_729 &+ 17)
        let scratch = try MatchScratch()
        let texts = (0..<300).map { _ in Self.text(&rng) }
        var checked = 0
        for _ in 0..<250 {
            var source = Self.pattern(&rng)
            if Int.random(in: 0..<4, using: &rng) == 0 { source = "(?i)" + source }
            for options: PatternOptions in [[], .caseless] {
                guard let pattern = try? Pattern(source, options: options),
                    let requirement = FeatureRequirement.of(
                        pattern: source, caseless: options.contains(.caseless), extended: false)
                else { continue }
                for text in texts {
                    var copy = text
                    guard copy.withUTF8({ PrefilterReference.matches(pattern, $0, scratch) }) else { continue }
                    checked += 1
                    let features = TextFeatures(text, tokens: requirement.repeatedToken)
                    #expect(
                        requirement.isMet(by: features),
                        "\(source) \(options.contains(.caseless) ? "caseless" : "") needs \(requirement) but matches \(text.debugDescription)"
                    )
                }
            }
        }
        #expect(checked > 200)
    }
}

extension FeatureRequirementTests {
    static let tokenPatterns = [
        #"\b(\w+)\s+\1\s+\1\b"#, #"(\w+)\s+\1\s"#, #"([a-zé]+)\h+\1[[:space:]]+"#, #"(\d+)\s+\1\s+\1"#,
        #"x(\w{2,})\v+\1\s"#, #"(?:(\w+)\s\1\s|(\p{L}+)\s\2\s)"#, #"(\w+?)\s+?\1\s"#, #"(\w+)\s+\1\b"#,
    ]
    static let tokenWords = [
        "go", "Go", "GO", "ago", "σας", "ΣΑΣ", "ς", "Σ", "mark", "MAR\u{212A}", "ſs", "SS", "é", "É",
        "12", "x12", "_", "(go", "go!", "café", "CAFÉ", "İ", "i", "ı", "ǅ", "ǆ",
    ]
    static let tokenSeparators = [
        " ", "  ", "\n", "\t", "\u{A0}", "\u{2003}", "\u{3000}", "\u{85}", "\u{180E}", "\u{1680}", "\u{2028}", "\u{202F}",
        "\u{200B}", "",
    ]

    /// Token splitting is sound when every scalar PCRE2's `\s` (UTF + UCP) matches is a separator and
    /// no scalar its `\w` matches is one; the separator list answers the commonest scripts without a
    /// search, so every scalar is checked against the list and against PCRE2.
    @Test("separators are PCRE2's white space, for every scalar")
    func separatorsAgreeWithPCRE2() throws {
        var separators = String.UnicodeScalarView()
        var others = String.UnicodeScalarView()
        for value in UInt32(1)..<0x11_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let listed = TokenSplit.separators.contains { $0.contains(value) }
            #expect(TokenSplit.isSeparator(value) == listed, "U+\(String(value, radix: 16))")
            if listed { separators.append(scalar) } else { others.append(scalar) }
        }
        #expect(separators.count == 26)
        let scratch = try MatchScratch()
        #expect(try Pattern(#"\s"#, options: []).matches(in: String(others), scratch: scratch).isEmpty)
        #expect(try Pattern(#"\w"#, options: []).matches(in: String(separators), scratch: scratch).isEmpty)
    }

    @Test("the features pass finds the same token chains as a pass of their own")
    func fusedTokens() {
        var rng = PrefilterRandom(state: 99)
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                text += Self.tokenWords.randomElement(using: &rng)! + Self.tokenSeparators.randomElement(using: &rng)!
            }
            var copy = text
            for caseless in [false, true] {
                let alone = copy.withUTF8 { TokenSplit.repeatedTokens($0, caseless: caseless) }
                let fused = TextFeatures(text, tokens: caseless ? .caseless : .exact)
                #expect((caseless ? fused.repeatedCaselessTokens : fused.repeatedTokens) == alone, "\(text.debugDescription)")
            }
        }
    }

    @Test("no repeated-token requirement rejects a text PCRE2 matches", arguments: 0..<3)
    func repeatedTokenSoundness(seed: Int) throws {
        var rng = PrefilterRandom(state: UInt64(seed) &* 7_919 &+ 3)
        let scratch = try MatchScratch()
        var texts: [String] = []
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                text += Self.tokenWords.randomElement(using: &rng)! + Self.tokenSeparators.randomElement(using: &rng)!
            }
            texts.append(text)
        }
        var checked = 0
        for source in Self.tokenPatterns {
            for options: PatternOptions in [[], .caseless] {
                let pattern = try Pattern(source, options: options)
                guard
                    let requirement = FeatureRequirement.of(
                        pattern: source, caseless: options.contains(.caseless),
                        extended: false),
                    requirement.repeatedToken != .none
                else { continue }
                for text in texts {
                    var copy = text
                    guard copy.withUTF8({ PrefilterReference.matches(pattern, $0, scratch) }) else { continue }
                    checked += 1
                    let features = TextFeatures(text, tokens: requirement.repeatedToken)
                    #expect(
                        requirement.isMet(by: features),
                        "\(source) \(options.contains(.caseless) ? "caseless" : "") matches \(text.debugDescription)")
                    // Measured caseless in the features pass (as a group with a caseless unit does).
                    #expect(
                        requirement.isMet(by: TextFeatures(text, tokens: .caseless)), "\(source) matches \(text.debugDescription)"
                    )
                }
            }
        }
        #expect(checked > 500)
    }
}

@Suite("Engine: features and branch units skip rules, verdicts unchanged")
struct FeatureFilterEngineTests {
    static func engine(_ patterns: [String]) throws -> ModerationEngine {
        let rules = try patterns.enumerated().map { index, pattern in
            Rule(
                id: "test.r\(index)", target: .body, pattern: try Pattern(pattern, options: []), minCount: 1,
                action: .hold, score: 0, mode: .enforce)
        }
        return ModerationEngine(ruleSet: RuleSet(policy: try Policy.standard(), rules: rules, version: "test"))
    }

    /// PCRE2 runs of rule 0 over `texts`, and whether every verdict equals running every rule.
    static func runs(_ engine: ModerationEngine, _ texts: [String]) throws -> (runs: Int, same: Bool) {
        let scratch = try EngineScratch()
        let reference = try MatchScratch()
        var same = true
        for text in texts {
            let input = CommentInput(name: "n", email: "e@example.com", body: text)
            let verdict = engine.evaluate(input, scratch: scratch)
            let full = engine.evaluateWithoutPrefilter(input, scratch: reference)
            same = same && verdict.hits == full.hits && verdict.decision == full.decision
        }
        return (scratch.counts.runs.first ?? 0, same)
    }

    /// One engine case: the rules, the texts, and how many PCRE2 runs rule 0 may take on them.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let patterns: [String]
        let texts: [String]
        let runs: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // "soooooo long" and "AAAAAA!".
        Case(
            name: "counts and runs", patterns: [#"(.)\1{5,}"#, #"\p{Lu}{6,}"#],
            texts: ["calm text", "soooooo long", "AAAAAA!", "ABCDEF shouting", "Some Capitals Here Only"], runs: 2),
        // Only "token a1b2…": the other texts with digits have no 14 letters and digits in a row (the
        // digit lookahead already keeps the rule off "Internationalization is long").
        Case(
            name: "a long token", patterns: [#"\b(?=[A-Za-z\d]*\d)(?=[A-Za-z\d]*[a-z])[A-Za-z\d]{14,}\b"#],
            texts: [
                "short words only here 123 abc", "token a1b2c3d4e5f6g7h8 here", "Internationalization is long",
                "x1 y2 z3 w4 v5 u6 t7 s8",
            ], runs: 1),
        // "buy buy BUY now" and "ago go go"; "so so" has a repeated token but one space, where the
        // pattern needs two.
        Case(
            name: "a word said three times", patterns: [#"(?i)\b(\w+)\s+\1\s+\1\b"#],
            texts: ["buy buy BUY now", "one two three", "nothing at all here", "ago go go", "so so", "plain text"], runs: 2),
        // Without the split every text with a `p` would run; with it: "pay 150p now", "new ringtone", "12 p".
        Case(
            name: "a weak branch on its own features", patterns: [#"\b\d{2,3}p\b|\bringtones?\b"#],
            texts: ["a p here", "pay 150p now", "new ringtone", "p 1", "12 p", "nothing"], runs: 3),
    ]

    @Test("a rule runs only where its features can be met, verdicts unchanged", arguments: cases)
    func skips(_ test: Case) throws {
        let result = try Self.runs(try Self.engine(test.patterns), test.texts)
        #expect(result.same)
        #expect(result.runs == test.runs)
    }

    @Test("the prefilter summary says what each rule needs before it runs")
    func summaries() throws {
        let engine = try Self.engine([
            #"\bidiot\b"#, #"\p{Lu}{12,}"#, #"."#, #"(?i)\b[t7+]+[\W_]*w+[\W_]*[a@4]+[\W_]*[t7+]+\b"#,
            #"a1|b2|c3|d4|(.)\1{5}"#, #"\b(\w+)\s+\1\s+\1\b"#,
        ])
        #expect(engine.prefilterSummary(rule: 0) == #"plain "\bidiot\b""#)
        #expect(engine.prefilterSummary(rule: 1) == "12 capitals+other+Cyrillic in a row, 12 capitals+other+Cyrillic")
        #expect(engine.prefilterSummary(rule: 2) == "nothing (runs on every comment)")
        #expect(engine.prefilterSummary(rule: 3).hasSuffix(#"or plain "+""#))
        #expect(engine.prefilterSummary(rule: 3).hasPrefix("skeleton "))
        #expect(engine.prefilterSummary(rule: 4) == #"plain "a1" or plain "b2" or plain "c3" or … (5 branches)"#)
        #expect(engine.prefilterSummary(rule: 5).contains("a word repeated 3 times"))
        let many = LiteralRequirement(view: .plain, literals: ["ab", "c", "defg", "hij", "klmno"], plainAlternatives: [])
        #expect(many.summary(limit: 2) == #"plain "c", "ab" … (5 literals)"#)
    }
}

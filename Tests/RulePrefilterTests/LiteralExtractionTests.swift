import Testing
@testable import RulePrefilter

/// Literal extraction in the plain view: pattern → expected literals (nil: the rule always runs).
@Suite("Literal extraction")
struct LiteralExtractionTests {
    static let table: [(pattern: String, expected: Set<String>?)] = [
        // The project's word-list shape: lookarounds add nothing, each word is a literal, a phrase
        // contributes its longer part.
        (#"(?<![\p{L}\p{M}\p{N}_])(?:idiot|moron|bloody\s+fool)(?![\p{L}\p{M}\p{N}_])"#, ["idiot", "moron", "bloody"]),
        (#"(?<![\p{L}\p{M}\p{N}_])(?:g\-spot|s\&m|a\/b)(?![\p{L}\p{M}\p{N}_])"#, ["g-spot", "s&m", "a/b"]),
        // Caseless prefix and case: literals are folded.
        (#"(?i)\bZenFast\d{0,4}\.(?:xyz|pk|online)\b"#, [#"\bzenfast"#]),
        (#"(?i)Hello"#, ["hello"]),
        (#"(?i:WORLD)"#, ["world"]),
        (#"(?-i)abc"#, ["abc"]),
        // Escapes.
        (#"bit\.ly/\w+"#, ["bit.ly/"]),
        (##"a\-b\#c\/d\\e"##, [#"a-b#c/d\e"#]),
        (#"\x{41}\x42C\o{104}"#, ["abcd"]),
        (#"tab\there"#, ["tab\there"]),
        (#"\Qa.b*c\E"#, ["a.b*c"]),
        (#"\Qxyz\E+"#, ["xyz"]),
        // Quantifiers: a repeated literal ends a run with one copy and starts the next with one.
        (#"xyz+abc"#, ["zabc"]),
        (#"colou?r"#, ["color", "colour"]),
        (#"(?:ab){2}"#, ["abab"]),
        (#"a{3}"#, ["aaa"]),
        (#"x{2,}y"#, ["xxy"]),
        (#"x{2,}?y"#, ["xxy"]),
        (#"x{2,}+y"#, ["xxy"]),
        (#"go\s*world123"#, ["world123"]),
        (#"(?:foo)?barbaz"#, ["barbaz"]),
        (#"(?:foo)*+barbaz"#, ["barbaz"]),
        (#"!{4,}|\?{4,}"#, ["!!!!", "????"]),
        // Lookarounds and assertions are zero-width; what a positive lookaround matches is in the
        // text too, so its literals compete with the rest (here `baz`, the rarest letters).
        (#"(?<!foo)bar(?!qux)(?<!quux)"#, ["bar"]),
        (#"(?<=foo)bar(?=baz)(?!qux)"#, ["baz"]),
        (#"^\Astart\b\B\z\Z\G$"#, [#"start\b"#]),
        (#"\bfree\b(?!\s+(?:speech|press))"#, [#"\bfree\b"#]),
        // Alternation and nesting.
        (#"cat|dog|bird"#, ["cat", "dog", "bird"]),
        (#"(?:a(?:bc|de)f)"#, ["abcf", "adef"]),
        (#"(?<name>abc)(?'other'def)(?P<third>ghi)"#, ["abcdefghi"]),
        (#"(?>atomic)(?|x|y)"#, ["atomicx", "atomicy"]),
        (#"[abc]x"#, ["ax", "bx", "cx"]),
        // Backreferences match unknown text.
        (#"(abc)\1"#, ["abc"]),
        (#"(?<w>abc)\k<w>\g{1}\g1"#, ["abc"]),
        (#"(?#a comment)abc"#, ["abc"]),
        // Non-ASCII literals (Urdu, Persian, Arabic).
        (#"\bپاکستان\b"#, [#"\bپاکستان\b"#]),
        (#"\b(?:کیر|جنده|ساک\s+زدن)\b"#, [#"\bکیر"#, #"\bجنده"#, #"\bساک"#]),
        // Folding: long s, Kelvin sign, final sigma.
        ("(?i)ſex", ["sex"]),
        ("\u{212A}ey", ["key"]),
        ("λόγος", ["λόγοσ"]),
        // Characters whose caseless class PCRE2 builds differently break the run.
        ("straße", ["stra"]),
        // Nothing extractable: the rule always runs.
        (#"\w+"#, nil),
        (#".*"#, nil),
        (#"^$"#, nil),
        (#""#, nil),
        (#"cat|\w+"#, nil),
        (#"\p{Lu}{12,}"#, nil),
        (#"(.)\1{5,}"#, nil),
        ("ΐ", nil),
        // Outside the subset: refused.
        (#"(?x)abc"#, nil),
        (#"(?x: a b c )"#, nil),
        (#"(?ix)abc"#, nil),
        (#"(?(1)a|b)"#, nil),
        (#"(*UTF)abc"#, nil),
        (#"abc(?R)"#, nil),
        (#"(abc)(?1)"#, nil),
        (#"\Cabc"#, nil),
        (#"abc{"#, nil),
        (#"a{,3}bc"#, nil),
        (#"abc\"#, nil),
        (#"abc)"#, nil),
        (#"(abc"#, nil),
        (#"[abc"#, nil),
        (#"a**"#, nil),
        (#"*a"#, nil),
        (#"\qabc"#, nil),
    ]

    @Test("extraction table", arguments: table)
    func extraction(_ entry: (pattern: String, expected: Set<String>?)) {
        // Word boundary markers read `\b` (``LiteralRequirement/shown(_:)``).
        let literals = LiteralExtractor.requiredLiterals(pattern: entry.pattern, extended: false)
        #expect(literals.map { Set($0.map(LiteralRequirement.shown)) } == entry.expected, "\(entry.pattern)")
    }

    @Test("a class of up to 4,096 characters is a requirement of one character: digits, emoji")
    func bigClasses() throws {
        let digits = Set(PrefilterScalarTable.decimalDigits.map { String(Unicode.Scalar($0)!) })
        #expect(digits.count > 600 && digits.contains("7") && digits.contains("۷") && digits.contains("٣"))
        #expect(LiteralExtractor.requiredLiterals(pattern: #"\d+"#, extended: false) == digits)
        #expect(LiteralExtractor.requiredLiterals(pattern: #"\p{Nd}{3}"#, extended: false) == digits)
        #expect(LiteralExtractor.requiredLiterals(pattern: #"cat|\d+"#, extended: false) == digits.union(["cat"]))
        let emoji = try #require(LiteralExtractor.requiredLiterals(pattern: #"[\x{1F300}-\x{1FAFF}]{6,}"#,
                                                                   extended: false))
        #expect(emoji.count == 0x800 && emoji.contains("🔥"))
    }

    @Test("a positive lookaround's literals are required; a negative one's are not")
    func lookaroundRequirements() {
        let digits = Set(PrefilterScalarTable.decimalDigits.map { String(Unicode.Scalar($0)!) })
        #expect(LiteralExtractor.requiredLiterals(pattern: #"\b(?=[A-Za-z\d]*\d)[A-Za-z\d]{14,}\b"#,
                                                  extended: false) == digits)
        #expect(LiteralExtractor.requiredLiterals(pattern: #"(?<=price: )\w+"#, extended: false) == ["price: "])
        #expect(LiteralExtractor.requiredLiterals(pattern: #"(?!spam)\w+"#, extended: false) == nil)
        #expect(LiteralExtractor.requiredLiterals(pattern: #"(?<!not )\w+"#, extended: false) == nil)
    }

    @Test("the extended flag refuses every pattern")
    func extendedFlag() {
        #expect(LiteralExtractor.requiredLiterals(pattern: "abc", extended: true) == nil)
        #expect(LiteralExtractor.requirement(pattern: "abc", extended: true) == nil)
    }

    @Test("the skeleton view reads through separators and marks")
    func skeletonView() {
        let spaced = #"(?i)\bc[\s.*_-]?o[\s.*_-]?o[\s.*_-]?n\b"#
        #expect(LiteralExtractor.literals(pattern: spaced, extended: false, view: .skeleton) == ["coon"])
        #expect(LiteralExtractor.requirement(pattern: spaced, extended: false)?.view == .skeleton)
        let phrase = #"(?i)\blemon[\s\W_]+party\b"#
        #expect(LiteralExtractor.literals(pattern: phrase, extended: false, view: .skeleton) == ["iemonparty"])
        let diacritics = #"\bم\p{Mn}*ف\p{Mn}*ل\b"#
        #expect(LiteralExtractor.literals(pattern: diacritics, extended: false, view: .skeleton) == ["مفل"])
        #expect(LiteralExtractor.requiredLiterals(pattern: diacritics, extended: false)?.allSatisfy {
            $0.unicodeScalars.filter { $0.value != PrefilterView.boundaryScalar }.count == 1
        } == true)
    }

    @Test("the leet view maps leetspeak classes and cuts runs")
    func leetView() {
        let tight = #"(?i)\b[b8]+[uv*]+[t7+]+[t7+]+\w{0,3}\b"#
        #expect(LiteralExtractor.literals(pattern: tight, extended: false, view: .leet) == ["butt", "buutt"])
        let elongated = #"(?i)\bc+h+u+d+e+\b"#
        #expect(LiteralExtractor.literals(pattern: elongated, extended: false, view: .leet)?.contains("chude") == true)
    }

    @Test("a strong plain requirement is preferred")
    func choosesPlain() {
        let requirement = LiteralExtractor.requirement(pattern: #"(?i)\bthreesome(?:s|es)?\b"#, extended: false)
        // At the start of a word, and only one literal: a strong set keeps no boundary at its end.
        #expect(requirement.map { Set($0.literals.map(LiteralRequirement.shown)) } == [#"\bthreesome"#])
        #expect(requirement?.view == .plain)
    }

    @Test("a leetspeak pattern is split on its symbols: skeleton literals or a symbol in the text")
    func symbolSplit() throws {
        let twat = try #require(LiteralExtractor.requirement(pattern: #"(?i)\b[t7+]+[\W_]*w+[\W_]*[a@4]+[\W_]*[t7+]+\b"#,
                                                             extended: false))
        #expect(twat.view == .skeleton)
        #expect(twat.literals.contains("twat"))
        // `@` is common (mentions) and `_` changes nothing (`[\W_]` is deleted whole): only `+` is split on.
        #expect(twat.plainAlternatives == ["+"])
        #expect(LiteralExtractor.splitSymbols(try #require(LiteralPatternParser.parse(#"[s$5][i1!|][a@]\.[_x]"#)))
                == [0x24, 0x5F, 0x7C])
        // Listed inside a range too; a negated class lists nothing.
        let node = try #require(LiteralPatternParser.parse(#"[!-#]x[^$]y"#))
        var symbols = Set<UInt32>()
        node.collectListedScalars(into: &symbols) { value, _ in value < 0x80 && PrefilterScalarTable.isDeletable(Unicode.Scalar(value)!) }
        #expect(symbols == [0x21, 0x22, 0x23])
        #expect(node.removing([0x22]) == LiteralPatternParser.parse(#"[!#]x[^$]y"#))
        // A strong plain literal needs no split; a common symbol makes the split worse than nothing better.
        #expect(LiteralExtractor.requirement(pattern: #"(?i)\bmaxlux\d{0,4}\.(?:com|pk)\b"#, extended: false)?.plainAlternatives == [])
    }

    @Test("view strings: inline and heap forms agree on every operation")
    func viewStrings() {
        let short: [UInt32] = Array("abcdefghijklmno".unicodeScalars.map(\.value))  // 15: inline
        let long = short + [0x70]                                                   // 16: heap
        let wide: [UInt32] = [0x61, 0x633, 0x62]                                    // U+0633: heap
        for scalars in [short, long, wide, [], [0x7A]] {
            let string = ViewString(scalars)
            #expect(string.scalars == scalars)
            #expect(string.count == scalars.count)
            #expect(string.first == scalars.first)
            #expect(string.last == scalars.last)
            for length in 0...scalars.count + 1 {
                #expect(string.prefix(length).scalars == Array(scalars.prefix(length)))
                #expect(string.suffix(length).scalars == Array(scalars.suffix(length)))
                #expect(string.prefix(length) == ViewString(Array(scalars.prefix(length))))
            }
            for other in [short, wide, [0x71]] {
                let joined = string.appending(ViewString(other), droppingFirst: 1)
                #expect(joined.scalars == scalars + other.dropFirst())
                #expect(joined == ViewString(scalars + other.dropFirst()))
                #expect(joined.hashValue == ViewString(scalars + other.dropFirst()).hashValue)
            }
        }
        // A heap string cut short becomes inline again, so equal strings are equal values.
        #expect(ViewString(long).prefix(15) == ViewString(short))
        #expect(Set([ViewString(long).prefix(15), ViewString(short)]).count == 1)
        #expect(ViewString(wide).suffix(1) == ViewString([0x62]))
    }
}

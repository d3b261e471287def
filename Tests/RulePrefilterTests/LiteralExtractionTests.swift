import PCRE2
import Testing

@testable import RulePrefilter

/// Literal extraction, tested by what matters rather than by which literals the heuristics pick:
/// whenever PCRE2 matches a text, every view's literals and the chosen requirement let that text
/// through; patterns with a usable literal get a requirement at all; patterns outside the
/// understood subset get none (their rules always run).
@Suite("Literal extraction")
struct LiteralExtractionTests {
    /// A pattern and texts it matches (in some form; the probes add disguised variants).
    struct Entry: Sendable, CustomTestStringConvertible {
        var pattern: String
        var examples: [String]
        /// Whether the pattern has a literal worth requiring: then a requirement must be chosen.
        var selective = true
        var testDescription: String { pattern }
    }

    static let table: [Entry] = [
        // The project's word-list shape: lookarounds add nothing, each word is a literal.
        Entry(
            pattern: #"(?<![\p{L}\p{M}\p{N}_])(?:idiot|moron|bloody\s+fool)(?![\p{L}\p{M}\p{N}_])"#,
            examples: ["you idiot", "moron!", "a bloody   fool"]),
        Entry(
            pattern: #"(?<![\p{L}\p{M}\p{N}_])(?:g\-spot|s\&m|a\/b)(?![\p{L}\p{M}\p{N}_])"#,
            examples: ["g-spot", "s&m", "a/b test"]),
        // Caseless prefix and case.
        Entry(
            pattern: #"(?i)\bZenFast\d{0,4}\.(?:xyz|pk|online)\b"#,
            examples: ["zenfast12.pk", "ZENFAST.ONLINE", "ZenFast9999.xyz"]),
        Entry(pattern: #"(?i)Hello"#, examples: ["HELLO", "hello", "hElLo"]),
        Entry(pattern: #"(?i:WORLD)"#, examples: ["world", "World"]),
        Entry(pattern: #"(?-i)abc"#, examples: ["abc"]),
        // Escapes.
        Entry(pattern: #"bit\.ly/\w+"#, examples: ["bit.ly/abc", "see bit.ly/3xYz"]),
        Entry(pattern: ##"a\-b\#c\/d\\e"##, examples: [#"a-b#c/d\e"#]),
        Entry(pattern: #"\x{41}\x42C\o{104}"#, examples: ["ABCD"]),
        Entry(pattern: #"tab\there"#, examples: ["tab\there"]),
        Entry(pattern: #"\Qa.b*c\E"#, examples: ["a.b*c"]),
        Entry(pattern: #"\Qxyz\E+"#, examples: ["xyzzz", "xyz"]),
        // Quantifiers.
        Entry(pattern: #"xyz+abc"#, examples: ["xyzabc", "xyzzzzabc"]),
        Entry(pattern: #"colou?r"#, examples: ["color", "colour"]),
        Entry(pattern: #"(?:ab){2}"#, examples: ["abab"]),
        Entry(pattern: #"a{3}"#, examples: ["aaa", "baaaad"]),
        Entry(pattern: #"x{2,}y"#, examples: ["xxy", "xxxxxy"]),
        Entry(pattern: #"x{2,}?y"#, examples: ["xxy", "xxxy"]),
        Entry(pattern: #"x{2,}+y"#, examples: ["xxy", "xxxxy"]),
        Entry(pattern: #"go\s*world123"#, examples: ["goworld123", "go   world123"]),
        Entry(pattern: #"(?:foo)?barbaz"#, examples: ["barbaz", "foobarbaz"]),
        Entry(pattern: #"(?:foo)*+barbaz"#, examples: ["foofoobarbaz", "barbaz"]),
        Entry(pattern: #"!{4,}|\?{4,}"#, examples: ["wow!!!!", "what????"]),
        // Lookarounds and assertions are zero-width; a positive lookaround's text is in the text too.
        Entry(pattern: #"(?<!foo)bar(?!qux)(?<!quux)"#, examples: ["bar", "a bar b"]),
        Entry(pattern: #"(?<=foo)bar(?=baz)(?!qux)"#, examples: ["foobarbaz"]),
        Entry(pattern: #"^\A\Gstart\b\z\Z$"#, examples: ["start"]),
        Entry(pattern: #"\bfree\b(?!\s+(?:speech|press))"#, examples: ["free gift", "it is free"]),
        Entry(pattern: #"\b(?=[A-Za-z\d]*\d)[A-Za-z\d]{14,}\b"#, examples: ["abcdefghijklm1", "12345678901234"]),
        Entry(pattern: #"(?<=price: )\w+"#, examples: ["price: 500"]),
        Entry(pattern: #"(?!spam)\w+"#, examples: ["hello", "spam"], selective: false),
        Entry(pattern: #"(?<!not )\w+"#, examples: ["is good"], selective: false),
        // Alternation and nesting.
        Entry(pattern: #"cat|dog|bird"#, examples: ["a cat", "dog", "birds"]),
        Entry(pattern: #"(?:a(?:bc|de)f)"#, examples: ["abcf", "adef"]),
        Entry(pattern: #"(?<name>abc)(?'other'def)(?P<third>ghi)"#, examples: ["abcdefghi"]),
        Entry(pattern: #"(?>atomic)(?|x|y)"#, examples: ["atomicx", "atomicy"]),
        Entry(pattern: #"[abc]x"#, examples: ["ax", "bx", "cx"]),
        // Backreferences match unknown text.
        Entry(pattern: #"(abc)\1"#, examples: ["abcabc"]),
        Entry(pattern: #"(?<w>abc)\k<w>\g{1}\g1"#, examples: ["abcabcabcabc"]),
        Entry(pattern: #"(?#a comment)abc"#, examples: ["abc"]),
        // Non-ASCII literals (Urdu, Persian, Arabic).
        Entry(pattern: #"\bپاکستان\b"#, examples: ["پاکستان زندہ باد"]),
        Entry(pattern: #"\b(?:کیر|جنده|ساک\s+زدن)\b"#, examples: ["کیر", "جنده", "ساک  زدن"]),
        Entry(pattern: #"\bم\p{Mn}*ف\p{Mn}*ل\b"#, examples: ["مفل", "مَفِل"]),
        // Folding: long s, Kelvin sign, final sigma, sharp s, dotless and dotted i.
        Entry(pattern: "(?i)ſex", examples: ["sex", "SEX", "ſex"]),
        Entry(pattern: "\u{212A}ey", examples: ["\u{212A}ey"]),
        Entry(pattern: "(?i)\u{212A}ey", examples: ["key", "KEY", "\u{212A}EY"]),
        Entry(pattern: "λόγος", examples: ["λόγος"]),
        Entry(pattern: "(?i)λόγος", examples: ["ΛΌΓΟΣ", "λόγοσ"]),
        Entry(pattern: "straße", examples: ["straße"]),
        Entry(pattern: "(?i)straße", examples: ["STRASSE", "Straße", "straẞe"], selective: false),
        Entry(pattern: "(?i)bıtch", examples: ["bıtch", "BITCH"]),
        // Leetspeak, separators, elongation: the normalized views.
        Entry(pattern: #"(?i)\bc[\s.*_-]?o[\s.*_-]?o[\s.*_-]?n\b"#, examples: ["coon", "c.o.o.n", "C O O N"]),
        Entry(pattern: #"(?i)\blemon[\s\W_]+party\b"#, examples: ["lemon party", "LEMON--party", "lemon_party"]),
        Entry(pattern: #"(?i)\b[b8]+[uv*]+[t7+]+[t7+]+\w{0,3}\b"#, examples: ["butt", "b8vv77", "BUTTS", "8*++x"]),
        Entry(pattern: #"(?i)\bc+h+u+d+e+\b"#, examples: ["chude", "chuuuuddde", "CCHUDE"]),
        Entry(pattern: #"(?i)\bthreesome(?:s|es)?\b"#, examples: ["threesome", "THREESOMES"]),
        Entry(pattern: #"(?i)\b[t7+]+[\W_]*w+[\W_]*[a@4]+[\W_]*[t7+]+\b"#, examples: ["twat", "+w@7", "t_w_a_t", "7 w 4 +"]),
        Entry(pattern: #"(?i)\bmaxlux\d{0,4}\.(?:com|pk)\b"#, examples: ["maxlux.com", "MAXLUX12.pk"]),
        Entry(pattern: #"[s$5][i1!|][a@]\.[_x]"#, examples: ["sia._", "$1@.x", "5|a.x"]),
        // Classes of many characters.
        Entry(pattern: #"\d+"#, examples: ["7", "۷", "٣", "123"]),
        Entry(pattern: #"\p{Nd}{3}"#, examples: ["123", "۱۲۳"]),
        Entry(pattern: #"cat|\d+"#, examples: ["cat", "4"]),
        Entry(pattern: #"[\x{1F300}-\x{1FAFF}]{6,}"#, examples: ["🔥🔥🔥🔥🔥🔥", "😂🤣😂🤣😂🤣"]),
        // Nothing to require: the rule always runs.
        Entry(pattern: #"\w+"#, examples: ["a", "word"], selective: false),
        Entry(pattern: #".*"#, examples: ["", "x"], selective: false),
        Entry(pattern: #"^$"#, examples: [""], selective: false),
        Entry(pattern: #""#, examples: [""], selective: false),
        Entry(pattern: #"cat|\w+"#, examples: ["dog"], selective: false),
        Entry(pattern: #"\p{Lu}{12,}"#, examples: ["ABCDEFGHIJKLMN"], selective: false),
        Entry(pattern: #"(.)\1{5,}"#, examples: ["zzzzzz", "!!!!!!"], selective: false),
        Entry(pattern: "ΐ", examples: ["ΐ"], selective: false),
        Entry(pattern: #"\b\p{Latin}+\b"#, examples: ["word"], selective: false),
    ]

    /// Patterns outside the understood subset (or not patterns at all): no requirement, so the rule always runs.
    static let refused = [
        #"(?x)abc"#, #"(?x: a b c )"#, #"(?ix)abc"#, #"(?(1)a|b)"#, #"(*UTF)abc"#, #"abc(?R)"#, #"(abc)(?1)"#, #"\Cabc"#,
        #"abc{"#, #"a{,3}bc"#, #"abc\"#, #"abc)"#, #"(abc"#, #"[abc"#, #"a**"#, #"*a"#, #"\qabc"#,
    ]

    /// Every example, plus disguised and embedded variants of it.
    static let probes: [String] = {
        var out: [String] = []
        for example in table.flatMap(\.examples) {
            out += [
                example, example.uppercased(), example.lowercased(), "x " + example + " y", "x" + example + "y",
                example.map(String.init).joined(separator: " "), example.map(String.init).joined(separator: "."),
                example.map(String.init).joined(separator: "\u{200B}"), example + example,
                String(
                    example.unicodeScalars.map {
                        (0x21...0x7E).contains($0.value) ? Character(Unicode.Scalar($0.value + 0xFEE0)!) : Character($0)
                    }),
            ]
        }
        return out
    }()

    @Test("every view's literals and the chosen requirement admit every text PCRE2 matches", arguments: table)
    func admitsEveryMatch(_ entry: Entry) throws {
        let scratch = try MatchScratch()
        let requirement = LiteralExtractor.requirement(pattern: entry.pattern, extended: false)
        if entry.selective {
            #expect(requirement != nil, "a pattern with a literal worth requiring got none")
        }
        let prefilter = LiteralPrefilter(patterns: [entry.pattern])
        let views = PrefilterView.allCases.compactMap { view in
            LiteralExtractor.literals(pattern: entry.pattern, extended: false, view: view).map { (view, $0) }
        }
        var matched = 0
        for options: PatternOptions in [[], .caseless] {
            let pattern = try Pattern(entry.pattern, options: options)
            for text in Self.probes {
                var copy = text
                guard copy.withUTF8({ PrefilterReference.matches(pattern, $0, scratch) }) else { continue }
                matched += 1
                for (view, literals) in views {
                    let seen = PrefilterFolding.viewText(text, view: view)
                    #expect(
                        literals.contains { seen.containsBytes(PrefilterFolding.literalText($0, view: view)) },
                        "[\(view)] literals \(literals.sorted()) miss \(text.debugDescription)")
                }
                if let requirement {
                    #expect(
                        PrefilterRandomPatternTests.admits(requirement, text), "\(requirement) misses \(text.debugDescription)")
                }
                if options.isEmpty {
                    #expect(prefilter.candidates(in: text) == [0], "the prefilter skips \(text.debugDescription)")
                }
            }
        }
        // Not vacuous: each example is matched as written.
        #expect(matched >= entry.examples.count)
    }

    @Test("patterns outside the understood subset get no requirement", arguments: refused)
    func refusesUnknownSyntax(_ pattern: String) {
        #expect(LiteralExtractor.requiredLiterals(pattern: pattern, extended: false) == nil)
        #expect(LiteralExtractor.requirement(pattern: pattern, extended: false) == nil)
    }

    @Test("the extended flag refuses every pattern")
    func extendedFlag() {
        #expect(LiteralExtractor.requiredLiterals(pattern: "abc", extended: true) == nil)
        #expect(LiteralExtractor.requirement(pattern: "abc", extended: true) == nil)
    }

    @Test("symbols listed in classes, and classes without some of them")
    func listedSymbols() throws {
        #expect(
            LiteralExtractor.splitSymbols(try #require(LiteralPatternParser.parse(#"[s$5][i1!|][a@]\.[_x]"#)))
                == [0x24, 0x5F, 0x7C])
        // Listed inside a range too; a negated class lists nothing.
        let node = try #require(LiteralPatternParser.parse(#"[!-#]x[^$]y"#))
        var symbols = Set<UInt32>()
        node.collectListedScalars(into: &symbols) { value, _ in
            value < 0x80 && PrefilterScalarTable.isDeletable(Unicode.Scalar(value)!)
        }
        #expect(symbols == [0x21, 0x22, 0x23])
        #expect(node.removing([0x22]) == LiteralPatternParser.parse(#"[!#]x[^$]y"#))
    }

    @Test("view strings: inline and heap forms agree on every operation")
    func viewStrings() {
        let short: [UInt32] = Array("abcdefghijklmno".unicodeScalars.map(\.value))  // 15: inline
        let long = short + [0x70]  // 16: heap
        let wide: [UInt32] = [0x61, 0x633, 0x62]  // U+0633: heap
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

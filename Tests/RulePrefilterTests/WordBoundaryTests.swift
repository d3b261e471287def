import PCRE2
import Testing

@testable import RulePrefilter

/// `\b` as a requirement: the plain view's word boundary markers, and the scan's checks of them.
@Suite("Word boundaries in the prefilter")
struct WordBoundaryTests {
    /// Every scalar's word class, as the prefilter takes it from its fold, against PCRE2's `\w`
    /// (UTF + UCP, caseless or not): a scalar the prefilter calls a word character is one for
    /// PCRE2, and one it calls a non-word character is not. (Scalars it calls either may be
    /// anything.) A wrong class could hide a boundary PCRE2 sees, and skip a rule that matches.
    @Test("word classes agree with PCRE2's \\w for every scalar")
    func classesAgreeWithPCRE2() throws {
        let table = PrefilterScalarTable.shared
        var words = String.UnicodeScalarView()
        var nonWords = String.UnicodeScalarView()
        var either = 0
        for value in UInt32(1)..<0x11_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let folded = table.entry(value) & PrefilterScalarTable.foldMask
            let foldedClass = PrefilterView.wordClass(folded: folded, entry: table.entry(folded))
            // The scan reads the fold's class; the text view, the scalar's own: they agree.
            #expect(
                PrefilterView.wordClass(folded: folded, entry: table.entry(value)) == foldedClass, "U+\(String(value, radix: 16))"
            )
            switch foldedClass {
            case PrefilterView.word: words.append(scalar)
            case PrefilterView.nonWord: nonWords.append(scalar)
            default: either += 1
            }
        }
        #expect(words.count > 100_000 && nonWords.count == 128 - 63 - 1 && either > 100_000)
        let scratch = try MatchScratch()
        for options: PatternOptions in [[], .caseless] {
            #expect(try Pattern(#"\W"#, options: options).matches(in: String(words), scratch: scratch).isEmpty)
            #expect(try Pattern(#"\w"#, options: options).matches(in: String(nonWords), scratch: scratch).isEmpty)
        }
    }

    static let marker = String(Unicode.Scalar(PrefilterView.boundaryScalar)!)

    @Test("\\b is a marker in plain literals, nothing in the other views")
    func extraction() {
        #expect(
            LiteralExtractor.literals(pattern: #"(?i)\b(?:ass|tit)\b"#, extended: false, view: .plain)
                == ["\(Self.marker)ass\(Self.marker)", "\(Self.marker)tit\(Self.marker)"])
        #expect(LiteralExtractor.literals(pattern: #"(?i)\b(?:ass|tit)\b"#, extended: false, view: .leet) == ["ass", "tit"])
        // Between a word and a space the marker is implied (literals leave it out); `\b\b` is one.
        #expect(
            LiteralExtractor.literals(pattern: #"\b\bgo \b\bhome"#, extended: false, view: .plain)
                == ["\(Self.marker)go home"])
        // `\b` alone (or with nothing else known) requires nothing.
        #expect(LiteralExtractor.literals(pattern: #"\b\p{Latin}+\b"#, extended: false, view: .plain) == nil)
        // A pattern cannot ask for the marker's own scalar.
        #expect(LiteralExtractor.literals(pattern: "\\x{FDD0}", extended: false, view: .plain) == nil)
    }

    /// Texts with and without `ass` as a whole word, in scripts and around marks.
    static let texts = [
        "", "ass", "an ass.", "class", "assess", "passé", "Ass!", "ASS", "x ass\u{301}", "\u{301}ass", "ass_", "_ass",
        "ass1", "1ass", "جass", "ass جی", "a-ss", "an ass and a class", "classy ass", "ass ass", "sass ass", "glass",
    ]

    @Test("a whole-word rule is a candidate exactly where its word stands alone", arguments: texts)
    func wholeWords(_ text: String) throws {
        let source = #"(?i)\b(?:ass|tit)\b"#
        let prefilter = LiteralPrefilter(patterns: [source])
        let pattern = try Pattern(source)
        let scratch = try MatchScratch()
        let matches = try !pattern.matches(in: text, scratch: scratch).isEmpty
        let candidate = prefilter.candidates(in: text) == [0]
        // Never a miss; and no candidate where the word only occurs inside another (marks excepted,
        // which PCRE2 may count either way).
        #expect(!matches || candidate, "\(text.debugDescription)")
        if !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .nonspacingMark }) {
            #expect(candidate == matches, "\(text.debugDescription)")
        }
    }

    @Test("conditions are checked at every occurrence, not once a text")
    func everyOccurrence() {
        // Both literals end in the same automaton state chain; the first occurrence of each fails its
        // condition, a later one holds.
        let prefilter = LiteralPrefilter(literalSets: [["\(Self.marker)ass\(Self.marker)"], ["class"]])
        #expect(prefilter.candidates(in: "class") == [1])
        #expect(prefilter.candidates(in: "class ass") == [0, 1])
        #expect(prefilter.candidates(in: "classy assy ass") == [0, 1])
        #expect(prefilter.candidates(in: "classy assy") == [1])
        // One-byte literals with a condition are searched, not noted in passing.
        let single = LiteralPrefilter(literalSets: [["\(Self.marker)x\(Self.marker)"], ["\(Self.marker)y"]])
        #expect(single.candidates(in: "xylophone") == [])
        #expect(single.candidates(in: "yes, xylophone") == [1])
        #expect(single.candidates(in: "a x b") == [0])
        #expect(single.candidates(in: "box") == [])
        #expect(single.candidates(in: "X") == [0])
        // A literal of markers alone requires nothing.
        #expect(LiteralPrefilter(literalSets: [[Self.marker]]).alwaysRun == [0])
    }

    @Test("a string's scalar test agrees with a scalar by scalar search")
    func containsScalar() {
        var rng = PrefilterRandom(state: 7)
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...20, using: &rng)
            let scalars = (0..<count).map { _ in
                [UInt32(0x41), 0x61, 0x01, 0xFF, 0x80, 0x0F, 0x627, 0x20].randomElement(using: &rng)!
            }
            let string = ViewString(scalars)
            for value: UInt32 in [0x41, 0x61, 0x01, 0xFF, 0x80, 0x0F, 0x627, 0x20, 0x00, 0x42] {
                #expect(string.contains(value) == scalars.contains(value), "\(scalars) \(value)")
            }
        }
    }

    @Test("the prefilter summary shows the marker as \\b")
    func summary() {
        let requirement = LiteralRequirement(view: .plain, literals: ["\(Self.marker)ass\(Self.marker)"])
        #expect(requirement.summary() == #"plain "\bass\b""#)
        #expect(requirement.description == #"plain: "\bass\b""#)
    }
}

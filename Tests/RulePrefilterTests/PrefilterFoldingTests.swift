import Foundation
import PCRE2
import Testing

@testable import RulePrefilter

/// The folding against PCRE2's own caseless matching and class escapes, over all of Unicode.
@Suite("Folding and views against PCRE2")
struct PrefilterFoldingTests {
    @Test(
        "examples",
        arguments: [
            ("ſ", "s"), ("\u{212A}", "k"), ("ς", "σ"), ("Σ", "σ"), ("É", "é"), ("ẞ", "ß"), ("A", "a"), ("ß", "ß"),
            ("İ", "İ"), ("ı", "i"), ("ǅ", "ǆ"), ("پ", "پ"), ("Ꭰ", "ꭰ"),
        ])
    func examples(_ pair: (String, String)) {
        #expect(String(decoding: PrefilterFolding.fold(pair.0), as: UTF8.self) == pair.1)
    }

    @Test("folding is idempotent")
    func idempotent() {
        for value in 0..<UInt32(0x20000) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let once = PrefilterFolding.fold(scalar)
            #expect(PrefilterFolding.fold(once) == once, "U+\(String(value, radix: 16))")
        }
    }

    @Test("folding a string folds each scalar")
    func foldsText() {
        let text = "Hello ſKΣ پاکستان 👍🏽 Ⱥ"
        let expected = String(String.UnicodeScalarView(text.unicodeScalars.map(PrefilterFolding.fold)))
        #expect(String(decoding: PrefilterFolding.fold(text), as: UTF8.self) == expected)
    }

    /// Every scalar below U+20000 except surrogates, as a string, and each one's UTF-8 offset.
    static let allScalars: (text: String, scalars: [UInt32], offsets: [Int: UInt32]) = {
        var view = String.UnicodeScalarView()
        var scalars: [UInt32] = []
        var offsets: [Int: UInt32] = [:]
        var offset = 0
        for value in 0..<UInt32(0x20000) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            view.append(scalar)
            scalars.append(value)
            offsets[offset] = value
            offset += String(scalar).utf8.count
        }
        return (String(view), scalars, offsets)
    }()

    @Test("a safe literal's caseless matches in PCRE2 all have its fold")
    func caselessAgreement() throws {
        let scratch = try MatchScratch()
        let haystack = Self.allScalars
        var problems: [String] = []
        for value in haystack.scalars {
            let scalar = Unicode.Scalar(value)!
            guard scalar.properties.changesWhenCaseMapped || scalar.properties.isCased,
                !PrefilterFolding.isCaselessUnsafe(scalar)
            else { continue }
            let pattern = try Pattern(String(format: "\\x{%X}", value), options: .caseless)
            let folded = PrefilterFolding.fold(scalar)
            for range in try pattern.matches(in: haystack.text, scratch: scratch) {
                let matched = try #require(haystack.offsets[range.lowerBound])
                if PrefilterFolding.fold(Unicode.Scalar(matched)!) != folded {
                    problems.append(String(format: "U+%04X matches U+%04X", value, matched))
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20))")
    }

    @Test("no scalar without case mappings is caseless-equal to another in PCRE2")
    func uncasedScalars() throws {
        // A class of every scalar without case mappings, matched caselessly against every scalar with them.
        var ranges: [ClosedRange<UInt32>] = []
        var cased = String.UnicodeScalarView()
        for value in Self.allScalars.scalars {
            let scalar = Unicode.Scalar(value)!
            if scalar.properties.changesWhenCaseMapped || scalar.properties.isCased
                || value == 0x345 || value < 0x80
            {
                if value >= 0x80 { cased.append(scalar) }
                continue
            }
            if let last = ranges.last, last.upperBound + 1 == value {
                ranges[ranges.count - 1] = last.lowerBound...value
            } else {
                ranges.append(value...value)
            }
        }
        let classText = ranges.map { String(format: "\\x{%X}-\\x{%X}", $0.lowerBound, $0.upperBound) }.joined()
        let pattern = try Pattern("[" + classText + "]", options: .caseless)
        let matches = try pattern.matches(in: String(cased), scratch: try MatchScratch())
        #expect(matches.isEmpty)
    }

    /// Escapes and classes the parser treats as deletable in the skeleton view.
    static let deletableClasses = [
        #"\s"#, #"\h"#, #"\v"#, #"\R"#, #"\W"#, #"[\W_]"#, #"[\s\W_]"#, #"\p{M}"#, #"\p{Mn}"#, #"\p{Mc}"#, #"\p{Me}"#,
        #"\p{P}"#, #"\p{Pc}"#, #"\p{Pd}"#, #"\p{Ps}"#, #"\p{Pe}"#, #"\p{Pi}"#, #"\p{Pf}"#, #"\p{Po}"#, #"\p{S}"#,
        #"\p{Sm}"#, #"\p{Sc}"#, #"\p{Sk}"#, #"\p{So}"#, #"\p{Z}"#, #"\p{Zs}"#, #"\p{Zl}"#, #"\p{Zp}"#, #"\p{C}"#,
        #"\p{Cc}"#, #"\p{Cf}"#, #"\p{Co}"#, #"\p{Cn}"#, #"\p{Xsp}"#, #"\p{Xps}"#, #"\P{Xan}"#, #"\P{Xwd}"#,
        #"[[:space:]]"#, #"[[:blank:]]"#, #"[[:cntrl:]]"#, #"[[:punct:]]"#,
    ]

    @Test("deletable classes match no character the skeleton view keeps")
    func deletableClassesMatchOnlyDeletable() throws {
        var kept = String.UnicodeScalarView()
        for value in 0..<UInt32(0x11_0000) {
            guard let scalar = Unicode.Scalar(value), !PrefilterFolding.isDeletableInSkeleton(scalar) else { continue }
            kept.append(scalar)
        }
        let text = String(kept)
        let scratch = try MatchScratch()
        for source in Self.deletableClasses {
            for options: PatternOptions in [[], .caseless] {
                let pattern = try Pattern(source, options: options)
                let matches = try pattern.matches(in: text, scratch: scratch)
                let utf8 = Array(text.utf8)
                let found = matches.prefix(5).map { range in
                    String(decoding: utf8[range], as: UTF8.self).unicodeScalars.map { String($0.value, radix: 16) }
                }
                #expect(matches.isEmpty, "\(source) matches \(matches.count) kept characters: \(found)")
            }
            // And the parser does see them as deletable.
            #expect(
                LiteralExtractor.literals(pattern: "a\(source)*b", extended: false, view: .skeleton) == ["ab"],
                "\(source)")
        }
    }

    @Test("\\d and \\p{Nd} match only the digits the extractor expands them to")
    func decimalDigits() throws {
        let digits = Set(PrefilterScalarTable.decimalDigits)
        var others = String.UnicodeScalarView()
        for value in 0..<UInt32(0x11_0000) where !digits.contains(value) {
            if let scalar = Unicode.Scalar(value) { others.append(scalar) }
        }
        let text = String(others)
        let scratch = try MatchScratch()
        for source in [#"\d"#, #"\p{Nd}"#, #"[\d]"#] {
            for options: PatternOptions in [[], .caseless] {
                #expect(try Pattern(source, options: options).matches(in: text, scratch: scratch).isEmpty, "\(source)")
            }
        }
    }

    @Test(
        "views of a text",
        arguments: [
            ("L-e m.o.n  P@rty", PrefilterView.skeleton, "iemonprty"),
            ("B**tt!!!", PrefilterView.leet, "buuttii"),
            ("Soooo   GOOD", PrefilterView.leet, "soo  good"),
            // In the plain view, `¦` stands for the word boundary marker: at word edges, and on both
            // sides of a mark (PCRE2 may take it either way).
            ("Sooooo", PrefilterView.plain, "¦sooooo¦"),
            ("You, bloody FOOL!", PrefilterView.plain, "¦you¦, ¦bloody¦ ¦fool¦!"),
            ("cafe\u{301} x_1", PrefilterView.plain, "¦cafe¦\u{301}¦ ¦x_1¦"),
            ("یہ کتاب", PrefilterView.plain, "¦یہ¦ ¦کتاب¦"),
            ("?!", PrefilterView.plain, "?!"),
            ("مِفلِق", PrefilterView.skeleton, "مفلق"),
            ("ſ7R1ng", PrefilterView.skeleton, "string"),
        ])
    func viewText(_ entry: (String, PrefilterView, String)) {
        // Scalar by scalar (a mark after `¦` would make one character of the two).
        let marker = Unicode.Scalar(PrefilterView.boundaryScalar)!
        let expected = String(String.UnicodeScalarView(entry.2.unicodeScalars.map { $0 == "¦" ? marker : $0 }))
        #expect(PrefilterFolding.viewText(entry.0, view: entry.1).unicodeScalars.elementsEqual(expected.unicodeScalars))
    }
}

/// Seven coarse classes that partition all Unicode scalars, as bits of a mask. A pattern position
/// whose characters all fall in a mask `M` needs one text scalar in `M`; counting the text's
/// scalars per class once lets the engine skip a rule whose pattern needs more than the text has
/// (`[A-Z]{15,}` on a comment with 4 capitals, `\d{10}` on one with no digits).
///
/// The classes are chosen for this site's text: ASCII letters by case, digits (ASCII and
/// Arabic-Indic), other ASCII, the Arabic blocks (Urdu text), Cyrillic (look-alike letters in
/// Latin words: `\p{Latin}+\p{Cyrillic}+` must not run on every comment with an emoji or a curly
/// quote), and everything else.
enum ScalarCategories {
    static let upperASCII: UInt8 = 1 << 0
    static let lowerASCII: UInt8 = 1 << 1
    /// `0-9`, U+0660–0669 and U+06F0–06F9.
    static let digit: UInt8 = 1 << 2
    static let otherASCII: UInt8 = 1 << 3
    /// The Arabic blocks (U+0600–06FF, U+0750–077F, U+08A0–08FF, U+FB50–FDFF, U+FE70–FEFF), digits aside.
    static let arabic: UInt8 = 1 << 4
    /// Every other scalar.
    static let otherNonASCII: UInt8 = 1 << 5
    /// What PCRE2's `\p{Cyrillic}` matches (script extensions: the Cyrillic blocks, and a few
    /// scalars beyond them), as a superset of whole blocks: U+0400–052F, U+1C80–1C8F, U+1D2B,
    /// U+1D78, U+1DF8, U+2DE0–2DFF, U+2E43, U+A640–A69F, U+FE2E–FE2F, U+1E030–1E08F.
    static let cyrillic: UInt8 = 1 << 6

    static let all: UInt8 = 0x7F
    static let count = 7

    /// The classes of `mask` by name, for reports: `capitals+lower`.
    static func names(_ mask: UInt8) -> String {
        let names = ["capitals", "lower", "digits", "other ASCII", "Arabic", "other", "Cyrillic"]
        return (0..<count).filter { mask & (1 << $0) != 0 }.map { names[$0] }.joined(separator: "+")
    }
    /// What case-insensitive matching can turn into one another (Kelvin sign and `ſ` fold to ASCII).
    static let cased: UInt8 = upperASCII | lowerASCII | otherNonASCII | cyrillic
    /// `\d` and `\p{Nd}` under UCP: any script's decimal digits.
    static let digits: UInt8 = digit | otherNonASCII
    /// `\s`, `\h`, `\v`, `\R`: ASCII white space and Unicode spaces (none in the Arabic blocks).
    static let spaces: UInt8 = otherASCII | otherNonASCII

    /// The partition above `0x7F`, in order: each piece's first scalar and its category.
    private static let pieces: [(start: UInt32, category: UInt8)] = [
        (0x80, otherNonASCII), (0x400, cyrillic), (0x530, otherNonASCII), (0x600, arabic), (0x660, digit),
        (0x66A, arabic), (0x6F0, digit), (0x6FA, arabic), (0x700, otherNonASCII), (0x750, arabic),
        (0x780, otherNonASCII), (0x8A0, arabic), (0x900, otherNonASCII), (0x1C80, cyrillic), (0x1C90, otherNonASCII),
        (0x1D2B, cyrillic), (0x1D2C, otherNonASCII), (0x1D78, cyrillic), (0x1D79, otherNonASCII), (0x1DF8, cyrillic),
        (0x1DF9, otherNonASCII), (0x2DE0, cyrillic), (0x2E00, otherNonASCII), (0x2E43, cyrillic), (0x2E44, otherNonASCII),
        (0xA640, cyrillic), (0xA6A0, otherNonASCII), (0xFB50, arabic), (0xFE00, otherNonASCII), (0xFE2E, cyrillic),
        (0xFE30, otherNonASCII), (0xFE70, arabic), (0xFF00, otherNonASCII), (0x1E030, cyrillic), (0x1E090, otherNonASCII),
    ]

    /// The category bit of one scalar value.
    @inline(__always)  // unmeasured
    static func of(_ value: UInt32) -> UInt8 {
        value < 0x80 ? asciiTable[Int(value)] : nonASCII(value)
    }

    /// The category bit of a scalar value of 0x80 or more: ``pieces`` as comparisons (a test
    /// checks the two agree on every piece's edges).
    @inline(__always)  // comparisons, not a search: part of e55dcc6 (TextFeatures 4.8% → 2.8% of a 500-rule check, perf)
    static func nonASCII(_ value: UInt32) -> UInt8 {
        if value < 0x600 { return value >= 0x400 && value < 0x530 ? cyrillic : otherNonASCII }
        if value >= 0xFF00 { return value >= 0x1E030 && value < 0x1E090 ? cyrillic : otherNonASCII }
        if value < 0x700 {
            return (value >= 0x660 && value <= 0x669) || (value >= 0x6F0 && value <= 0x6F9) ? digit : arabic
        }
        if value < 0x750 { return otherNonASCII }
        if value < 0x780 { return arabic }
        if value < 0x8A0 { return otherNonASCII }
        if value < 0x900 { return arabic }
        if value < 0xFB50 { return value >= 0x1C80 && isCyrillic(beyondBlocks: value) ? cyrillic : otherNonASCII }
        if value < 0xFE00 { return arabic }
        if value < 0xFE70 { return value >= 0xFE2E && value < 0xFE30 ? cyrillic : otherNonASCII }
        return arabic
    }

    /// The Cyrillic pieces between U+1C80 and U+FB4F.
    @inline(__always)  // unmeasured
    private static func isCyrillic(beyondBlocks value: UInt32) -> Bool {
        (value >= 0x1C80 && value < 0x1C90) || value == 0x1D2B || value == 0x1D78 || value == 0x1DF8
            || (value >= 0x2DE0 && value < 0x2E00) || value == 0x2E43 || (value >= 0xA640 && value < 0xA6A0)
    }

    /// The partition's edges: the first scalar of every piece and the one before it.
    static var edges: [UInt32] { pieces.flatMap { [$0.start - 1, $0.start] } + [0x10FFFF] }

    /// Per ASCII value, its category bit.
    static let asciiTable: [UInt8] = (0..<128).map { value in
        switch value {
        case 0x41...0x5A: upperASCII
        case 0x61...0x7A: lowerASCII
        case 0x30...0x39: digit
        default: otherASCII
        }
    }

    /// The categories a closed range of scalars meets.
    static func mask(of range: ClosedRange<UInt32>) -> UInt8 {
        var mask: UInt8 = 0
        let asciiHigh = Swift.min(range.upperBound, 0x7F)
        if range.lowerBound <= asciiHigh {
            for value in range.lowerBound...asciiHigh { mask |= asciiTable[Int(value)] }
        }
        guard range.upperBound >= 0x80 else { return mask }
        for (index, piece) in pieces.enumerated() {
            let end = index + 1 < pieces.count ? pieces[index + 1].start - 1 : 0x10FFFF
            if range.lowerBound <= end, range.upperBound >= piece.start { mask |= piece.category }
        }
        return mask
    }

    /// The categories a Unicode property (lowercased, without spaces, `_` or `-`) can match under
    /// UCP; all of them for a property not known here.
    static func property(_ key: String) -> UInt8 {
        switch key {
        case "lu", "lt": upperASCII | otherNonASCII | cyrillic
        case "ll": lowerASCII | otherNonASCII | cyrillic
        case "nd": digits
        // Scripts match by script extensions; none of these reaches ASCII or the Arabic blocks, and
        // only Cyrillic reaches the Cyrillic pieces (a test checks each against PCRE2).
        case "cyrillic", "cyrl": cyrillic
        case "greek", "grek", "han", "hani", "hebrew", "hebr", "devanagari", "deva":
            otherNonASCII
        case "arabic", "arab": arabic | digit | otherNonASCII
        default: all
        }
    }
}

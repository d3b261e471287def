/// Six coarse classes that partition all Unicode scalars, as bits of a mask. A pattern position
/// whose characters all fall in a mask `M` needs one text scalar in `M`; counting the text's
/// scalars per class once lets the engine skip a rule whose pattern needs more than the text has
/// (`[A-Z]{15,}` on a comment with 4 capitals, `\d{10}` on one with no digits).
///
/// The classes are chosen for this site's text: ASCII letters by case, digits (ASCII and
/// Arabic-Indic), other ASCII, the Arabic blocks (Urdu text), and everything else.
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

    static let all: UInt8 = 0x3F
    static let count = 6

    /// The classes of `mask` by name, for reports: `capitals+lower`.
    static func names(_ mask: UInt8) -> String {
        let names = ["capitals", "lower", "digits", "other ASCII", "Arabic", "other"]
        return (0..<count).filter { mask & (1 << $0) != 0 }.map { names[$0] }.joined(separator: "+")
    }
    /// What case-insensitive matching can turn into one another (Kelvin sign and `ſ` fold to ASCII).
    static let cased: UInt8 = upperASCII | lowerASCII | otherNonASCII
    /// `\d` and `\p{Nd}` under UCP: any script's decimal digits.
    static let digits: UInt8 = digit | otherNonASCII
    /// `\s`, `\h`, `\v`, `\R`: ASCII white space and Unicode spaces (none in the Arabic blocks).
    static let spaces: UInt8 = otherASCII | otherNonASCII

    /// The partition above `0x7F`, in order: each piece's first scalar and its category.
    private static let pieces: [(start: UInt32, category: UInt8)] = [
        (0x80, otherNonASCII), (0x600, arabic), (0x660, digit), (0x66A, arabic), (0x6F0, digit),
        (0x6FA, arabic), (0x700, otherNonASCII), (0x750, arabic), (0x780, otherNonASCII), (0x8A0, arabic),
        (0x900, otherNonASCII), (0xFB50, arabic), (0xFE00, otherNonASCII), (0xFE70, arabic),
        (0xFF00, otherNonASCII),
    ]

    /// The category bit of one scalar value.
    @inline(__always)
    static func of(_ value: UInt32) -> UInt8 {
        value < 0x80 ? asciiTable[Int(value)] : nonASCII(value)
    }

    /// The category bit of a scalar value of 0x80 or more: ``pieces`` as comparisons (a test
    /// checks the two agree on every piece's edges).
    @inline(__always)
    static func nonASCII(_ value: UInt32) -> UInt8 {
        if value < 0x600 || value >= 0xFF00 { return otherNonASCII }
        if value < 0x700 {
            return (value >= 0x660 && value <= 0x669) || (value >= 0x6F0 && value <= 0x6F9) ? digit : arabic
        }
        if value < 0x750 { return otherNonASCII }
        if value < 0x780 { return arabic }
        if value < 0x8A0 { return otherNonASCII }
        if value < 0x900 { return arabic }
        if value < 0xFB50 { return otherNonASCII }
        if value < 0xFE00 { return arabic }
        if value < 0xFE70 { return otherNonASCII }
        return arabic
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
        case "lu", "lt": upperASCII | otherNonASCII
        case "ll": lowerASCII | otherNonASCII
        case "nd": digits
        // Scripts match by script extensions; none of these reaches ASCII or the Arabic blocks.
        case "cyrillic", "cyrl", "greek", "grek", "han", "hani", "hebrew", "hebr", "devanagari", "deva":
            otherNonASCII
        case "arabic", "arab": arabic | digit | otherNonASCII
        default: all
        }
    }
}

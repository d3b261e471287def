/// The Unicode properties the fold asks about, precomputed for the Basic Multilingual Plane.
///
/// `Unicode.Scalar.Properties` looks each property up in the standard library's tables, which costs
/// tens of nanoseconds per question; the fold asks several questions per non-ASCII scalar (Urdu text
/// is all non-ASCII). The answers for U+0000–U+FFFF are computed once, on first use, into a 64 KiB
/// table of flags; scalars above U+FFFF (emoji, mathematical letters) are looked up directly.
struct ScalarProperties: OptionSet, Sendable {
    let rawValue: UInt8

    /// Default_Ignorable_Code_Point, plus the invisibles listed in `InvisibleScalars`.
    static let invisible = ScalarProperties(rawValue: 1 << 0)
    /// Canonical combining class 0 (and not a Hangul vowel or trailing jamo): starts an NFKC piece.
    static let startsPiece = ScalarProperties(rawValue: 1 << 1)
    /// Changes_When_NFKC_Casefolded: NFKC or case folding may change the scalar.
    static let changesWhenNFKCCaseFolded = ScalarProperties(rawValue: 1 << 2)
    /// Changes_When_Lowercased.
    static let changesWhenLowercased = ScalarProperties(rawValue: 1 << 3)
    /// General category Mn or Me.
    static let mark = ScalarProperties(rawValue: 1 << 4)
    /// Alphabetic.
    static let alphabetic = ScalarProperties(rawValue: 1 << 5)
    /// White_Space.
    static let whitespace = ScalarProperties(rawValue: 1 << 6)
    /// A decimal digit of any script (Numeric_Type=Decimal).
    static let decimalDigit = ScalarProperties(rawValue: 1 << 7)

    /// The properties of a scalar value (an invalid value has none).
    @inline(__always)
    static func of(_ value: UInt32) -> ScalarProperties {
        if value < 0x10000 {
            return ScalarProperties(rawValue: bmp[Int(value)])
        }
        guard let scalar = Unicode.Scalar(value) else { return [] }
        return compute(scalar)
    }

    /// Flags for every BMP scalar, computed once (a `static let` is initialized once, thread-safely).
    private static let bmp: [UInt8] = (0..<0x10000).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return 0 }  // surrogates
        return compute(scalar).rawValue
    }

    private static func compute(_ scalar: Unicode.Scalar) -> ScalarProperties {
        let properties = scalar.properties
        var result: ScalarProperties = []
        if InvisibleScalars.isListedInvisible(scalar.value) || properties.isDefaultIgnorableCodePoint {
            result.insert(.invisible)
        }
        switch scalar.value {
        case 0x1160...0x11FF, 0xD7B0...0xD7FF:  // Hangul vowel and trailing jamo join the syllable
            break
        default:
            if properties.canonicalCombiningClass == .notReordered { result.insert(.startsPiece) }
        }
        if properties.changesWhenNFKCCaseFolded { result.insert(.changesWhenNFKCCaseFolded) }
        if properties.changesWhenLowercased { result.insert(.changesWhenLowercased) }
        let category = properties.generalCategory
        if category == .nonspacingMark || category == .enclosingMark { result.insert(.mark) }
        if properties.isAlphabetic { result.insert(.alphabetic) }
        if properties.isWhitespace { result.insert(.whitespace) }
        if properties.numericType == .decimal { result.insert(.decimalDigit) }
        return result
    }
}

/// Scalars that render as nothing and are removed before matching.
///
/// The set is Unicode's Default_Ignorable_Code_Point, which covers the zero-width space, joiner
/// and non-joiner (U+200B–U+200D), word joiner and invisible operators (U+2060–U+206F), the byte
/// order mark (U+FEFF), bidi controls (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, U+061C), the
/// soft hyphen (U+00AD), the combining grapheme joiner (U+034F), variation selectors (U+FE00–U+FE0F,
/// U+E0100–U+E01EF), Hangul fillers, Mongolian free variation selectors and tag characters. The
/// explicit ranges are a guard in case a future Unicode version drops one of them from the property.
enum InvisibleScalars {
    /// Whether the scalar is removed from the folded text.
    @inline(__always)
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0xAD && ScalarProperties.of(scalar.value).contains(.invisible)
    }

    /// The invisibles named by the design, whatever the Unicode version's property says.
    static func isListedInvisible(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x034F, 0x061C, 0x180E, 0xFEFF,
            0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F,
            0xFE00...0xFE0F, 0xE0000...0xE0FFF:
            return true
        default:
            return false
        }
    }
}

/// What a required form field may not consist of only: text a reader cannot see.
package enum BlankText {
    /// Whether the text shows nothing: empty, or only white space, control (Cc) and format (Cf)
    /// characters, the invisibles the fold removes (``InvisibleScalars``: zero-width space and
    /// joiners, BOM, word joiner, bidi marks, soft hyphen, variation selectors, Hangul fillers, tag
    /// characters) and the blank the braille block draws as an empty cell (U+2800). A text that
    /// starts with a printable ASCII character is answered without looking further.
    package static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return false }
        return text.unicodeScalars.allSatisfy(isBlank)
    }

    /// Whether one scalar shows nothing (see ``isBlank(_:)-swift.type.method``).
    package static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value <= 0x20 || value == 0x7F }
        if value == 0x2800 || InvisibleScalars.isInvisible(scalar) { return true }
        let properties = ScalarProperties.of(value)
        if properties.contains(.whitespace) { return true }
        switch scalar.properties.generalCategory {
        case .control, .format: return true
        default: return false
        }
    }
}

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

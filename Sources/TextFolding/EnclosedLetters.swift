/// Enclosed Latin letters that NFKC leaves alone or turns into more than the letter.
///
/// NFKC already maps circled ⓐ and squared 🄰 letters to plain letters, but it maps parenthesized
/// ⒜ to "(a)" and leaves negative circled 🅐 and negative squared 🅰 as they are. Each of these
/// blocks is in alphabetical order, so the letter is computed from the offset. Regional indicators
/// (🇦) are left alone: in pairs they are flags (🇵🇰), common on this site, and folding them would
/// turn every flag into two letters.
enum EnclosedLetters {
    /// The lowercase ASCII letter an enclosed letter stands for, or nil.
    @inline(__always)
    static func letter(for value: UInt32) -> UInt32? {
        let base: UInt32
        switch value {
        case 0x249C...0x24B5: base = 0x249C  // ⒜ PARENTHESIZED LATIN SMALL LETTER A … Z
        case 0x1F110...0x1F129: base = 0x1F110  // 🄐 PARENTHESIZED LATIN CAPITAL LETTER A … Z
        case 0x1F150...0x1F169: base = 0x1F150  // 🅐 NEGATIVE CIRCLED LATIN CAPITAL LETTER A … Z
        case 0x1F170...0x1F189: base = 0x1F170  // 🅰 NEGATIVE SQUARED LATIN CAPITAL LETTER A … Z
        default: return nil
        }
        return 0x61 + (value - base)
    }
}

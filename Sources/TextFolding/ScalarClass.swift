/// Character classes the fold passes ask about, with an ASCII fast path.
enum ScalarClass {
    /// Whether the scalar is an ASCII letter (the passes run after case folding, so lowercase).
    @inline(__always)
    static func isASCIILetter(_ value: UInt32) -> Bool {
        (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value)
    }

    /// Whether the scalar is an ASCII digit.
    @inline(__always)
    static func isASCIIDigit(_ value: UInt32) -> Bool {
        (0x30...0x39).contains(value)
    }

    /// Whether the scalar is a letter of any script (Unicode Alphabetic).
    @inline(__always)
    static func isLetter(_ value: UInt32) -> Bool {
        if value < 0x80 { return isASCIILetter(value) }
        return ScalarProperties.of(value).contains(.alphabetic)
    }

    /// Whether the scalar is a letter or a decimal digit of any script.
    @inline(__always)
    static func isAlphanumeric(_ value: UInt32) -> Bool {
        if value < 0x80 { return isASCIILetter(value) || isASCIIDigit(value) }
        return !ScalarProperties.of(value).isDisjoint(with: [.alphabetic, .decimalDigit])
    }

    /// Whether the scalar is white space (ASCII space, tab, line breaks, or Unicode White_Space).
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return ScalarProperties.of(value).contains(.whitespace)
    }
}

/// Checks that bytes are well-formed UTF-8 without building a `String`.
///
/// Accepts exactly what `String(validating:as: UTF8.self)` accepts (Unicode Table 3-7): no
/// overlong forms, no encoded surrogates, nothing above U+10FFFF, no truncated sequences.
enum UTF8Validation {
    /// Whether `bytes` are well-formed UTF-8.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            // Eight ASCII bytes at a time: the common case for comment text.
            if index + 8 <= count,
                base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let lead = base.load(fromByteOffset: index, as: UInt8.self)
            if lead < 0x80 {
                index += 1
                continue
            }
            // Two-byte sequences (Arabic script, Latin accents) without the general case's checks.
            if (0xC2...0xDF).contains(lead), index + 1 < count,
                base.load(fromByteOffset: index + 1, as: UInt8.self) & 0xC0 == 0x80
            {
                index += 2
                continue
            }
            guard let length = sequenceLength(base, at: index, count: count, lead: lead) else { return false }
            index += length
        }
        return true
    }

    /// The length of the well-formed sequence starting with `lead` at `index`, or nil.
    private static func sequenceLength(_ base: UnsafeRawPointer, at index: Int, count: Int, lead: UInt8) -> Int? {
        func byte(_ offset: Int) -> UInt8? {
            index + offset < count ? base.load(fromByteOffset: index + offset, as: UInt8.self) : nil
        }
        func isContinuation(_ value: UInt8?) -> Bool {
            guard let value else { return false }
            return value & 0xC0 == 0x80
        }
        switch lead {
        case 0xC2...0xDF:
            return isContinuation(byte(1)) ? 2 : nil
        case 0xE0...0xEF:
            guard let second = byte(1) else { return nil }
            let secondOK =
                switch lead {
                case 0xE0: (0xA0...0xBF).contains(second)
                case 0xED: (0x80...0x9F).contains(second)
                default: second & 0xC0 == 0x80
                }
            return secondOK && isContinuation(byte(2)) ? 3 : nil
        case 0xF0...0xF4:
            guard let second = byte(1) else { return nil }
            let secondOK =
                switch lead {
                case 0xF0: (0x90...0xBF).contains(second)
                case 0xF4: (0x80...0x8F).contains(second)
                default: second & 0xC0 == 0x80
                }
            return secondOK && isContinuation(byte(2)) && isContinuation(byte(3)) ? 4 : nil
        default:
            return nil
        }
    }
}

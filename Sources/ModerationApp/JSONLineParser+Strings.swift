import Foundation

/// A string's bytes between its quotes, still escaped.
struct RawString {
    /// The first byte after the opening quote.
    var start: Int
    /// The closing quote.
    var end: Int
    /// Whether a backslash occurs: then the bytes must be decoded, not copied.
    var escaped: Bool
}

extension JSONLineParser {
    /// Scans the string at the cursor (on its opening quote), checking its escapes; leaves the cursor
    /// after the closing quote. The bytes are already known to be UTF-8, so only `"`, `\` and
    /// control characters need a look: none of them occurs inside a multi-byte sequence.
    mutating func scanString() throws(JSONLineReader.Failure) -> RawString {
        position += 1
        let start = position
        var escaped = false
        let count = bytes.count
        while position < count {
            // Eight bytes at a time while none of them is special.
            if position + 8 <= count, let base = bytes.baseAddress,
                !Self.hasSpecialByte(base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            {
                position += 8
                continue
            }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return RawString(start: start, end: position - 1, escaped: escaped)
            case UInt8(ascii: "\\"):
                escaped = true
                try skipEscape()
            case 0..<0x20:
                throw .malformed
            default:
                position += 1
            }
        }
        throw .malformed
    }

    /// Whether any of the eight bytes is `"`, `\` or below 0x20 (exact for "any", the usual SWAR test).
    private static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool {
            (value &- ones) & ~value & highs != 0
        }
        let belowSpace = (word &- ones &* 0x20) & ~word & highs != 0
        return belowSpace || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    /// Checks the escape at the cursor (on its backslash) and moves past it. A high surrogate must be
    /// followed by an escaped low one; a low surrogate alone is refused, as Foundation does.
    private mutating func skipEscape() throws(JSONLineReader.Failure) {
        guard position + 1 < bytes.count else { throw .malformed }
        switch bytes[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            guard let unit = hexUnit(at: position + 2) else { throw .malformed }
            position += 6
            switch unit & 0xFC00 {
            case 0xD800:
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u"),
                    let low = hexUnit(at: position + 2), low & 0xFC00 == 0xDC00
                else { throw .malformed }
                position += 6
            case 0xDC00:
                throw .malformed
            default:
                break
            }
        default:
            throw .malformed
        }
    }

    /// The four hex digits at `index` as a UTF-16 code unit, or nil.
    func hexUnit(at index: Int) -> UInt16? {
        guard index + 4 <= bytes.count else { return nil }
        var unit: UInt16 = 0
        for offset in 0..<4 {
            let digit: UInt8
            switch bytes[index + offset] {
            case let byte where (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte): digit = byte - UInt8(ascii: "0")
            case let byte where (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte): digit = byte - UInt8(ascii: "a") + 10
            case let byte where (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    /// The text of a scanned string. Unescaped bytes are copied as they are; escapes are decoded
    /// into the string's own storage (decoding never makes it longer than the escaped bytes).
    func decode(_ raw: RawString) -> String {
        let escaped = UnsafeRawBufferPointer(rebasing: bytes[raw.start..<raw.end])
        guard raw.escaped else { return String(decoding: escaped, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: escaped.count) { output in
            var written = 0
            var index = raw.start
            func put(_ byte: UInt8) {
                output[written] = byte
                written += 1
            }
            while index < raw.end {
                // Copy the run up to the next backslash in one go.
                let runEnd =
                    bytes.baseAddress.flatMap { base in
                        memchr(base + index, Int32(UInt8(ascii: "\\")), raw.end - index).map { UnsafeRawPointer($0) - base }
                    } ?? raw.end
                if runEnd > index {
                    let run = runEnd - index
                    UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(output)[written..<written + run])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[index..<runEnd]))
                    written += run
                    index = runEnd
                    continue
                }
                let kind = bytes[index + 1]
                index += 2
                switch kind {
                case UInt8(ascii: "b"): put(0x08)
                case UInt8(ascii: "f"): put(0x0C)
                case UInt8(ascii: "n"): put(0x0A)
                case UInt8(ascii: "r"): put(0x0D)
                case UInt8(ascii: "t"): put(0x09)
                case UInt8(ascii: "u"):
                    // scanString checked the digits and the surrogate pairing.
                    var scalar = UInt32(hexUnit(at: index) ?? 0xFFFD)
                    index += 4
                    if scalar & 0xFC00 == 0xD800 {
                        let low = UInt32(hexUnit(at: index + 2) ?? 0xDC00)
                        index += 6
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    switch scalar {
                    case 0..<0x80:
                        put(UInt8(scalar))
                    case 0x80..<0x800:
                        put(0xC0 | UInt8(scalar >> 6))
                        put(0x80 | UInt8(scalar & 0x3F))
                    case 0x800..<0x10000:
                        put(0xE0 | UInt8(scalar >> 12))
                        put(0x80 | UInt8(scalar >> 6 & 0x3F))
                        put(0x80 | UInt8(scalar & 0x3F))
                    default:
                        put(0xF0 | UInt8(scalar >> 18))
                        put(0x80 | UInt8(scalar >> 12 & 0x3F))
                        put(0x80 | UInt8(scalar >> 6 & 0x3F))
                        put(0x80 | UInt8(scalar & 0x3F))
                    }
                default: put(kind)  // `"`, `\` and `/` stand for themselves.
                }
            }
            return written
        }
    }
}

/// One key press as a terminal sends it, decoded whole so that a multi-byte key never passes for a
/// command: arrows and function keys arrive as escape sequences (`ESC [ A`, `ESC O P`, `ESC [ 1 5 ~`),
/// Alt+key as `ESC` and the key, and non-ASCII letters (an Urdu keyboard) as several UTF-8 bytes.
public enum KeyPress: Equatable, Sendable {
    /// A printable ASCII character typed on its own.
    case character(Character)
    /// A non-ASCII character (its UTF-8 bytes decoded).
    case other(Unicode.Scalar)
    /// An escape sequence (arrow, function key, Alt+key) or a lone Escape.
    case escape
    /// A control key: Ctrl-C is 3, Ctrl-D 4, Enter 13 (or 10).
    case control(UInt8)
}

/// Decodes key presses from a terminal's bytes.
public enum KeyDecoder {
    /// The next key, reading bytes with `read`, which returns nil at the end of input; given a
    /// timeout in milliseconds it returns nil when no byte comes in that time (how a lone Escape is
    /// told from the start of a sequence). Returns nil at the end of input.
    public static func next(read: (_ timeoutMilliseconds: Int?) -> UInt8?) -> KeyPress? {
        guard let byte = read(nil) else { return nil }
        switch byte {
        case 0x1B:
            skipSequence(read: read)
            return .escape
        case 0x00..<0x20, 0x7F:
            return .control(byte)
        case 0x20..<0x7F:
            return .character(Character(Unicode.Scalar(byte)))
        default:
            return .other(decodeUTF8(lead: byte, read: read))
        }
    }

    /// Reads the rest of an escape sequence, if one follows within 50 ms: CSI (`ESC [` parameters,
    /// then a final byte from `@` to `~`), SS3 (`ESC O` and one byte), or Alt+key (`ESC` and one byte).
    private static func skipSequence(read: (Int?) -> UInt8?) {
        guard let second = read(50) else { return }
        switch second {
        case UInt8(ascii: "["):
            // Parameters and intermediates (0x20–0x3F) until the final byte; bounded, so a flood of
            // parameter bytes cannot keep the reader here.
            for _ in 0..<32 {
                guard let byte = read(50) else { return }
                if (0x40...0x7E).contains(byte) { return }
            }
        case UInt8(ascii: "O"):
            _ = read(50)
        default:
            if second >= 0x80 { _ = decodeUTF8(lead: second, read: read) }
        }
    }

    /// The scalar a UTF-8 lead byte starts, reading its continuation bytes; U+FFFD when malformed.
    private static func decodeUTF8(lead: UInt8, read: (Int?) -> UInt8?) -> Unicode.Scalar {
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1 else { return "\u{FFFD}" }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for _ in 1..<length {
            guard let byte = read(50), byte & 0xC0 == 0x80 else { return "\u{FFFD}" }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}

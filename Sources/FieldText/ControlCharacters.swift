/// The one rule on control characters in a form field, shared by the policy (`check`, `submit`)
/// and every store, so that a text refused at intake is refused by a store's API in the same words
/// and no store ever keeps a text cut short (SQLite stops a C string at NUL; PostgreSQL refuses it).
///
/// Control characters are general category Cc, a set Unicode keeps fixed: U+0000–U+001F (C0) and
/// U+007F–U+009F (DEL and C1). None is typed into a web form: a browser sends line breaks as CR LF
/// and tabs as tabs, and C1 characters appear only in text decoded with the wrong character set.
/// So a field with line breaks (the body) may hold tab, line feed and CR LF; every other control
/// character, including a CR not followed by LF, is refused, and no other field may hold any.
package enum ControlCharacters {
    /// The first control character the field may not hold, or nil when it holds none. Checked on
    /// the UTF-8 bytes: a C0 control or DEL is one byte, a C1 control is 0xC2 then 0x80–0x9F.
    package static func firstRefused(in text: String, allowsLineBreaks: Bool) -> Unicode.Scalar? {
        var utf8 = text.utf8.makeIterator()
        var previous: UInt8 = 0
        var pendingCR = false
        while let byte = utf8.next() {
            if pendingCR {
                guard byte == 0x0A else { return "\r" }
                pendingCR = false
            }
            if byte < 0x20 || byte == 0x7F {
                guard allowsLineBreaks, byte == 0x09 || byte == 0x0A || byte == 0x0D else { return Unicode.Scalar(byte) }
                if byte == 0x0D { pendingCR = true }
            } else if previous == 0xC2, (0x80...0x9F).contains(byte) {
                return Unicode.Scalar(byte)
            }
            previous = byte
        }
        return pendingCR ? "\r" : nil
    }

    /// The sentence for a refused control character, naming the field and the character:
    /// `body: contains the control character U+0000, which is not allowed (only tab and line breaks are)`.
    package static func message(field: String, scalar: Unicode.Scalar?, allowsLineBreaks: Bool) -> String {
        let name = scalar.map { " " + codePoint($0) } ?? ""
        let allowed = allowsLineBreaks ? " (only tab and line breaks are)" : ""
        return "\(field): contains the control character\(name), which is not allowed\(allowed)"
    }

    /// `U+0000`, `U+000D` (a lone carriage return), `U+0085`.
    package static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

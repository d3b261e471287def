/// Makes stored text safe to print on a terminal: the one renderer every command passes comment
/// fields, names, reasons and moderator names through before they reach a screen.
///
/// A comment is data, never terminal control. Escape sequences (`ESC [ 2 K` erases a line, OSC
/// changes the title or hides a link), carriage returns and backspaces (which overwrite what was
/// printed), BEL, C1 controls, and bidirectional overrides and isolates (which reorder what is
/// shown) are printed as visible marks instead: C0 controls and DEL as their Unicode control
/// pictures (`␛`, `␍`, `␈`, `␇`), the others as `⟨U+202E⟩`. Joiners (ZWJ, ZWNJ), which emoji and
/// Urdu words need, are kept.
public enum TerminalText {
    /// `text` on one line: every control, newlines included, as a visible mark (`⏎` for a line break).
    public static func line(_ text: String) -> String {
        render(text, newline: "⏎")
    }

    /// `text` over several lines: a line break shows as `⏎` and goes on at the next line behind
    /// `indent`, so no line of a comment can start at the left edge and pass for the program's own.
    public static func block(_ text: String, indent: String = "  ") -> String {
        render(text, newline: "⏎\n" + indent)
    }

    /// Whether `text` holds anything ``line(_:)`` would mark.
    public static func needsMarking(_ text: String) -> Bool {
        text.unicodeScalars.contains { mark(for: $0) != nil }
    }

    private static func render(_ text: String, newline: String) -> String {
        guard needsMarking(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                out += newline
            } else if let mark = mark(for: scalar) {
                out += mark
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The visible mark for a scalar that must not reach a terminal raw, or nil.
    package static func mark(for scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x0A:
            return "⏎"
        case 0x00...0x1F:
            return String(Unicode.Scalar(0x2400 + value)!)
        case 0x7F:
            return "␡"
        case 0x80...0x9F,  // C1 controls (CSI, OSC, ST … on terminals that read 8-bit controls)
            0x061C, 0x200E, 0x200F,  // Arabic letter mark, LRM, RLM
            0x202A...0x202E,  // LRE, RLE, PDF, LRO, RLO
            0x2066...0x2069,  // LRI, RLI, FSI, PDI
            0x2028, 0x2029:  // line and paragraph separators
            return "⟨U+" + String(value, radix: 16, uppercase: true).leftPadded(to: 4) + "⟩"
        default:
            return nil
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// How a length limit counts a text.
public enum LengthUnit: String, Codable, Sendable, CaseIterable {
    /// What a reader sees: extended grapheme clusters (👨‍👩‍👧‍👦 is one, e + combining accent is one).
    case characters
    /// Unicode scalar values (code points).
    case scalars
    /// UTF-16 code units: what a browser's `maxlength` counts.
    case utf16

    /// The length of `text` in this unit.
    public func count(_ text: String) -> Int {
        switch self {
        case .characters: text.count
        case .scalars: text.unicodeScalars.count
        case .utf16: text.utf16.count
        }
    }

    /// The unit's plural noun, for messages ("1,501 characters").
    public var noun: String {
        switch self {
        case .characters: "characters"
        case .scalars: "code points"
        case .utf16: "UTF-16 code units"
        }
    }
}

extension Int {
    /// The number with thousands separators: 1500 → "1,500".
    var grouped: String {
        let digits = String(magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return self < 0 ? "-" + out : out
    }
}

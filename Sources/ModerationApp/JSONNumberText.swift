import Foundation

/// What Foundation's `JSONSerialization` made of a JSON number literal, as text.
///
/// `SubmissionLine` used to read lines with `JSONSerialization` and print a numeric `id` or
/// `article` with `NSNumber.stringValue`; this keeps that text without the NSNumber. The steps are
/// those of swift-corelibs-foundation's `NSNumber.fromJSONNumber` (Int64 or UInt64 for short
/// integers, Decimal for long mantissas, Double otherwise) followed by the value's `description`,
/// which is what `stringValue` returns: `12` → "12", `-0` → "0", `1.5` → "1.5", `1e3` → "1000.0",
/// `1e-7` → "1e-07". The differential test in ModerationAppTests compares it with Foundation.
enum JSONNumberText {
    /// The literal's text as `NSNumber.stringValue` gave it, or nil when `JSONSerialization`
    /// refused the number as not representable (`1e400`).
    ///
    /// - Parameter literal: A literal that already matches the JSON number grammar.
    static func stringValue(of literal: String) -> String? {
        let bytes = literal.utf8
        // Foundation looks for a lower-case "e" only: "1E3" takes the integer attempt, fails it, and
        // ends up a Double like "1e3".
        let exponentIndex = bytes.firstIndex(of: UInt8(ascii: "e"))
        let isInteger = !bytes.contains(UInt8(ascii: ".")) && exponentIndex == nil
        let isNegative = bytes.first == UInt8(ascii: "-")
        let digitCount = bytes.distance(from: bytes.startIndex, to: exponentIndex ?? bytes.endIndex)
        if isInteger {
            if isNegative {
                if digitCount <= 19, let value = Int64(literal) { return String(value) }
            } else if digitCount <= 20, let value = UInt64(literal) {
                return String(value)
            }
        }
        var exponent = 0
        if let exponentIndex, let parsed = Int(literal[bytes.index(after: exponentIndex)...]) {
            exponent = parsed
        }
        if digitCount > 17, (-128...127).contains(exponent), let decimal = Decimal(string: literal), decimal.isFinite {
            return decimal.description
        }
        if let double = Double(literal), double.isFinite {
            return double.description
        }
        return nil
    }

    /// Whether `JSONSerialization` accepted the literal; cheap for the short integers that are the
    /// usual case (ids, labels), which always fit an Int64.
    static func isRepresentable(_ literal: UnsafeRawBufferPointer) -> Bool {
        if literal.count <= 18,
            !literal.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
        {
            return true
        }
        return stringValue(of: String(decoding: literal, as: UTF8.self)) != nil
    }
}

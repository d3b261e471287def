import ModerationRules

/// Writes verdicts as one-line JSON by hand: the same object `JSONEncoder` makes with sorted keys,
/// several times faster, since `check --jsonl` writes one per comment.
///
/// The line goes as UTF-8 bytes into a buffer the caller reuses; strings are escaped on their bytes:
/// `"` and `\`, the control characters (`\n`, `\r`, `\t`, else `\u00xx`), and U+2028 and U+2029,
/// which JavaScript does not allow raw in a string. Everything else is copied as it is.
public enum VerdictJSON {
    /// The verdict as one line of JSON.
    public static func line(_ verdict: Verdict) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        append(verdict, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the verdict as one line of JSON (without a line break) to `out`.
    public static func append(_ verdict: Verdict, to out: inout [UInt8]) {
        ascii("{\"decision\":\"", to: &out)
        ascii(verdict.decision.rawValue, to: &out)
        ascii("\",\"errors\":[", to: &out)
        list(verdict.errors, to: &out) { append($0, to: &$1) }
        ascii("],\"hits\":[", to: &out)
        list(verdict.hits, to: &out) { append($0, to: &$1) }
        out.append(UInt8(ascii: "]"))
        if let id = verdict.id {
            ascii(",\"id\":", to: &out)
            string(id, to: &out)
        }
        ascii(",\"reason\":", to: &out)
        string(verdict.reason, to: &out)
        ascii(",\"rules_version\":", to: &out)
        string(verdict.rulesVersion, to: &out)
        ascii(",\"score\":", to: &out)
        integer(verdict.score, to: &out)
        if !verdict.shadowErrors.isEmpty {
            ascii(",\"shadow_errors\":[", to: &out)
            list(verdict.shadowErrors, to: &out) { append($0, to: &$1) }
            out.append(UInt8(ascii: "]"))
        }
        ascii(",\"violations\":[", to: &out)
        list(verdict.violations, to: &out) { append($0, to: &$1) }
        out.append(UInt8(ascii: "]"))
        if let wouldBe = verdict.wouldBe {
            ascii(",\"would_be\":\"", to: &out)
            ascii(wouldBe.rawValue, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func append(_ failure: EngineFailure, to out: inout [UInt8]) {
        ascii("{\"code\":", to: &out)
        integer(Int(failure.code), to: &out)
        ascii(",\"field\":\"", to: &out)
        ascii(failure.field.rawValue, to: &out)
        ascii("\",\"message\":", to: &out)
        string(failure.message, to: &out)
        ascii(",\"rule\":", to: &out)
        string(failure.rule, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Writes `items` separated by commas, each with `element`.
    @inline(__always)
    private static func list<T>(_ items: [T], to out: inout [UInt8], _ element: (T, inout [UInt8]) -> Void) {
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            element(item, &out)
        }
    }

    private static func append(_ hit: Hit, to out: inout [UInt8]) {
        ascii("{\"action\":\"", to: &out)
        ascii(hit.action.rawValue, to: &out)
        ascii("\",\"field\":\"", to: &out)
        ascii(hit.field.rawValue, to: &out)
        ascii("\",\"mode\":\"", to: &out)
        ascii(hit.mode.rawValue, to: &out)
        ascii("\",\"rule\":", to: &out)
        string(hit.rule, to: &out)
        if let score = hit.score {
            ascii(",\"score\":", to: &out)
            integer(score, to: &out)
        }
        ascii(",\"spans\":[", to: &out)
        list(hit.spans, to: &out) { span, out in
            out.append(UInt8(ascii: "["))
            list(span, to: &out) { integer($0, to: &$1) }
            out.append(UInt8(ascii: "]"))
        }
        ascii("],\"text\":[", to: &out)
        list(hit.text, to: &out) { string($0, to: &$1) }
        ascii("]}", to: &out)
    }

    private static func append(_ violation: Violation, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        if let character = violation.character {
            ascii("\"character\":", to: &out)
            integer(Int(character), to: &out)
            out.append(UInt8(ascii: ","))
        }
        if let count = violation.count {
            ascii("\"count\":", to: &out)
            integer(count, to: &out)
            out.append(UInt8(ascii: ","))
        }
        ascii("\"field\":\"", to: &out)
        ascii(violation.field.rawValue, to: &out)
        ascii("\",", to: &out)
        if let limit = violation.limit {
            ascii("\"limit\":", to: &out)
            integer(limit, to: &out)
            out.append(UInt8(ascii: ","))
        }
        ascii("\"message\":", to: &out)
        string(violation.message, to: &out)
        ascii(",\"problem\":\"", to: &out)
        ascii(violation.problem.rawValue, to: &out)
        out.append(UInt8(ascii: "\""))
        if let unit = violation.unit {
            ascii(",\"unit\":\"", to: &out)
            ascii(unit.rawValue, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends text that needs no escaping: JSON syntax, and raw values of the model's enums.
    private static func ascii(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends text that needs no escaping: the raw values of the model's enums.
    private static func ascii(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    /// Appends an integer in decimal.
    static func integer(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: buffer[start...])
        }
    }

    /// Appends `text` as a JSON string: quotes, backslashes, control characters and U+2028/U+2029
    /// escaped, the rest copied byte for byte.
    static func string(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var plainStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let escapeLength: Int
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                    escapeLength = 1
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                    bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
                {
                    escapeLength = 3
                } else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<index]))
                switch byte {
                case UInt8(ascii: "\""): ascii("\\\"", to: &out)
                case UInt8(ascii: "\\"): ascii("\\\\", to: &out)
                case 0x0A: ascii("\\n", to: &out)
                case 0x0D: ascii("\\r", to: &out)
                case 0x09: ascii("\\t", to: &out)
                case 0xE2: ascii(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", to: &out)
                default:
                    let hex: StaticString = "0123456789abcdef"
                    ascii("\\u00", to: &out)
                    out.append(hex.utf8Start[Int(byte >> 4)])
                    out.append(hex.utf8Start[Int(byte & 0x0F)])
                }
                index += escapeLength
                plainStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

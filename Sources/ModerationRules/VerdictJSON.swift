

/// Writes verdicts as one-line JSON by hand: the same object `JSONEncoder` makes with sorted keys,
/// several times faster, since `check --jsonl` writes one per comment.
public enum VerdictJSON {
    /// The verdict as one line of JSON.
    public static func line(_ verdict: Verdict) -> String {
        var out = "{\"decision\":\"\(verdict.decision.rawValue)\",\"errors\":["
        for (index, failure) in verdict.errors.enumerated() {
            if index > 0 { out += "," }
            out += "{\"code\":\(failure.code),\"field\":\"\(failure.field.rawValue)\",\"message\":"
            appendString(failure.message, to: &out)
            out += ",\"rule\":"
            appendString(failure.rule, to: &out)
            out += "}"
        }
        out += "],\"hits\":["
        for (index, hit) in verdict.hits.enumerated() {
            if index > 0 { out += "," }
            out += "{\"action\":\"\(hit.action.rawValue)\",\"field\":\"\(hit.field.rawValue)\",\"mode\":\"\(hit.mode.rawValue)\",\"rule\":"
            appendString(hit.rule, to: &out)
            if let score = hit.score { out += ",\"score\":\(score)" }
            out += ",\"spans\":["
            out += hit.spans.map { "[\($0.map(String.init).joined(separator: ","))]" }.joined(separator: ",")
            out += "],\"text\":["
            for (position, text) in hit.text.enumerated() {
                if position > 0 { out += "," }
                appendString(text, to: &out)
            }
            out += "]}"
        }
        out += "]"
        if let id = verdict.id {
            out += ",\"id\":"
            appendString(id, to: &out)
        }
        out += ",\"reason\":"
        appendString(verdict.reason, to: &out)
        out += ",\"rules_version\":"
        appendString(verdict.rulesVersion, to: &out)
        out += ",\"score\":\(verdict.score),\"violations\":["
        for (index, violation) in verdict.violations.enumerated() {
            if index > 0 { out += "," }
            out += "{"
            if let count = violation.count { out += "\"count\":\(count)," }
            out += "\"field\":\"\(violation.field.rawValue)\","
            if let limit = violation.limit { out += "\"limit\":\(limit)," }
            out += "\"message\":"
            appendString(violation.message, to: &out)
            out += ",\"problem\":\"\(violation.problem.rawValue)\""
            if let unit = violation.unit { out += ",\"unit\":\"\(unit.rawValue)\"" }
            out += "}"
        }
        out += "]}"
        return out
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, the rest as is.
    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        var plainStart = text.unicodeScalars.startIndex
        var index = plainStart
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\"" || scalar == "\\" || scalar.value < 0x20 || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        out.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        out += "\""
    }
}

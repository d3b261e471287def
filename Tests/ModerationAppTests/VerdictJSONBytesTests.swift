import Foundation
import ModerationRules
import Testing

@testable import ModerationApp

/// The byte writer of ``VerdictJSON`` against the `String` writer it replaced (kept below as the
/// reference) and against `JSONEncoder`.
@Suite("Verdict JSON bytes")
struct VerdictJSONBytesTests {
    /// Texts with everything the escaping has to get right.
    static let texts: [String] = [
        "", "plain", "quote \" and backslash \\ and slash /", "a\nb\rc\td", "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1B}\u{1F}\u{7F}",
        "line \u{2028} paragraph \u{2029} end\u{2028}", "\u{2027}\u{202A}\u{2028}", "emoji 😀 👨‍👩‍👧‍👦 🇵🇰",
        "یہ ایک تبصرہ ہے، شکریہ", "e\u{301} \u{E9} \u{FEFF} \u{A0}", "\"\"\\\\\n\n", String(repeating: "long ", count: 300),
    ]

    static func verdicts() -> [Verdict] {
        var verdicts: [Verdict] = [
            Verdict(decision: .approve, score: 0, rulesVersion: "v", hits: [], violations: [], errors: [], reason: "ok"),
            Verdict(
                id: "c\"1\\", decision: .hold, score: 4, rulesVersion: "abc",
                hits: [
                    Hit(
                        rule: "t.x", field: .body, action: .score, mode: .shadow, score: 4, spans: [[0, 3], [5, 9]],
                        text: ["a\nb", "پاک 👨‍👩‍👧‍👦 \u{1}"])
                ],
                violations: [
                    Violation(field: .body, problem: .tooLong, limit: 1500, count: 1501, unit: .characters),
                    Violation(field: .email, problem: .required),
                ],
                errors: [EngineFailure(rule: "t.y", field: .name, message: "match limit", code: -47)], reason: "why \"so\""),
            Verdict(
                id: "", decision: .reject, score: -12, rulesVersion: "",
                hits: [
                    Hit(rule: "r", field: .url, action: .reject, mode: .enforce, score: nil, spans: [], text: []),
                    Hit(rule: "s", field: .name, action: .approve, mode: .enforce, score: -3, spans: [[]], text: [""]),
                ], violations: [Violation(field: .url, problem: .format), Violation(field: .name, problem: .invalid, limit: 3)],
                errors: [
                    EngineFailure(rule: "e", field: .body, message: "m", code: Int32.min),
                    EngineFailure(rule: "f", field: .email, message: "n", code: Int32.max),
                ], reason: ""),
        ]
        for (index, text) in texts.enumerated() {
            verdicts.append(
                Verdict(
                    id: text, decision: .hold, score: index * 1000, rulesVersion: text,
                    hits: [
                        Hit(
                            rule: text, field: .body, action: .hold, mode: .enforce, score: index,
                            spans: [[index, index + 1]], text: [text, text])
                    ],
                    violations: [Violation(field: .body, problem: .tooLong, limit: index, count: index + 1, unit: .utf16)],
                    errors: [EngineFailure(rule: text, field: .body, message: text, code: Int32(index))], reason: text))
        }
        return verdicts
    }

    @Test("the bytes are those the String writer made")
    func sameAsBefore() {
        var buffer: [UInt8] = []
        for verdict in Self.verdicts() {
            let before = Array(StringVerdictJSON.line(verdict).utf8)
            buffer.removeAll(keepingCapacity: true)
            VerdictJSON.append(verdict, to: &buffer)
            #expect(buffer == before, "\(String(decoding: buffer, as: UTF8.self))")
            #expect(Array(VerdictJSON.line(verdict).utf8) == before)
        }
    }

    @Test("appending keeps what the buffer held")
    func appends() {
        let verdict = Self.verdicts()[1]
        var buffer = Array("prefix\n".utf8)
        VerdictJSON.append(verdict, to: &buffer)
        #expect(buffer == Array(("prefix\n" + VerdictJSON.line(verdict)).utf8))
    }

    @Test("integers: zero, signs and the extremes")
    func integers() {
        for value in [0, 7, -7, 10, 1_000_000, Int.max, Int.min] {
            var buffer: [UInt8] = []
            VerdictJSON.integer(value, to: &buffer)
            #expect(String(decoding: buffer, as: UTF8.self) == String(value))
        }
    }

    @Test("the line is the object JSONEncoder makes with sorted keys: quotes, control characters, U+2028, emoji, Urdu")
    func sameAsEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for verdict in Self.verdicts() {
            let line = VerdictJSON.line(verdict)
            #expect(!line.contains("\n") && !line.contains("\u{2028}") && !line.contains("\u{2029}"))
            let encoded = try encoder.encode(verdict)
            #expect(try JSONDecoder().decode(Verdict.self, from: Data(line.utf8)) == verdict)
            let viaEncoder = try JSONSerialization.jsonObject(with: encoded) as? NSDictionary
            let viaHand = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary
            #expect(viaEncoder != nil && viaEncoder == viaHand)
            // The keys come in JSONEncoder's sorted order: the same text once escapes are undone.
            #expect(Self.keyOrder(line) == Self.keyOrder(String(decoding: encoded, as: UTF8.self)))
        }
    }

    /// The object keys of a JSON text in order of appearance (a key is a string followed by a colon).
    static func keyOrder(_ json: String) -> [String] {
        let pattern = try? NSRegularExpression(pattern: #""([a-z_]+)":"#)
        let range = NSRange(json.startIndex..., in: json)
        return pattern?.matches(in: json, range: range).compactMap { Range($0.range(at: 1), in: json).map { String(json[$0]) } }
            ?? []
    }
}

/// The `VerdictJSON` that built a `String` with `unicodeScalars` appends, kept as the reference.
enum StringVerdictJSON {
    static func line(_ verdict: Verdict) -> String {
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
            out +=
                "{\"action\":\"\(hit.action.rawValue)\",\"field\":\"\(hit.field.rawValue)\",\"mode\":\"\(hit.mode.rawValue)\",\"rule\":"
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

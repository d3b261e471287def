import Foundation

/// One-line JSON for machine output: stable key order, slashes and non-ASCII unescaped.
public enum JSONOutput {
    /// Encodes a value as one line of JSON.
    public static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// An error line for a JSONL input line: `{"line":3,"error":"malformed JSON"}`.
    public static func errorLine(line: Int, id: String?, message: String) -> String {
        struct ErrorLine: Encodable {
            var line: Int
            var id: String?
            var error: String
        }
        return Self.line(ErrorLine(line: line, id: id, error: message))
    }

    /// Appends what `line(_:)` makes of a stored submission, `{"created":true,"id":12,"line":3}`,
    /// without an encoder: `submit --jsonl` writes one per comment.
    public static func appendSubmitted(line: Int, id: Int64, created: Bool, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"created":"#.utf8)
        out.append(contentsOf: (created ? "true" : "false").utf8)
        out.append(contentsOf: #","id":"#.utf8)
        out.append(contentsOf: String(id).utf8)
        out.append(contentsOf: #","line":"#.utf8)
        out.append(contentsOf: String(line).utf8)
        out.append(UInt8(ascii: "}"))
    }
}

import Foundation
import ModerationRules

// Benchmarks/json-reader.sh builds a copy of moderate with this file in place of
// Sources/ModerationApp/SubmissionLine.swift: the same `SubmissionLine`, parsed by Foundation's
// `JSONDecoder` into a `Decodable` struct of the same fields instead of by `JSONLineReader`.
// The same checks in the same order (UTF-8 first, then body-and-text, then each field's type);
// numbers for `id` and `article` are printed by Swift, not as `NSNumber.stringValue` did.

/// One parsed JSONL input line: a comment plus the caller's id and idempotency key.
public struct SubmissionLine: Sendable, Equatable {
    /// The caller's id, echoed in output (`check`).
    public var id: String?
    /// The idempotency key (`submit`).
    public var key: String?
    /// The comment.
    public var comment: CommentInput

    /// The keys an input object may carry; `text` is an alias of `body`.
    public static let keys: Set<String> = ["id", "article", "name", "email", "url", "ip", "key", "body", "text"]

    /// Creates a line.
    public init(id: String? = nil, key: String? = nil, comment: CommentInput) {
        self.id = id
        self.key = key
        self.comment = comment
    }

    /// Parses one line of JSONL with `JSONDecoder`; a malformed line throws a message naming the problem.
    public static func parse(_ data: Data) throws(AppError) -> SubmissionLine {
        guard data.withUnsafeBytes({ UTF8Validation.isValid($0) }) else {
            throw AppError(.dataError, "the line is not valid UTF-8")
        }
        do {
            return try decoder.decode(Fields.self, from: data).line
        } catch let error as AppError {
            throw error
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty
                    && data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "[") {
            throw AppError(.dataError, "expected a JSON object")
        } catch {
            throw AppError(.dataError, "malformed JSON")
        }
    }

    /// The decoder every line goes through.
    private static let decoder = JSONDecoder()

    /// The fields of a line, decoded.
    private struct Fields: Decodable {
        var line: SubmissionLine

        enum Key: String, CodingKey {
            case id, article, name, email, url, ip, key, body, text
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            func given(_ key: Key) throws -> Bool {
                try container.contains(key) && !container.decodeNil(forKey: key)
            }
            if try given(.body), try given(.text) {
                throw AppError(.dataError, "give either body or text, not both")
            }
            func text(_ key: Key) throws -> String? {
                guard try given(key) else { return nil }
                if let value = try? container.decode(String.self, forKey: key) { return value }
                if key == .id || key == .article {
                    if let value = try? container.decode(Int.self, forKey: key) { return String(value) }
                    if let value = try? container.decode(Double.self, forKey: key) { return String(value) }
                    if let value = try? container.decode(Bool.self, forKey: key) { return value ? "1" : "0" }
                }
                throw AppError(.dataError, "\(key.rawValue): expected a string")
            }
            let body = try text(.body)
            let alias = try text(.text)
            let comment = CommentInput(article: try text(.article), name: try text(.name), email: try text(.email),
                                       url: try text(.url), ip: try text(.ip), body: body ?? alias)
            line = SubmissionLine(id: try text(.id), key: try text(.key), comment: comment)
        }
    }
}

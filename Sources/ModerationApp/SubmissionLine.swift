import Foundation
import ModerationRules

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

    /// Parses one line of JSONL; a malformed line throws a message naming the problem.
    /// Unknown keys are ignored so that corpora with extra fields (label, lang…) can be checked as they are.
    ///
    /// The line is read by ``JSONLineReader`` from its bytes; it accepts and refuses what
    /// `JSONSerialization` did, with the same messages. A number is accepted for `id` and `article`
    /// and written as Foundation's `NSNumber.stringValue` wrote it (`12` → "12", `1e3` → "1000.0"),
    /// and so is `true`/`false` ("1"/"0"). When `body` and `text` are both given and not null, that
    /// is refused before any field's type is looked at.
    public static func parse(_ data: Data) throws(AppError) -> SubmissionLine {
        let values: [JSONLineReader.Value?]
        do throws(JSONLineReader.Failure) {
            values = try reader.read(data)
        } catch {
            switch error {
            case .invalidUTF8: throw AppError(.dataError, "the line is not valid UTF-8")
            case .malformed: throw AppError(.dataError, "malformed JSON")
            case .notAnObject: throw AppError(.dataError, "expected a JSON object")
            }
        }
        func text(_ key: Key) throws(AppError) -> String? {
            switch values[key.rawValue] {
            case nil, .null?:
                return nil
            case .string(let value)?:
                return value
            case .number(let literal)? where key == .id || key == .article:
                return JSONNumberText.stringValue(of: literal) ?? literal
            case .bool(let value)? where key == .id || key == .article:
                return value ? "1" : "0"
            default:
                throw AppError(.dataError, "\(key): expected a string")
            }
        }
        func given(_ key: Key) -> Bool {
            switch values[key.rawValue] {
            case nil, .null?: false
            default: true
            }
        }
        if given(.body), given(.text) {
            throw AppError(.dataError, "give either body or text, not both")
        }
        let body = try text(.body)
        let alias = try text(.text)
        let comment = CommentInput(
            article: try text(.article), name: try text(.name), email: try text(.email),
            url: try text(.url), ip: try text(.ip), body: body ?? alias)
        return SubmissionLine(id: try text(.id), key: try text(.key), comment: comment)
    }

    /// The keys `parse` reads, in the reader's order.
    private enum Key: Int, CaseIterable, CustomStringConvertible {
        case id, article, name, email, url, ip, key, body, text

        var description: String {
            switch self {
            case .id: "id"
            case .article: "article"
            case .name: "name"
            case .email: "email"
            case .url: "url"
            case .ip: "ip"
            case .key: "key"
            case .body: "body"
            case .text: "text"
            }
        }
    }

    /// The one reader every line goes through.
    // Hand-written over JSONDecoder: a whole check --jsonl on the labeled corpora costs 1.11× the instructions with JSONDecoder (Benchmarks/json-reader.sh, 2026-12-03).
    private static let reader = JSONLineReader(keys: Key.allCases.map(\.description))
}

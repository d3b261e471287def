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
    public static func parse(_ data: Data) throws(AppError) -> SubmissionLine {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw AppError(.dataError, "the line is not valid UTF-8")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw AppError(.dataError, "malformed JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw AppError(.dataError, "expected a JSON object")
        }
        func text(_ key: String) throws(AppError) -> String? {
            switch fields[key] {
            case nil, is NSNull: return nil
            case let value as String: return value
            case let value as NSNumber where key == "id" || key == "article": return value.stringValue
            default: throw AppError(.dataError, "\(key): expected a string")
            }
        }
        if fields["body"] != nil, fields["text"] != nil, !(fields["body"] is NSNull), !(fields["text"] is NSNull) {
            throw AppError(.dataError, "give either body or text, not both")
        }
        let body = try text("body")
        let alias = try text("text")
        let comment = CommentInput(article: try text("article"), name: try text("name"), email: try text("email"),
                                   url: try text("url"), ip: try text("ip"), body: body ?? alias)
        return SubmissionLine(id: try text("id"), key: try text("key"), comment: comment)
    }
}

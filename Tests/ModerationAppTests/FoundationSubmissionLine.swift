import Foundation
import ModerationRules

@testable import ModerationApp

/// The `SubmissionLine.parse` that shipped before ``JSONLineReader``, kept word for word as the
/// reference of the differential tests: `String(validating:)`, then `JSONSerialization`.
enum FoundationSubmissionLine {
    static func parse(_ data: Data) throws(AppError) -> SubmissionLine {
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
        let comment = CommentInput(
            article: try text("article"), name: try text("name"), email: try text("email"),
            url: try text("url"), ip: try text("ip"), body: body ?? alias)
        return SubmissionLine(id: try text("id"), key: try text("key"), comment: comment)
    }

    /// The outcome of either parser, comparable: the line, or the error's text.
    enum Outcome: Equatable, CustomStringConvertible {
        case line(SubmissionLine)
        case error(String)

        init(_ parse: () throws(AppError) -> SubmissionLine) {
            do {
                self = .line(try parse())
            } catch {
                self = .error(error.description)
            }
        }

        var description: String {
            switch self {
            case .line(let line): "line(id: \(line.id.debugDescription), key: \(line.key.debugDescription), \(line.comment))"
            case .error(let message): "error(\(message))"
            }
        }
    }
}

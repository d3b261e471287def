import ModerationRules

/// Where `submit`, `check` and `rules explain` take their comments from: one comment given by its
/// fields, or a JSONL batch.
public enum CommentSource: Sendable {
    /// One comment; a `nil` body is read from `bodyFile`, or from standard input when that is `nil` too.
    case single(CommentInput, bodyFile: String?)
    /// A JSONL file, or `-` for standard input, one comment object a line.
    case jsonl(String)

    /// The single comment, its body read from its file or standard input when needed.
    public func comment(reader: InputReader) throws(AppError) -> CommentInput {
        guard case .single(var comment, let bodyFile) = self else {
            throw AppError(.usage, "a JSONL source has no single comment")
        }
        if comment.body == nil { comment.body = try reader.readBody(from: bodyFile ?? "-") }
        if let text = comment.body, text.utf8.count > reader.maxBytes {
            throw AppError(.dataError, "body: the input is over \(reader.maxBytes) bytes")
        }
        return comment
    }
}

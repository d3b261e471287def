/// A field of the comment form.
public enum CommentField: String, Codable, Sendable, CaseIterable, Comparable {
    /// The commenter's name.
    case name
    /// The commenter's email address.
    case email
    /// The comment text.
    case body
    /// The commenter's website.
    case url

    /// Form order: name, email, body, url.
    public static func < (lhs: CommentField, rhs: CommentField) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The fields of one comment as the engine sees them, before or without storage.
public struct CommentInput: Sendable, Codable, Equatable {
    /// The article the comment is for.
    public var article: String?
    /// The commenter's name.
    public var name: String?
    /// The commenter's email address.
    public var email: String?
    /// The commenter's website.
    public var url: String?
    /// The commenter's IP address (not checked by rules; used for bans).
    public var ip: String?
    /// The comment text exactly as submitted.
    public var body: String?

    /// Creates a comment.
    public init(
        article: String? = nil, name: String? = nil, email: String? = nil, url: String? = nil,
        ip: String? = nil, body: String? = nil
    ) {
        self.article = article
        self.name = name
        self.email = email
        self.url = url
        self.ip = ip
        self.body = body
    }

    /// The value of a form field.
    public subscript(field: CommentField) -> String? {
        switch field {
        case .name: name
        case .email: email
        case .body: body
        case .url: url
        }
    }
}

/// A store failure that says what went wrong and keeps the backend's own code.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The kinds of failure callers act on.
    public enum Kind: String, Sendable {
        /// The database cannot be opened or reached.
        case unavailable
        /// The database stayed locked or busy past the timeout.
        case busy
        /// A comment id that does not exist.
        case notFound
        /// The change conflicts with the current state (e.g. deciding a pending comment).
        case conflict
        /// The data given cannot be stored as it is (e.g. a text holding NUL); nothing was stored.
        case invalid
        /// Anything else the backend reported.
        case backend
    }

    /// The kind of failure.
    public var kind: Kind
    /// A sentence for a person.
    public var message: String
    /// The backend's own result code, when it gave one (SQLite result code, PostgreSQL SQLSTATE).
    public var code: String?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, code: String? = nil) {
        self.kind = kind
        self.message = message
        self.code = code
    }

    /// The message, with the backend code when there is one.
    public var description: String {
        code.map { "\(message) (\($0))" } ?? message
    }
}

import Foundation

/// Where a comment stands in the moderation flow.
public enum CommentState: String, Codable, Sendable, CaseIterable {
    /// Submitted and waiting for a worker.
    case pending
    /// Shown on the site.
    case approved
    /// Waiting for a moderator.
    case held
    /// Never shown.
    case rejected
}

/// A comment accepted by intake, before the store gives it an id.
public struct NewComment: Sendable, Codable, Equatable {
    /// The article the comment belongs to.
    public var article: String
    /// The commenter's name as typed.
    public var name: String
    /// The commenter's email address.
    public var email: String
    /// The commenter's website, if given.
    public var url: String?
    /// The commenter's IP address, if the site passed it.
    public var ip: String?
    /// The comment text exactly as submitted.
    public var body: String
    /// An idempotency key: a second submission with the same key returns the first one's id.
    public var key: String?
    /// When the comment was submitted.
    public var submittedAt: Date

    /// Creates a submission.
    public init(
        article: String, name: String, email: String, url: String? = nil, ip: String? = nil,
        body: String, key: String? = nil, submittedAt: Date = Date()
    ) {
        self.article = article
        self.name = name
        self.email = email
        self.url = url
        self.ip = ip
        self.body = body
        self.key = key
        self.submittedAt = submittedAt
    }
}

/// The outcome of one submission.
public struct SubmitResult: Sendable, Codable, Equatable {
    /// The stored comment's id.
    public var id: Int64
    /// False when an earlier submission with the same idempotency key was returned instead.
    public var created: Bool

    /// Creates a result.
    public init(id: Int64, created: Bool) {
        self.id = id
        self.created = created
    }
}

/// The automatic verdict as the store keeps it: the columns it filters on, and the full verdict JSON.
public struct VerdictRecord: Sendable, Codable, Equatable {
    /// The state the verdict puts the comment in: approved, held or rejected.
    public var state: CommentState
    /// The summed score of the score rules.
    public var score: Int
    /// The hash of the rules files that produced the verdict.
    public var rulesVersion: String
    /// The ids of the rules that hit, for `queue list --rule`.
    public var ruleIDs: [String]
    /// The whole verdict as JSON (hits, spans, violations, errors), opaque to the store.
    public var json: String
    /// A one-line reason for the audit event, e.g. "spam.link-flood (reject)".
    public var reason: String?

    /// Creates a verdict record.
    public init(state: CommentState, score: Int, rulesVersion: String, ruleIDs: [String], json: String, reason: String? = nil) {
        self.state = state
        self.score = score
        self.rulesVersion = rulesVersion
        self.ruleIDs = ruleIDs
        self.json = json
        self.reason = reason
    }
}

/// A comment as stored, with its state, verdict and lease.
public struct StoredComment: Sendable, Codable, Equatable, Identifiable {
    /// The id the store gave the comment.
    public var id: Int64
    /// The submitted fields.
    public var comment: NewComment
    /// The current state.
    public var state: CommentState
    /// The automatic verdict, once a worker has decided.
    public var verdict: VerdictRecord?
    /// The worker holding the lease, while one does.
    public var leaseOwner: String?
    /// When that lease runs out.
    public var leaseExpiresAt: Date?
    /// How many times a worker has claimed the comment.
    public var attempts: Int
    /// When the state last changed.
    public var updatedAt: Date

    /// Creates a stored comment.
    public init(
        id: Int64, comment: NewComment, state: CommentState, verdict: VerdictRecord? = nil,
        leaseOwner: String? = nil, leaseExpiresAt: Date? = nil, attempts: Int = 0, updatedAt: Date
    ) {
        self.id = id
        self.comment = comment
        self.state = state
        self.verdict = verdict
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
        self.attempts = attempts
        self.updatedAt = updatedAt
    }
}

/// Who made a change recorded in the audit log.
public enum AuditKind: String, Codable, Sendable {
    /// A worker applied the rules.
    case automatic
    /// A moderator approved or rejected.
    case moderator
    /// A moderator undid an earlier decision.
    case undo
}

/// One append-only entry of a comment's history.
public struct AuditEvent: Sendable, Codable, Equatable, Identifiable {
    /// The event's id, increasing with time.
    public var id: Int64
    /// The comment the event is about.
    public var commentID: Int64
    /// When it happened.
    public var at: Date
    /// What kind of change it was.
    public var kind: AuditKind
    /// The worker id or the moderator's name.
    public var actor: String
    /// The state before (nil for the submission itself).
    public var from: CommentState?
    /// The state after.
    public var to: CommentState
    /// Why: the rules that decided, or the moderator's reason.
    public var reason: String?
    /// The rules version of an automatic decision.
    public var rulesVersion: String?
    /// Decisions made by one command share a batch, so that undo takes them back together.
    public var batch: String?

    /// Creates an event.
    public init(
        id: Int64, commentID: Int64, at: Date, kind: AuditKind, actor: String, from: CommentState?,
        to: CommentState, reason: String?, rulesVersion: String?, batch: String?
    ) {
        self.id = id
        self.commentID = commentID
        self.at = at
        self.kind = kind
        self.actor = actor
        self.from = from
        self.to = to
        self.reason = reason
        self.rulesVersion = rulesVersion
        self.batch = batch
    }

    /// JSON keys in snake_case, like every key `moderate` writes.
    enum CodingKeys: String, CodingKey {
        case id, at, kind, actor, from, to, reason, batch
        case commentID = "comment_id"
        case rulesVersion = "rules_version"
    }
}

/// What a ban applies to.
public enum BanKind: String, Codable, Sendable, CaseIterable {
    /// An email address, compared case-insensitively.
    case email
    /// An IP address.
    case ip
    /// A commenter name, compared case-insensitively.
    case name
}

/// A ban on an author.
public struct Ban: Sendable, Codable, Equatable {
    /// What is banned.
    public var kind: BanKind
    /// The banned value, in its canonical form (``BanValue``).
    public var value: String
    /// Why.
    public var reason: String?
    /// Who banned it.
    public var createdBy: String
    /// When.
    public var createdAt: Date

    /// Creates a ban; the value is put in its canonical form.
    public init(kind: BanKind, value: String, reason: String? = nil, createdBy: String, createdAt: Date = Date()) {
        self.kind = kind
        self.value = BanValue.canonical(value, kind: kind)
        self.reason = reason
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// JSON keys in snake_case (`ban list --format json`).
    enum CodingKeys: String, CodingKey {
        case kind, value, reason
        case createdBy = "created_by"
        case createdAt = "created_at"
    }
}

/// Which comments a listing returns.
public struct CommentFilter: Sendable, Equatable {
    /// Only this state; nil for all.
    public var state: CommentState?
    /// Only this article.
    public var article: String?
    /// Only comments whose verdict has a hit of this rule.
    public var ruleID: String?
    /// Only comments from this email address (compared without regard to case).
    public var author: String?
    /// Only comments with a greater id: the cursor of the next page.
    public var afterID: Int64?
    /// At most this many, oldest first.
    public var limit: Int?

    /// Creates a filter.
    public init(
        state: CommentState? = nil, article: String? = nil, ruleID: String? = nil, author: String? = nil,
        afterID: Int64? = nil, limit: Int? = nil
    ) {
        self.state = state
        self.article = article
        self.ruleID = ruleID
        self.author = author
        self.afterID = afterID
        self.limit = limit
    }
}

/// A worker's finished verdict on a claimed comment.
public struct CompletedVerdict: Sendable, Equatable {
    /// The comment decided.
    public var commentID: Int64
    /// The verdict to store.
    public var verdict: VerdictRecord

    /// Creates a completed verdict.
    public init(commentID: Int64, verdict: VerdictRecord) {
        self.commentID = commentID
        self.verdict = verdict
    }
}

/// A rules set that loaded: every file's text, its version (the content hash verdicts record) and
/// when it was stored. The worker keeps the last good set in the store, to start on it when the
/// files on disk do not load.
public struct StoredRules: Sendable, Equatable {
    /// The rules version (hash of every file's name and bytes).
    public var version: String
    /// Every file's text, by path relative to the rules folder.
    public var files: [String: String]
    /// When this version was first stored.
    public var storedAt: Date

    /// Creates a stored set.
    public init(version: String, files: [String: String], storedAt: Date) {
        self.version = version
        self.files = files
        self.storedAt = storedAt
    }

    /// The files as one JSON object (sorted keys), the form the database stores.
    public var filesJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(files)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The files decoded from ``filesJSON``.
    public static func files(fromJSON json: String) throws -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        } catch {
            throw StoreError(.backend, "the stored rules set is not readable: \(error)")
        }
    }
}

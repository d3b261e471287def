import FieldText
import Foundation

/// The checks and wordings every store applies the same way, so that backends agree on edge cases.
///
/// Semantics shared by all stores (the contract test suite checks them):
/// - No audit event is written on submission: a comment's history starts with its automatic
///   decision; the submission time is ``NewComment/submittedAt``.
/// - "Oldest first" means in id order, which is the order of submission.
/// - A moderator decision on a comment already in the target state writes no event; a call whose
///   comments are all already there writes no batch, so `undoLast` skips it.
/// - A decision made `expecting` states is refused (`.conflict`, nothing changes) when a comment is
///   in another state by now: the moderator acted on a screen that is out of date. The error names
///   who changed the comment last, when, and to what.
/// - A review claim is the lease of a held comment: a moderator claims one comment at a time to
///   show it; other reviewers skip it, and another moderator's decision on it is refused
///   (`.conflict`, naming the claimer and the end of the claim) while it lives, unless overridden.
///   A decision clears the claims of the comments it decides.
/// - `undoLast` takes back the moderator's latest batch only when every comment of it is still in
///   the state the batch put it in; when someone has decided one of them since, it throws
///   `.conflict` naming who, and the batch stays as it is (nothing is used up).
public enum StoreContract {
    /// Throws `.invalid` naming the field when a text of `comment` holds a control character that
    /// intake refuses (``ControlCharacters``: the body may hold tab, line feed and CR LF, the other
    /// fields none). Every store calls it before writing, so no store keeps a text cut at NUL or
    /// fails half-way: what intake would refuse, the store refuses in the same words.
    public static func checkText(_ comment: NewComment) throws {
        if let problem = textProblem(comment) { throw StoreError(.invalid, problem + "; nothing was stored.") }
    }

    /// ``checkText(_:)`` for a batch, before anything of it is written: the error names the
    /// comment's position in the batch (1-based) and the field.
    public static func checkText(batch: [NewComment]) throws {
        for (index, comment) in batch.enumerated() {
            if let problem = textProblem(comment) {
                throw StoreError(.invalid, "comment \(index + 1) of the batch: \(problem); nothing of the batch was stored.")
            }
        }
    }

    /// The sentence for the first field of `comment` that holds a refused control character.
    public static func textProblem(_ comment: NewComment) -> String? {
        let fields: [(String, String?, Bool)] = [
            ("article", comment.article, false), ("name", comment.name, false), ("email", comment.email, false),
            ("body", comment.body, true), ("url", comment.url, false), ("ip", comment.ip, false), ("key", comment.key, false),
        ]
        for (field, value, lineBreaks) in fields {
            guard let value, let scalar = ControlCharacters.firstRefused(in: value, allowsLineBreaks: lineBreaks) else {
                continue
            }
            return ControlCharacters.message(field: field, scalar: scalar, allowsLineBreaks: lineBreaks)
        }
        return nil
    }

    /// The states a moderator may put a comment in.
    public static let decisionStates: Set<CommentState> = [.approved, .rejected, .held]

    /// Throws `.conflict` unless a moderator may put a comment in `state`.
    public static func checkDecisionState(_ state: CommentState) throws {
        guard decisionStates.contains(state) else {
            throw StoreError(.conflict, "A moderator can approve, reject or hold a comment, not make it \(state.rawValue).")
        }
    }

    /// Throws `.conflict` unless every verdict puts its comment in a decided state.
    public static func checkVerdicts(_ verdicts: [CompletedVerdict]) throws {
        if let bad = verdicts.first(where: { $0.verdict.state == .pending }) {
            throw StoreError(
                .conflict, "The verdict on comment \(bad.commentID) leaves it pending; a verdict must approve, hold or reject.")
        }
    }

    /// The error for ids that name no comment: `comment 42: no such comment`.
    public static func notFound(_ ids: [Int64]) -> StoreError {
        let list = ids.map(String.init).joined(separator: ", ")
        // The one wording every command uses for an unknown id.
        return StoreError(.notFound, ids.count == 1 ? "comment \(list): no such comment" : "comments \(list): no such comments")
    }

    /// The error for a moderator decision on comments that no worker has decided yet.
    public static func stillPending(_ ids: [Int64]) -> StoreError {
        let list = ids.map(String.init).joined(separator: ", ")
        return StoreError(.conflict, "Comment \(list) is still pending: a worker has not decided it yet.")
    }

    /// The error for a decision made on an out-of-date view: comment `id` is `current` now, not
    /// one of `expected`; `last` is the latest event on it, when there is one.
    public static func changedSince(
        _ id: Int64, current: CommentState, expected: Set<CommentState>, last: AuditEvent?
    ) -> StoreError {
        let wanted = expected.map(\.rawValue).sorted().joined(separator: " or ")
        var message = "Comment \(id) is \(current.rawValue) now, not \(wanted)"
        if let last {
            message += ": \(last.actor) made it \(last.to.rawValue) at \(timestamp(last.at))"
            if let reason = last.reason, last.kind != .undo { message += " (\(reason))" }
        }
        return StoreError(.conflict, message + ". Nothing changed; look at it again before deciding.")
    }

    /// Whether a lease on a decided comment is another moderator's review claim that has not run out.
    public static func isClaimedByOther(owner: String?, expiresAt: Date?, moderator: String, now: Date) -> Bool {
        guard let owner, owner != moderator, let expiresAt else { return false }
        return expiresAt >= now
    }

    /// The error for a decision on a comment another moderator is reviewing.
    public static func claimedByOther(_ id: Int64, owner: String, until: Date) -> StoreError {
        StoreError(
            .conflict,
            "Comment \(id) is being reviewed by \(owner) (claimed until \(timestamp(until))). Nothing changed; "
                + "wait for them, or decide anyway with --force.")
    }

    /// The error for an undo whose decision someone has overridden since.
    public static func overridden(_ id: Int64, by last: AuditEvent?) -> StoreError {
        var message = "Your last decision can no longer be undone: comment \(id) was decided again since"
        if let last { message += " by \(last.actor), who made it \(last.to.rawValue) at \(timestamp(last.at))" }
        return StoreError(.conflict, message + ". Nothing was undone.")
    }

    /// A time in UTC, to the second, as the errors print it.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The ids in their first order, each once.
    public static func unique(_ ids: [Int64]) -> [Int64] {
        var seen = Set<Int64>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// A fresh batch id for the audit events of one moderator command.
    public static func newBatchID() -> String {
        UUID().uuidString.lowercased()
    }

    /// The reason recorded on the events that undo `batch`.
    public static func undoReason(of batch: String) -> String {
        "undo of \(batch)"
    }
}

import Foundation

/// The checks and wordings every store applies the same way, so that backends agree on edge cases.
///
/// Semantics shared by all stores (the contract test suite checks them):
/// - No audit event is written on submission: a comment's history starts with its automatic
///   decision; the submission time is ``NewComment/submittedAt``.
/// - "Oldest first" means in id order, which is the order of submission.
/// - A moderator decision on a comment already in the target state writes no event; a call whose
///   comments are all already there writes no batch, so `undoLast` skips it.
/// - `undoLast` restores only comments still in the state the batch put them in, and marks the
///   batch undone even when nothing could be restored (it then returns no events).
public enum StoreContract {
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
            throw StoreError(.conflict, "The verdict on comment \(bad.commentID) leaves it pending; a verdict must approve, hold or reject.")
        }
    }

    /// The error for ids that name no comment.
    public static func notFound(_ ids: [Int64]) -> StoreError {
        let list = ids.map(String.init).joined(separator: ", ")
        return StoreError(.notFound, ids.count == 1 ? "No comment has id \(list)." : "No comments have ids \(list).")
    }

    /// The error for a moderator decision on comments that no worker has decided yet.
    public static func stillPending(_ ids: [Int64]) -> StoreError {
        let list = ids.map(String.init).joined(separator: ", ")
        return StoreError(.conflict, "Comment \(list) is still pending: a worker has not decided it yet.")
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

    /// The canonical forms of an author's fields to compare with bans, leaving out empty ones.
    public static func banCandidates(email: String, ip: String?, name: String) -> [(kind: BanKind, value: String)] {
        var candidates: [(kind: BanKind, value: String)] = [(.email, Ban.canonical(email))]
        if let ip { candidates.append((.ip, Ban.canonical(ip))) }
        candidates.append((.name, Ban.canonical(name)))
        return candidates.filter { !$0.value.isEmpty }
    }
}

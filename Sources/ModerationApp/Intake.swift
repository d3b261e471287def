import Foundation
import ModerationRules
import ModerationStore

/// Intake: applies the form policy to a submission and turns an accepted one into a ``NewComment``.
public struct Intake: Sendable {
    /// The policy applied.
    public let policy: Policy

    /// Creates an intake for a policy.
    public init(policy: Policy) {
        self.policy = policy
    }

    /// The comment to store, or an ``AppError`` (exit 65) with one line a problem.
    public func accept(_ line: SubmissionLine, scratch: EngineScratch, now: Date = Date()) throws(AppError) -> NewComment {
        var problems = policy.violations(of: line.comment, scratch: scratch).map(\.message)
        let article = line.comment.article.map(Self.trimmed) ?? ""
        if article.isEmpty { problems.insert("article: required, and missing or blank", at: 0) }
        if article.utf8.count > 200 { problems.insert("article: \(article.utf8.count) bytes, the limit is 200", at: 0) }
        if let ip = line.comment.ip, !ip.isEmpty, case .failure = BanValue.validated(ip, kind: .ip) {
            problems.append("ip: not an IPv4 or IPv6 address (leading zeros are not accepted)")
        }
        if let key = line.key, key.isEmpty || key.utf8.count > 200 {
            problems.append("key: must be 1 to 200 bytes")
        }
        guard problems.isEmpty else { throw AppError(.dataError, problems) }
        let comment = line.comment
        return NewComment(
            article: article, name: comment.name ?? "", email: comment.email ?? "",
            url: comment.url.flatMap { $0.isEmpty ? nil : $0 },
            ip: comment.ip.flatMap { $0.isEmpty ? nil : $0 }, body: comment.body ?? "", key: line.key, submittedAt: now)
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's copy when both
    /// ends are printable ASCII (which that set never holds), the usual case for an article id.
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

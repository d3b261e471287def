import FieldText
import Foundation
import ModerationRules
import ModerationStore
import TextFolding

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
        if BlankText.isBlank(article) {
            problems.insert("article: required, and missing or blank", at: 0)
        } else if let scalar = ControlCharacters.firstRefused(in: article, allowsLineBreaks: false) {
            problems.insert(ControlCharacters.message(field: "article", scalar: scalar, allowsLineBreaks: false), at: 0)
        } else if article.utf8.count > 200 {
            problems.insert("article: \(article.utf8.count) bytes, the limit is 200", at: 0)
        }
        let ip: String?
        switch Self.canonicalIP(line.comment.ip) {
        case .success(let canonical): ip = canonical
        case .failure(let problem):
            ip = nil
            problems.append(problem.description)
        }
        if let key = line.key {
            if key.isEmpty || key.utf8.count > 200 {
                problems.append("key: must be 1 to 200 bytes")
            } else if let scalar = ControlCharacters.firstRefused(in: key, allowsLineBreaks: false) {
                problems.append(ControlCharacters.message(field: "key", scalar: scalar, allowsLineBreaks: false))
            }
        }
        guard problems.isEmpty else { throw AppError(.dataError, problems) }
        let comment = line.comment
        return NewComment(
            article: article, name: comment.name ?? "", email: comment.email ?? "",
            url: comment.url.flatMap { $0.isEmpty ? nil : $0 }, ip: ip, body: comment.body ?? "", key: line.key,
            submittedAt: now)
    }

    /// The IP address in the canonical form bans compare (``BanValue``: `::ffff:10.0.0.1` is
    /// `10.0.0.1`, IPv6 shortest and lowercase), nil when none was given (absent or empty), or the
    /// problem that `submit` and `check` both report: `ip: not an IPv4 or IPv6 address …`.
    public static func canonicalIP(_ ip: String?) -> Result<String?, BanValueError> {
        guard let ip, !ip.isEmpty else { return .success(nil) }
        return BanValue.validated(ip, kind: .ip).map { Optional($0) }
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's copy when both
    /// ends are printable ASCII (which that set never holds), the usual case for an article id.
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

import Foundation
import ModerationRules
import ModerationStore

/// Moderator-facing output for stored comments: the queue table, `queue show`, and their JSON forms.
public struct QueueFormatting: Sendable {
    /// Renders highlights and decision words.
    public var renderer: VerdictRenderer

    /// Creates a formatter.
    public init(color: Bool) {
        renderer = VerdictRenderer(color: color)
    }

    /// The verdict a stored record holds, decoded.
    public static func verdict(of stored: StoredComment) -> Verdict? {
        guard let json = stored.verdict?.json else { return nil }
        return try? JSONDecoder().decode(Verdict.self, from: Data(json.utf8))
    }

    /// One line a comment: id, state, article, author, rules, and the start of the text.
    public func table(_ comments: [StoredComment]) -> String {
        var lines = [row("ID", "STATE", "ARTICLE", "NAME", "RULES", "COMMENT")]
        for stored in comments {
            let excerpt = TerminalText.line(String(stored.comment.body.prefix(60)))
            lines.append(
                row(
                    String(stored.id), stored.state.rawValue, TerminalText.line(stored.comment.article),
                    TerminalText.line(stored.comment.name), stored.verdict?.ruleIDs.joined(separator: ",") ?? "-", excerpt))
        }
        lines.append("\(comments.count) comment\(comments.count == 1 ? "" : "s")")
        return lines.joined(separator: "\n")
    }

    private func row(_ id: String, _ state: String, _ article: String, _ name: String, _ rules: String, _ text: String) -> String
    {
        func cell(_ value: String, _ width: Int) -> String {
            let clipped = value.count > width ? String(value.prefix(width - 1)) + "…" : value
            return clipped + String(repeating: " ", count: max(0, width - clipped.count))
        }
        return cell(id, 8) + " " + cell(state, 9) + " " + cell(article, 12) + " " + cell(name, 16) + " " + cell(rules, 28) + " "
            + text
    }

    /// Everything about one comment for a person: fields, the verdict with highlights, and the history.
    public func show(_ stored: StoredComment, history: [AuditEvent]) -> String {
        let fields = stored.comment
        let safe = TerminalText.line
        var lines = [
            "comment \(stored.id)  state: \(stored.state.rawValue)  article: \(safe(fields.article))",
            "from: \(safe(fields.name)) <\(safe(fields.email))>" + (fields.url.map { "  \(safe($0))" } ?? "")
                + (fields.ip.map { "  ip \(safe($0))" } ?? ""),
            "submitted: \(Self.time(fields.submittedAt))",
        ]
        let input = CommentInput(
            article: fields.article, name: fields.name, email: fields.email, url: fields.url, ip: fields.ip,
            body: fields.body)
        if let verdict = Self.verdict(of: stored) {
            lines.append(renderer.explain(verdict, comment: input))
        } else {
            lines.append("not yet decided (pending\(stored.leaseOwner.map { ", claimed by \(safe($0))" } ?? ""))")
            lines.append("body: \(TerminalText.block(fields.body))")
        }
        lines.append("history:")
        if history.isEmpty { lines.append("  (none)") }
        for event in history {
            var line =
                "  \(Self.time(event.at))  \(event.kind.rawValue)  \(safe(event.actor)): \(event.from?.rawValue ?? "-") → \(event.to.rawValue)"
            if let reason = event.reason { line += "  — \(safe(reason))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// `queue show --format json`: id, state, the submitted fields, the verdict and the history.
    public func showJSON(_ stored: StoredComment, history: [AuditEvent]) -> String {
        struct Shown: Encodable {
            var id: Int64
            var state: CommentState
            var article: String
            var name: String
            var email: String
            var url: String?
            var ip: String?
            var body: String
            var key: String?
            var submittedAt: Date
            var verdict: Verdict?
            var history: [AuditEvent]

            enum CodingKeys: String, CodingKey {
                case id, state, article, name, email, url, ip, body, key, verdict, history
                case submittedAt = "submitted_at"
            }
        }
        let fields = stored.comment
        return JSONOutput.line(
            Shown(
                id: stored.id, state: stored.state, article: fields.article, name: fields.name,
                email: fields.email, url: fields.url, ip: fields.ip, body: fields.body, key: fields.key,
                submittedAt: fields.submittedAt, verdict: Self.verdict(of: stored), history: history))
    }

    /// A time in UTC, to the second.
    public static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

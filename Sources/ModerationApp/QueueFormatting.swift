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
        return lines.joined(separator: "\n")
    }

    /// "showing 100 of 3,617 …" with the options that show the rest, when a listing left comments
    /// out (before the cursor it started after, or past its limit); nil when it shows them all.
    public static func paging(shown: [StoredComment], total: Int, after: Int64?) -> String? {
        guard shown.count < total else { return nil }
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.usesGroupingSeparator = true
        formatter.groupingSeparator = ","
        formatter.groupingSize = 3
        func number(_ value: Int) -> String { formatter.string(from: NSNumber(value: value)) ?? String(value) }
        var line = "showing \(number(shown.count)) of \(number(total))"
        if let after { line += " after id \(after)" }
        if let last = shown.last {
            line += " (use --limit N or --all; next page: --after \(last.id))"
        } else {
            line += " (use --all, or an earlier --after)"
        }
        return line
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
        if stored.state != .pending, let claim = Self.claim(of: stored) {
            lines.append("being reviewed by \(safe(claim.owner)) until \(Self.time(claim.until))")
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

    /// The version of the `queue show` and `queue list` JSON objects (see docs/json.md).
    public static let schemaVersion = 2

    /// `queue show --format json`: id, state, the submitted fields, the verdict, the review claim and
    /// the history (left out when nil).
    public func showJSON(_ stored: StoredComment, history: [AuditEvent]?) -> String {
        struct Shown: Encodable {
            var schema: Int
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
            var claimedBy: String?
            var claimedUntil: Date?
            var history: [AuditEvent]?

            enum CodingKeys: String, CodingKey {
                case schema, id, state, article, name, email, url, ip, body, key, verdict, history
                case submittedAt = "submitted_at"
                case claimedBy = "claimed_by"
                case claimedUntil = "claimed_until"
            }
        }
        let fields = stored.comment
        let claim = Self.claim(of: stored)
        return JSONOutput.line(
            Shown(
                schema: Self.schemaVersion, id: stored.id, state: stored.state, article: fields.article, name: fields.name,
                email: fields.email, url: fields.url, ip: fields.ip, body: fields.body, key: fields.key,
                submittedAt: fields.submittedAt, verdict: Self.verdict(of: stored), claimedBy: claim?.owner,
                claimedUntil: claim?.until, history: history))
    }

    /// Who has the comment now (a worker deciding it, or a moderator reviewing it) and until when;
    /// nil when nobody does or the lease has run out.
    public static func claim(of stored: StoredComment, now: Date = Date()) -> (owner: String, until: Date)? {
        guard let owner = stored.leaseOwner, let until = stored.leaseExpiresAt, until >= now else { return nil }
        return (owner, until)
    }

    /// A time in UTC, to the second.
    public static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

import Foundation
import ModerationRules
import ModerationStore

/// What a moderator knows of an author when a comment of theirs is on the screen.
public struct AuthorRecord: Sendable, Equatable {
    /// The author's comments (by email) in each state, this one included.
    public var counts: [CommentState: Int]
    /// The ban that applies to the author now, if any.
    public var ban: Ban?

    /// Creates a record.
    public init(counts: [CommentState: Int], ban: Ban?) {
        self.counts = counts
        self.ban = ban
    }

    /// The author's record from a store: their comments by email, and any ban on their email, IP or name.
    public static func of(_ comment: NewComment, in store: any ModerationStore) async throws -> AuthorRecord {
        var counts: [CommentState: Int] = [:]
        for stored in try await store.comments(matching: CommentFilter(author: comment.email)) {
            counts[stored.state, default: 0] += 1
        }
        let ban = try await store.matchingBan(email: comment.email, ip: comment.ip, name: comment.name)
        return AuthorRecord(counts: counts, ban: ban)
    }

    /// One line: "3 approved · 1 rejected · 2 held", and the ban.
    public var summary: String {
        let parts = [CommentState.approved, .rejected, .held, .pending].compactMap { state in
            counts[state].flatMap { $0 > 0 ? "\($0) \(state.rawValue)" : nil }
        }
        var line = parts.isEmpty ? "no comments" : parts.joined(separator: " · ")
        if let ban {
            line += " · BANNED (\(ban.kind.rawValue) \(TerminalText.line(ban.value))"
            if let reason = ban.reason { line += ": \(TerminalText.line(reason))" }
            line += ", by \(TerminalText.line(ban.createdBy)))"
        }
        return line
    }
}

/// The `review` screen: one held comment, its hits with their rules' descriptions, the author's
/// record and the keys, laid out for a terminal of a given width. Pure: the command draws what this
/// returns, so tests read exactly what a moderator sees.
public struct ReviewScreen: Sendable {
    /// The keys the screen acts on, and what each does; `?` prints this list.
    public static let keys: [(key: Character, help: String)] = [
        ("a", "approve (asks for a reason)"), ("r", "reject (asks for a reason)"), ("s", "skip for now"),
        ("b", "ban the author (asks for a reason), then offers to reject their other held comments"),
        ("e", "explain: every field, every hit, the history"), ("u", "undo your last decision"),
        ("q", "quit (also Ctrl-C, Ctrl-D)"), ("?", "this list"),
    ]

    /// The prompt line.
    public static let prompt = "[a]pprove  [r]eject  [s]kip  [b]an  [e]xplain  [u]ndo  [q]uit  [?] keys > "

    /// Paints highlights and decision words.
    public var renderer: VerdictRenderer
    /// Columns the terminal has.
    public var width: Int

    /// Creates a screen for a terminal `width` columns wide (at least 40 are used).
    public init(color: Bool, width: Int) {
        renderer = VerdictRenderer(color: color)
        self.width = max(40, width)
    }

    /// The whole screen for a comment.
    public func render(
        _ stored: StoredComment, record: AuthorRecord, descriptions: [String: String], left: Int, moderator: String,
        filters: String
    ) -> String {
        let fields = stored.comment
        let safe = TerminalText.line
        let rule = String(repeating: "─", count: width)
        var lines = [
            "moderate review · \(safe(moderator)) · \(left) held left" + (filters.isEmpty ? "" : " · \(filters)"),
            rule,
            "comment \(stored.id) · article \(isolated(safe(fields.article))) · \(QueueFormatting.time(fields.submittedAt))",
            "from: \(isolated(safe(fields.name))) <\(safe(fields.email))>" + (fields.ip.map { " · ip \(safe($0))" } ?? ""),
            "author: \(record.summary)",
        ]
        let verdict = QueueFormatting.verdict(of: stored)
        if let verdict {
            lines.append("why held: \(safe(verdict.reason)) · score \(verdict.score)")
            for hit in verdict.hits {
                let about = descriptions[hit.rule].map { " — \(safe($0))" } ?? ""
                let shown = hit.text.prefix(3).map { "\"\(safe($0))\"" }.joined(separator: ", ")
                let mode = hit.mode == .shadow ? ", shadow" : ""
                lines.append("  • \(hit.rule)\(about) (\(hit.action.rawValue)\(mode), \(hit.field.rawValue)): \(shown)")
            }
            for failure in verdict.errors {
                lines.append("  ! \(failure.rule) could not be checked: \(safe(failure.message))")
            }
            for violation in verdict.violations {
                lines.append("  ✗ \(safe(violation.message))")
            }
            if !verdict.hits.isEmpty { lines.append("  " + legend) }
        } else {
            lines.append("why held: no verdict stored")
        }
        lines.append(rule)
        let hits = verdict?.hits.filter { $0.field == .body } ?? []
        lines += wrapped(fields.body, hits: hits)
        lines.append(rule)
        return lines.joined(separator: "\n")
    }

    /// What the highlight marks mean.
    public var legend: String {
        "legend: "
            + [(RuleAction.reject, "reject"), (.hold, "hold"), (.score, "score"), (.approve, "approve")]
            .map { renderer.mark("\($0.1)", level: VerdictRenderer.rank($0.0)) }.joined(separator: " ")
            + " " + renderer.mark("shadow", level: 1)
    }

    /// The body wrapped at word boundaries to the width, each line with its highlights, controls
    /// shown as visible marks, right-to-left lines isolated so their direction stays inside them.
    public func wrapped(_ text: String, hits: [Hit]) -> [String] {
        let characters = Array(text)
        let strength = renderer.strengths(of: characters, hits: hits)
        // Each character as it is shown (a control as its mark, a line break as a break), with its strength.
        var lines: [[(shown: String, level: Int)]] = [[]]
        for (index, character) in characters.enumerated() {
            if character == "\n" || character == "\r\n" {
                lines[lines.count - 1].append(("⏎", 0))
                lines.append([])
                continue
            }
            lines[lines.count - 1].append((TerminalText.line(String(character)), strength[index]))
        }
        var out: [String] = []
        for line in lines {
            for piece in breakIntoRows(line) {
                var row = ""
                var index = 0
                while index < piece.count {
                    let level = piece[index].level
                    var end = index
                    var run = ""
                    while end < piece.count, piece[end].level == level {
                        run += piece[end].shown
                        end += 1
                    }
                    row += level == 0 ? run : renderer.mark(run, level: level)
                    index = end
                }
                out.append("  " + isolated(row))
            }
        }
        return out
    }

    /// Cuts one line of shown characters into rows no wider than the width less the indent, at the
    /// last space that fits; a word longer than a row is cut where the row ends.
    private func breakIntoRows(_ line: [(shown: String, level: Int)]) -> [[(shown: String, level: Int)]] {
        let room = width - 2
        var rows: [[(shown: String, level: Int)]] = []
        var start = 0
        while start < line.count {
            var used = 0
            var end = start
            var lastSpace: Int?
            while end < line.count {
                let cells = Self.cells(line[end].shown)
                if used + cells > room { break }
                if line[end].shown == " " { lastSpace = end }
                used += cells
                end += 1
            }
            if end < line.count, let space = lastSpace, space > start {
                rows.append(Array(line[start..<space]))
                start = space + 1
            } else {
                rows.append(Array(line[start..<max(end, start + 1)]))
                start = max(end, start + 1)
            }
        }
        return rows.isEmpty ? [[]] : rows
    }

    /// Terminal cells a shown character takes: two for East Asian wide and emoji presentation, none
    /// for a combining mark alone, one otherwise.
    static func cells(_ shown: String) -> Int {
        var total = 0
        for character in shown {
            guard let first = character.unicodeScalars.first else { continue }
            let value = first.value
            if first.properties.isEmojiPresentation
                || (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            {
                total += 2
            } else if first.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                total += 1
            }
        }
        return total
    }

    /// Text holding right-to-left letters between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, so
    /// that a terminal that applies the bidi algorithm keeps its direction from spilling into what
    /// follows; other text as it is.
    func isolated(_ text: String) -> String {
        let rightToLeft = text.unicodeScalars.contains {
            switch $0.value {
            // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Extended; presentation forms.
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
            default: return false
            }
        }
        return rightToLeft ? "\u{2068}" + text + "\u{2069}" : text
    }

    /// The reasons offered when a moderator decides: the hit rules' descriptions first (for a
    /// reject), then the usual reasons for the decision.
    public static func presets(for state: CommentState, descriptions: [String], hasHits: Bool) -> [String] {
        switch state {
        case .rejected:
            var seen = Set<String>()
            let fromRules = descriptions.filter { !$0.isEmpty && seen.insert($0).inserted }
            return Array(fromRules.prefix(6)) + ["off-topic", "spam or advertising", "personal attack"]
        case .approved:
            return (hasHits ? ["quoted or reported speech", "not abusive in context", "the rule matched wrongly"] : [])
                + ["within the comment policy"]
        default:
            return []
        }
    }
}

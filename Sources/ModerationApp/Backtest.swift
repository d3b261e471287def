import Foundation
import ModerationRules
import ModerationStore

/// `moderate rules backtest`: replays stored comments through a candidate rules set and compares
/// its decisions with the ones the comments got, and with the moderators' where there are some.
///
/// The labels are free: a comment whose state differs from its automatic verdict, or that was held
/// and is now approved or rejected, was decided by a moderator (an undo puts the verdict's state
/// back, and a moderator's decision to the state a comment is already in writes nothing), so its
/// state is the moderator's decision.
public struct Backtest: Sendable {
    /// What to replay.
    public struct Scope: Sendable {
        /// Only comments submitted at or after this time.
        public var since: Date?
        /// Only comments submitted before this time.
        public var until: Date?
        /// Only the most recent N comments (of those the dates leave).
        public var last: Int?

        /// Creates a scope; nil fields do not narrow it.
        public init(since: Date? = nil, until: Date? = nil, last: Int? = nil) {
            self.since = since
            self.until = until
            self.last = last
        }
    }

    /// How a rule's catches change.
    public struct RuleChange: Sendable, Encodable, Equatable {
        /// The rule's id.
        public var rule: String
        /// Comments the candidate holds or rejects that were approved, and that this rule hits.
        public var newlyCaught: Int
        /// Comments held or rejected before that the candidate approves, and that this rule hit before.
        public var noLongerCaught: Int

        enum CodingKeys: String, CodingKey {
            case rule
            case newlyCaught = "newly_caught"
            case noLongerCaught = "no_longer_caught"
        }
    }

    /// Agreement with the moderators: their rejections are the positives, their approvals the negatives.
    public struct Agreement: Sendable, Encodable, Equatable {
        /// Comments the moderators rejected that the rules held or rejected.
        public var caught = 0
        /// Comments the moderators rejected that the rules approved.
        public var missed = 0
        /// Comments the moderators approved that the rules held or rejected.
        public var falseAlarms = 0
        /// Comments the moderators approved that the rules approved.
        public var passed = 0
        /// Comments the moderators approved that the rules rejected outright.
        public var approvedButRejected = 0

        /// caught ÷ (caught + false alarms).
        public var precision: Double { caught + falseAlarms == 0 ? 0 : Double(caught) / Double(caught + falseAlarms) }
        /// caught ÷ (caught + missed).
        public var recall: Double { caught + missed == 0 ? 0 : Double(caught) / Double(caught + missed) }

        mutating func count(human: CommentState, rules: Decision) {
            let flagged = rules != .approve
            switch (human, flagged) {
            case (.rejected, true): caught += 1
            case (.rejected, false): missed += 1
            case (.approved, true):
                falseAlarms += 1
                if rules == .reject { approvedButRejected += 1 }
            case (.approved, false): passed += 1
            default: break
            }
        }

        enum CodingKeys: String, CodingKey {
            case caught, missed, passed, precision, recall
            case falseAlarms = "false_alarms"
            case approvedButRejected = "approved_but_rejected"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(caught, forKey: .caught)
            try container.encode(missed, forKey: .missed)
            try container.encode(falseAlarms, forKey: .falseAlarms)
            try container.encode(passed, forKey: .passed)
            try container.encode(approvedButRejected, forKey: .approvedButRejected)
            try container.encode(precision, forKey: .precision)
            try container.encode(recall, forKey: .recall)
        }
    }

    /// What a backtest found.
    public struct Report: Sendable, Encodable {
        /// The candidate's rules version.
        public var candidateVersion: String
        /// Stored comments replayed (those with an automatic verdict, in scope).
        public var replayed = 0
        /// Comments whose decision changes, by "from → to" (`approve → hold`).
        public var changes: [String: Int] = [:]
        /// Rules whose catches change, most changes first.
        public var rules: [RuleChange] = []
        /// Comments a moderator decided.
        public var moderated = 0
        /// Agreement with the moderators before (the stored verdicts) and after (the candidate).
        public var before = Agreement()
        /// See ``before``.
        public var after = Agreement()

        /// Comments whose decision changes.
        public var changed: Int { changes.values.reduce(0, +) }

        /// The share of moderator-approved comments the candidate newly rejects outright.
        public var newlyRejectedApprovedShare: Double {
            let approved = after.falseAlarms + after.passed
            guard approved > 0 else { return 0 }
            return Double(max(0, after.approvedButRejected - before.approvedButRejected)) / Double(approved)
        }

        enum CodingKeys: String, CodingKey {
            case replayed, changed, changes, rules, moderated, before, after
            case candidateVersion = "candidate_version"
            case newlyRejectedApprovedShare = "newly_rejected_approved_share"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(candidateVersion, forKey: .candidateVersion)
            try container.encode(replayed, forKey: .replayed)
            try container.encode(changed, forKey: .changed)
            try container.encode(changes, forKey: .changes)
            try container.encode(rules, forKey: .rules)
            try container.encode(moderated, forKey: .moderated)
            try container.encode(before, forKey: .before)
            try container.encode(after, forKey: .after)
            try container.encode(newlyRejectedApprovedShare, forKey: .newlyRejectedApprovedShare)
        }
    }

    /// The candidate rules.
    public let candidate: ModerationEngine
    /// Comments read from the store at a time: the whole history is never held in memory.
    public var pageSize = 1000

    /// Creates a backtest of a candidate.
    public init(candidate: ModerationEngine) {
        self.candidate = candidate
    }

    /// Replays the stored comments in scope, in the store's order (ids ascending), a page at a time.
    public func run(on store: any ModerationStore, scope: Scope) async throws -> Report {
        var report = Report(candidateVersion: candidate.ruleSet.version)
        let scratch = try EngineScratch()
        var skip = 0
        if let last = scope.last {
            let total = try await store.count(matching: CommentFilter())
            skip = max(0, total - last)
        }
        var newly: [String: Int] = [:]
        var lost: [String: Int] = [:]
        var cursor: Int64?
        while true {
            let page = try await store.comments(matching: CommentFilter(afterID: cursor, limit: pageSize))
            guard let lastID = page.last?.id else { break }
            cursor = lastID
            for stored in page {
                if skip > 0 {
                    skip -= 1
                    continue
                }
                let submitted = stored.comment.submittedAt
                if let since = scope.since, submitted < since { continue }
                if let until = scope.until, submitted >= until { continue }
                guard let record = stored.verdict else { continue }
                report.replayed += 1
                let fields = stored.comment
                let verdict = candidate.evaluate(
                    CommentInput(
                        article: fields.article, name: fields.name, email: fields.email, url: fields.url, ip: fields.ip,
                        body: fields.body),
                    scratch: scratch)
                let before = Self.decision(record.state)
                let after = verdict.decision
                if before != after { report.changes["\(before.rawValue) → \(after.rawValue)", default: 0] += 1 }
                let afterRules = Set(verdict.hits.filter { $0.mode == .enforce }.map(\.rule))
                if before == .approve && after != .approve {
                    for rule in afterRules { newly[rule, default: 0] += 1 }
                } else if before != .approve && after == .approve {
                    for rule in Set(record.ruleIDs) { lost[rule, default: 0] += 1 }
                }
                if let human = Self.moderatorDecision(stored, automatic: record.state) {
                    report.moderated += 1
                    report.before.count(human: human, rules: before)
                    report.after.count(human: human, rules: after)
                }
            }
        }
        report.rules = Set(newly.keys).union(lost.keys).map {
            RuleChange(rule: $0, newlyCaught: newly[$0] ?? 0, noLongerCaught: lost[$0] ?? 0)
        }.sorted { ($0.newlyCaught + $0.noLongerCaught, $1.rule) > ($1.newlyCaught + $1.noLongerCaught, $0.rule) }
        return report
    }

    /// The decision a stored state stands for.
    static func decision(_ state: CommentState) -> Decision {
        switch state {
        case .approved: .approve
        case .rejected: .reject
        case .held, .pending: .hold
        }
    }

    /// The moderator's decision on a comment, when there is one: its state, if it differs from the
    /// automatic verdict's or the verdict held it and it is now decided.
    static func moderatorDecision(_ stored: StoredComment, automatic: CommentState) -> CommentState? {
        guard stored.state == .approved || stored.state == .rejected else { return nil }
        return stored.state != automatic ? stored.state : nil
    }

    /// The report for people.
    public static func text(_ report: Report) -> String {
        func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
        var lines = [
            "candidate rules \(report.candidateVersion): \(report.replayed) stored comments replayed, \(report.changed) decisions change"
        ]
        for (change, count) in report.changes.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            lines.append("  \(change): \(count)")
        }
        if !report.rules.isEmpty {
            lines.append("  rule                                 newly caught  no longer caught")
            for rule in report.rules.prefix(20) {
                lines.append(
                    "  " + rule.rule.padding(toLength: 36, withPad: " ", startingAt: 0)
                        + String(format: " %12d  %16d", rule.newlyCaught, rule.noLongerCaught))
            }
        }
        lines.append("moderator decisions: \(report.moderated)")
        for (name, agreement) in [("before", report.before), ("after", report.after)] {
            lines.append(
                "  \(name): precision \(percent(agreement.precision)), recall \(percent(agreement.recall)) "
                    + "(caught \(agreement.caught), missed \(agreement.missed), false alarms \(agreement.falseAlarms), "
                    + "approved by a moderator but rejected \(agreement.approvedButRejected))")
        }
        lines.append("  moderator-approved comments newly rejected: \(percent(report.newlyRejectedApprovedShare))")
        return lines.joined(separator: "\n")
    }
}

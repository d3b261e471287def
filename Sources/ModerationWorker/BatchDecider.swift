import Foundation
import Logging
import ModerationRules
import ModerationStore

/// Turns claimed comments into verdict records: bans first, then comments that keep failing, then the rules.
struct BatchDecider {
    let engine: ModerationEngine
    let bans: [Ban]
    let maxAttempts: Int
    let logger: Logger
    /// Writes the verdict JSON stored with a decision.
    let encode: @Sendable (Verdict) -> String

    /// Verdicts for every comment of the batch, in order.
    func decide(_ batch: [StoredComment]) -> [CompletedVerdict] {
        let scratch = try? EngineScratch()
        let matcher = BanMatcher(bans: bans)
        return batch.map { CompletedVerdict(commentID: $0.id, verdict: record(for: $0, scratch: scratch, bans: matcher)) }
    }

    private func record(for stored: StoredComment, scratch: EngineScratch?, bans: BanMatcher) -> VerdictRecord {
        let fields = stored.comment
        let input = CommentInput(
            article: fields.article, name: fields.name, email: fields.email, url: fields.url,
            ip: fields.ip, body: fields.body)
        let verdict: Verdict
        if let ban = bans.ban(for: fields) {
            verdict = Verdict(
                id: String(stored.id), decision: .reject, score: 0, rulesVersion: engine.ruleSet.version, hits: [],
                violations: [], errors: [],
                reason: "banned \(ban.kind.rawValue)" + (ban.reason.map { ": \($0)" } ?? ""))
        } else if stored.attempts > maxAttempts {
            verdict = Verdict(
                id: String(stored.id), decision: .hold, score: 0, rulesVersion: engine.ruleSet.version, hits: [],
                violations: [], errors: [],
                reason: "held for a person: claimed \(stored.attempts) times without a verdict")
        } else {
            verdict =
                scratch.map { engine.evaluate(input, id: String(stored.id), scratch: $0) }
                ?? engine.evaluate(input, id: String(stored.id))
        }
        logger.debug(
            "comment decided",
            metadata: [
                "comment.id": "\(stored.id)", "decision": "\(verdict.decision.rawValue)",
                "rules.version": "\(verdict.rulesVersion)",
            ])
        return VerdictRecord(verdict: verdict, json: encode(verdict))
    }

}

extension VerdictRecord {
    /// The store's record of an engine verdict, with the verdict as JSON.
    init(verdict: Verdict, json: String) {
        let state: CommentState =
            switch verdict.decision {
            case .approve: .approved
            case .hold: .held
            case .reject: .rejected
            }
        var seen = Set<String>()
        let ruleIDs = verdict.hits.map(\.rule).filter { seen.insert($0).inserted }
        self.init(
            state: state, score: verdict.score, rulesVersion: verdict.rulesVersion, ruleIDs: ruleIDs, json: json,
            reason: verdict.reason)
    }
}

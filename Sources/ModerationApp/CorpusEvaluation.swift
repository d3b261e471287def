import Foundation
import ModerationRules

/// How the rules do on one labeled corpus: decisions by label, and each rule's hits by label.
public struct CorpusEvaluation: Sendable, Encodable {
    /// One rule's hits on the corpus.
    public struct RuleStats: Sendable, Encodable {
        /// The rule.
        public var rule: String
        /// Its action.
        public var action: RuleAction
        /// Enforce or shadow.
        public var mode: RuleMode
        /// Positive rows it hit.
        public var positives: Int
        /// Negative rows it hit.
        public var negatives: Int

        /// Share of its hits that were on positives (1 when it hit nothing).
        public var precision: Double {
            positives + negatives == 0 ? 1 : Double(positives) / Double(positives + negatives)
        }
    }

    /// The corpus file.
    public var corpus: String
    /// Rows read with a positive label.
    public var positives = 0
    /// Rows read with a negative label.
    public var negatives = 0
    /// Rows skipped: malformed, no text, or a label that is neither.
    public var skipped = 0
    /// Rows the policy refuses at intake (over a limit, or holding control characters): never reach the rules, left out of the shares.
    public var refusedByPolicy = 0
    /// Positives rejected.
    public var positivesRejected = 0
    /// Positives held.
    public var positivesHeld = 0
    /// Negatives rejected.
    public var negativesRejected = 0
    /// Negatives held.
    public var negativesHeld = 0
    /// Per-rule hits, noisiest first.
    public var rules: [RuleStats] = []
    /// How many rows carry each label (the labels asked for and the others), to tell a mistyped label.
    public var labels: [String: Int] = [:]
    /// The rows asked for with ``Examples`` (false positives or misses), in corpus order.
    public var examples: [Example] = []

    /// One row behind a figure: where it is, its label, its text and what the rules did with it.
    public struct Example: Sendable, Encodable {
        /// The line in the corpus file, from 1.
        public var line: Int
        /// The row's label.
        public var label: String
        /// The row's text.
        public var text: String
        /// The decision the rules gave it.
        public var decision: Decision
        /// The hits of its verdict.
        public var hits: [Hit]
    }

    /// What the examples are, for the report's heading; nil when none were asked for.
    public var examplesShown: String?

    /// Which rows to keep as examples.
    public enum Examples: String, Sendable, CaseIterable {
        /// Negatives the rules reject or hold (with a rule: negatives that rule hits).
        case falsePositives = "false-positives"
        /// Positives the rules approve (with a rule: positives that rule does not hit).
        case misses
    }

    /// Share of positives held or rejected.
    public var caught: Double { ratio(positivesRejected + positivesHeld, positives) }
    /// Share of negatives rejected.
    public var falseRejects: Double { ratio(negativesRejected, negatives) }
    /// Share of negatives held.
    public var falseHolds: Double { ratio(negativesHeld, negatives) }

    private func ratio(_ part: Int, _ whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) / Double(whole)
    }

    private enum CodingKeys: String, CodingKey {
        case corpus, positives, negatives, skipped, caught
        case refusedByPolicy = "refused_by_policy"
        case positivesRejected = "positives_rejected"
        case positivesHeld = "positives_held"
        case negativesRejected = "negatives_rejected"
        case negativesHeld = "negatives_held"
        case falseRejects = "negatives_rejected_share"
        case falseHolds = "negatives_held_share"
        case rules, labels, examples
    }

    /// Encodes the counts, the shares and the rules.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(corpus, forKey: .corpus)
        try container.encode(positives, forKey: .positives)
        try container.encode(negatives, forKey: .negatives)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(refusedByPolicy, forKey: .refusedByPolicy)
        try container.encode(caught, forKey: .caught)
        try container.encode(positivesRejected, forKey: .positivesRejected)
        try container.encode(positivesHeld, forKey: .positivesHeld)
        try container.encode(negativesRejected, forKey: .negativesRejected)
        try container.encode(negativesHeld, forKey: .negativesHeld)
        try container.encode(falseRejects, forKey: .falseRejects)
        try container.encode(falseHolds, forKey: .falseHolds)
        try container.encode(rules, forKey: .rules)
        try container.encode(labels, forKey: .labels)
        if !examples.isEmpty { try container.encode(examples, forKey: .examples) }
    }
}

/// Runs the engine over a labeled JSONL corpus (`text`, a label field, optional `author`).
public struct CorpusEvaluator: Sendable {
    /// The engine measured.
    public var engine: ModerationEngine
    /// The JSON field holding the label.
    public var labelField: String
    /// Labels that count as positives (should be caught).
    public var positiveLabels: Set<String>
    /// Labels that count as negatives (should pass).
    public var negativeLabels: Set<String>

    /// Creates an evaluator.
    public init(
        engine: ModerationEngine, labelField: String = "label",
        positiveLabels: Set<String> = ["spam", "toxic"], negativeLabels: Set<String> = ["ham", "clean"]
    ) {
        self.engine = engine
        self.labelField = labelField
        self.positiveLabels = positiveLabels
        self.negativeLabels = negativeLabels
    }

    /// Evaluates every row of a corpus file. Rows carry no name or email, so `author` (when present)
    /// stands for the name and a fixed reader name and address fill the rest. Rows the policy refuses
    /// (over a limit, or holding control characters) would never reach the rules: they are counted apart, not in the shares.
    ///
    /// With `examples`, the rows of that kind are kept (at most `limit`; with `rule`, only those the
    /// rule hits, for false positives, or misses, for misses).
    public func evaluate(
        path: String, reader: InputReader, examples: CorpusEvaluation.Examples? = nil, rule: String? = nil,
        limit: Int = 20
    ) async throws -> CorpusEvaluation {
        var rows: [(text: String, name: String, positive: Bool, line: Int, label: String)] = []
        var result = CorpusEvaluation(corpus: path)
        let fields = RowFields(labelField: labelField)
        try await reader.forEachLine(of: path) { index, data in  // index: the line number, from 1
            let row = data.flatMap(fields.read)
            if let label = row?.label { result.labels[label, default: 0] += 1 }
            guard let row, let label = row.label, positiveLabels.contains(label) || negativeLabels.contains(label) else {
                result.skipped += 1
                return true
            }
            rows.append((row.text, row.author ?? "Reader", positiveLabels.contains(label), index, label))
            return true
        }
        let verdicts = evaluateInParallel(rows.map { CommentInput(name: $0.name, email: "reader@example.com", body: $0.text) })
        var stats: [String: CorpusEvaluation.RuleStats] = [:]
        for rule in engine.ruleSet.rules {
            stats[rule.id] = .init(rule: rule.id, action: rule.action, mode: rule.mode, positives: 0, negatives: 0)
        }
        if let examples {
            result.examplesShown = examples.rawValue + (rule.map { " of \($0)" } ?? "") + " (at most \(limit))"
        }
        for (row, verdict) in zip(rows, verdicts) {
            if !verdict.violations.isEmpty {
                result.refusedByPolicy += 1
                continue
            }
            if row.positive {
                result.positives += 1
                if verdict.decision == .reject { result.positivesRejected += 1 }
                if verdict.decision == .hold { result.positivesHeld += 1 }
            } else {
                result.negatives += 1
                if verdict.decision == .reject { result.negativesRejected += 1 }
                if verdict.decision == .hold { result.negativesHeld += 1 }
            }
            for rule in Set(verdict.hits.map(\.rule)) {
                if row.positive { stats[rule]?.positives += 1 } else { stats[rule]?.negatives += 1 }
            }
            guard let examples, result.examples.count < limit else { continue }
            let hitByRule = rule.map { id in verdict.hits.contains { $0.rule == id } }
            let wanted: Bool
            switch examples {
            case .falsePositives: wanted = !row.positive && (hitByRule ?? (verdict.decision != .approve))
            case .misses: wanted = row.positive && (hitByRule.map { !$0 } ?? (verdict.decision == .approve))
            }
            if wanted {
                result.examples.append(
                    .init(line: row.line, label: row.label, text: row.text, decision: verdict.decision, hits: verdict.hits))
            }
        }
        result.rules = stats.values.sorted {
            ($0.negatives, -$0.precision, $0.rule) > ($1.negatives, -$1.precision, $1.rule)
        }
        return result
    }

    /// Evaluates comments on every core, keeping their order.
    private func evaluateInParallel(_ comments: [CommentInput]) -> [Verdict] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = (comments.count + workers - 1) / max(1, workers)
        let results = ResultSlots(count: comments.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (worker * chunk)..<min(comments.count, (worker + 1) * chunk)
            guard !range.isEmpty else { return }
            guard let scratch = try? EngineScratch() else {
                results.store(range.map { engine.evaluate(comments[$0]) }, at: range.lowerBound)
                return
            }
            let slice = range.map { engine.evaluate(comments[$0], scratch: scratch) }
            results.store(slice, at: range.lowerBound)
        }
        return results.values
    }
}

/// The fields of a corpus row, read by the ``JSONLineReader`` that reads `check` and `submit` input;
/// every other field (`id`, `lang`, `source`, `split`…) is checked and skipped.
private struct RowFields {
    /// The row's text, its label (nil unless a string) and its author (nil unless a string).
    struct Row {
        var text: String
        var label: String?
        var author: String?
    }

    let labelField: String
    let reader: JSONLineReader

    init(labelField: String) {
        self.labelField = labelField
        var keys = ["text", "body", "author"]
        if !keys.contains(labelField) { keys.append(labelField) }
        reader = JSONLineReader(keys: keys)
    }

    /// The row on a line, or nil when the line is not a JSON object or has no string text. The text is
    /// `text` when that key is present (any other value than a string, null included, skips the row),
    /// else `body`.
    func read(_ data: Data) -> Row? {
        guard let values = try? reader.read(data) else { return nil }
        func string(_ key: String) -> String? {
            guard let index = reader.keys.firstIndex(of: key), case .string(let value)? = values[index] else { return nil }
            return value
        }
        guard let text = values[0] != nil ? string("text") : string("body") else { return nil }
        return Row(text: text, label: string(labelField), author: string("author"))
    }
}

/// Verdict slots filled by concurrent workers, each writing its own disjoint range.
private final class ResultSlots: @unchecked Sendable {
    // Safe: every write goes through `lock`, and `values` is read only after all writers finished.
    private var slots: [Verdict?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ verdicts: [Verdict], at start: Int) {
        lock.lock()
        defer { lock.unlock() }
        for (offset, verdict) in verdicts.enumerated() { slots[start + offset] = verdict }
    }

    var values: [Verdict] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

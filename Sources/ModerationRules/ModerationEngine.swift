import PCRE2
import RulePrefilter
import TextFolding

/// Applies a ``RuleSet`` to comments: policy checks, every rule on its fields, then the decision.
///
/// Immutable and `Sendable`: share one engine between tasks; each evaluation uses its own
/// ``EngineScratch`` (one per task is best; `evaluate(_:)` makes one when not given).
public struct ModerationEngine: Sendable {
    /// The rules applied.
    public let ruleSet: RuleSet
    /// The most spans recorded for one rule in one field; counting stops there too.
    public static let maxSpansPerHit = 50
    /// The folder for `normalize` rules; made only when some rule normalizes (making one reads
    /// the bundled confusables table, a few milliseconds a process).
    private let foldingNormalizer: TextNormalizer?
    private var normalizer: TextNormalizer { foldingNormalizer ?? TextNormalizer() }
    private let plan: RulePlan

    /// Creates an engine for a rule set: splits the rules by the text they read and builds the
    /// literal prefilters that let an evaluation skip rules that cannot match.
    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        self.foldingNormalizer = ruleSet.rules.contains(where: \.normalize) ? TextNormalizer() : nil
        self.plan = RulePlan(rules: ruleSet.rules)
    }

    /// What the prefilter needs before rule `index` (of ``ruleSet``) runs, for reports: per unit (the
    /// rule, or each top-level branch) its literals, or its features when it has no literal; units
    /// joined by "or", the first three of more; "nothing (runs on every comment)" when a unit
    /// needs nothing.
    public func prefilterSummary(rule index: Int) -> String {
        let group = ruleSet.rules[index].normalize ? plan.folded : plan.raw
        var units: [String] = []
        for unit in group.unitRule.indices where group.unitRule[unit] == index {
            guard let needs = group.prefilter.requirements[unit]?.summary() ?? group.unitFeatures[unit]?.summary
            else { return "nothing (runs on every comment)" }
            units.append(needs)
        }
        if units.isEmpty { return "nothing (runs on every comment)" }
        return units.prefix(3).joined(separator: " or ") + (units.count > 3 ? " or … (\(units.count) branches)" : "")
    }

    /// Evaluates a comment with a scratch of its own (prefer one scratch per task in loops).
    public func evaluate(_ comment: CommentInput, id: String? = nil) -> Verdict {
        do {
            return evaluate(comment, id: id, scratch: try EngineScratch())
        } catch {
            let failure = EngineFailure(rule: "-", field: .body, message: error.message, code: error.code)
            return Verdict(
                id: id, decision: .hold, score: 0, rulesVersion: ruleSet.version, hits: [], violations: [],
                errors: [failure], reason: "held for a person: \(error.message)")
        }
    }

    /// Evaluates a comment: violations, hits and failures, then the decision by precedence.
    ///
    /// Per field, the literal prefilters name the rules that can match, and of those, rules whose
    /// ``FeatureRequirement`` the text cannot meet (too few capitals or digits, no long run) are
    /// dropped; only the rest run PCRE2. The verdict is the one running every rule would give (a
    /// rule is skipped only when something it needs is absent), in rule order. With `rulesOnly`
    /// the form policy is not checked: the verdict is the rules' alone (for rules maintainers
    /// measuring texts that carry no name or email).
    public func evaluate(
        _ comment: CommentInput, id: String? = nil, scratch: EngineScratch, rulesOnly: Bool = false
    ) -> Verdict {
        let violations = rulesOnly ? [] : ruleSet.policy.violations(of: comment, scratch: scratch.match)
        var found: [(rule: Int, field: CommentField, hit: Hit?, failure: EngineFailure?)] = []
        for field in CommentField.allCases {
            guard let value = comment[field], !value.isEmpty else { continue }
            let readsRaw = plan.rawFields.contains(field)
            let readsFolded = plan.foldedFields.contains(field)
            guard readsRaw || readsFolded else { continue }
            var text = FieldText(raw: value, folded: readsFolded ? normalizer.fold(value) : nil)
            if readsRaw { plan.raw.prefilter.candidates(in: value, into: &scratch.rawCandidates) }
            if readsFolded, let folded = text.folded {
                plan.folded.prefilter.candidates(in: folded.text, into: &scratch.foldedCandidates)
            }
            let bit = RulePlan.bit(field)
            var indices: [Int] = []
            // Candidate units whose rule reads this field and whose features the text meets.
            func collect(_ group: RulePlan.Group, _ candidates: CandidateSet, text: String) {
                var computed: TextFeatures?
                candidates.forEach { unit in
                    let index = group.unitRule[unit]
                    guard plan.fieldMasks[index] & bit != 0 else { return }
                    if let needs = group.unitFeatures[unit] {
                        // One pass measures what every unit of the group needs (repeated tokens
                        // compared as its strictest unit needs; runs within masks on request).
                        let known = computed ?? TextFeatures(text, tokens: group.tokens)
                        computed = known
                        guard needs.isMet(by: known) else { return }
                    }
                    if indices.last != index { indices.append(index) }
                }
            }
            if readsRaw { collect(plan.raw, scratch.rawCandidates, text: value) }
            if readsFolded, let folded = text.folded { collect(plan.folded, scratch.foldedCandidates, text: folded.text) }
            indices.sort()
            ruleSet.rules.withUnsafeBufferPointer { rules in
                var previous = -1
                for index in indices where index != previous {
                    previous = index
                    // Through a pointer the rule is not copied (with its references) a candidate.
                    do throws(PCRE2Error) {
                        let start = scratch.timesRuns ? ContinuousClock.now : nil
                        let hit = try hit(of: rules.baseAddress! + index, in: &text, field: field, scratch: scratch.match)
                        let elapsed = start.map { (ContinuousClock.now - $0).nanoseconds } ?? 0
                        scratch.recordRun(rule: index, hit: hit != nil, nanoseconds: elapsed, ruleCount: rules.count)
                        if let hit { found.append((index, field, hit, nil)) }
                    } catch {
                        found.append(
                            (
                                index, field, nil,
                                EngineFailure(
                                    rule: rules[index].id, field: field,
                                    message: error.message, code: error.code)
                            ))
                    }
                }
            }
        }
        scratch.recordEvaluation()
        found.sort { ($0.rule, $0.field) < ($1.rule, $1.field) }
        let hits = found.compactMap(\.hit)
        var errors: [EngineFailure] = []
        var shadowErrors: [EngineFailure] = []
        for item in found {
            guard let failure = item.failure else { continue }
            if ruleSet.rules[item.rule].mode == .shadow {
                shadowErrors.append(failure)
            } else {
                errors.append(failure)
            }
        }
        return verdict(id: id, hits: hits, violations: violations, errors: errors, shadowErrors: shadowErrors)
    }

    /// The verdict of what an evaluation found: the decision from enforced rules, and what the
    /// shadow rules would have made of it.
    private func verdict(
        id: String?, hits: [Hit], violations: [Violation], errors: [EngineFailure], shadowErrors: [EngineFailure]
    ) -> Verdict {
        let (decision, score, reason) = DecisionRule.decide(
            hits: hits, violations: violations, errors: errors, policy: ruleSet.policy)
        let wouldBe = DecisionRule.wouldBe(
            hits: hits, violations: violations, errors: errors, shadowErrors: shadowErrors, policy: ruleSet.policy)
        return Verdict(
            id: id, decision: decision, score: score, rulesVersion: ruleSet.version, hits: hits,
            violations: violations, errors: errors, shadowErrors: shadowErrors, reason: reason, wouldBe: wouldBe)
    }

    /// Evaluates a comment running every rule, without the prefilter: the reference the prefilter
    /// must agree with.
    func evaluateWithoutPrefilter(_ comment: CommentInput, scratch: MatchScratch) -> Verdict {
        let violations = ruleSet.policy.violations(of: comment, scratch: scratch)
        var texts: [CommentField: FieldText] = [:]
        for field in CommentField.allCases {
            guard let value = comment[field], !value.isEmpty else { continue }
            texts[field] = FieldText(raw: value, folded: plan.foldedFields.contains(field) ? normalizer.fold(value) : nil)
        }
        var hits: [Hit] = []
        var errors: [EngineFailure] = []
        var shadowErrors: [EngineFailure] = []
        for rule in ruleSet.rules {
            for field in rule.target.fields {
                guard var text = texts[field] else { continue }
                do {
                    if let hit = try withUnsafePointer(
                        to: rule,
                        { (rule) throws(PCRE2Error) in
                            try self.hit(of: rule, in: &text, field: field, scratch: scratch)
                        })
                    {
                        hits.append(hit)
                    }
                } catch {
                    let failure = EngineFailure(rule: rule.id, field: field, message: error.message, code: error.code)
                    if rule.mode == .shadow { shadowErrors.append(failure) } else { errors.append(failure) }
                }
                texts[field] = text
            }
        }
        return verdict(id: nil, hits: hits, violations: violations, errors: errors, shadowErrors: shadowErrors)
    }

    /// One rule on one text, as `rules test` runs it: the hit, or nil.
    func hit(of rule: Rule, in value: String, field: CommentField, scratch: MatchScratch) throws(PCRE2Error) -> Hit? {
        var text = FieldText(raw: value, folded: rule.normalize ? normalizer.fold(value) : nil)
        return try withUnsafePointer(to: rule) { (rule) throws(PCRE2Error) in
            try self.hit(of: rule, in: &text, field: field, scratch: scratch)
        }
    }

    /// Runs a rule over one field's text (raw or folded) and maps its matches to raw character spans.
    /// The rule is read through a pointer: a `Rule` argument read from the rules' buffer was copied,
    /// retaining each of its references, at every candidate.
    func hit(
        of pointer: UnsafePointer<Rule>, in text: inout FieldText, field: CommentField,
        scratch: MatchScratch
    ) throws(PCRE2Error) -> Hit? {
        var ranges: [Range<Int>] = []
        let normalize = pointer.pointee.normalize
        let subject = normalize ? (text.folded?.text ?? text.raw) : text.raw
        let pattern = pointer.pointee.pattern
        try Pattern.withUTF8(subject) { (bytes) throws(PCRE2Error) in
            try pattern.forEachMatch(in: bytes, scratch: scratch) { range in
                ranges.append(range)
                return ranges.count < Self.maxSpansPerHit
            }
        }
        guard ranges.count >= pointer.pointee.minCount, !ranges.isEmpty else { return nil }
        let rule = pointer.pointee
        if normalize, let folded = text.folded {
            ranges = ranges.map { folded.rawUTF8Range(forFolded: $0) }
        }
        let offsets = text.offsets()
        let raw = Array(text.raw.utf8)
        var spans: [[Int]] = []
        var matched: [String] = []
        for range in ranges {
            let characters = offsets.characters(covering: range)
            spans.append([characters.lowerBound, characters.upperBound])
            matched.append(String(decoding: raw[offsets.bytes(of: characters)], as: UTF8.self))
        }
        return Hit(
            rule: rule.id, field: field, action: rule.action, mode: rule.mode,
            score: rule.action == .score ? rule.score : nil, spans: spans, text: matched)
    }
}

/// One field's raw text, its folded form when a rule needs it, and its character index once a hit needs it.
struct FieldText {
    let raw: String
    let folded: FoldedText?
    private var characterOffsets: CharacterOffsets?

    init(raw: String, folded: FoldedText?) {
        self.raw = raw
        self.folded = folded
    }

    /// The character index, built on first use.
    mutating func offsets() -> CharacterOffsets {
        if let characterOffsets { return characterOffsets }
        let built = CharacterOffsets(raw)
        characterOffsets = built
        return built
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int {
        let (seconds, attoseconds) = components
        return Int(clamping: seconds) &* 1_000_000_000 &+ Int(attoseconds / 1_000_000_000)
    }
}

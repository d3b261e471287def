/// All rules' literals in one scan: which rules can possibly match a text.
///
/// Each rule has a ``LiteralRequirement`` (a view and literals) or none (it always runs). A scan
/// folds the text once and walks it through one Aho–Corasick automaton per view in use, marking
/// the rules whose literals occur. Running PCRE2 only on the marked rules (always-run ones
/// included) gives exactly the verdicts of running every rule, since a rule is skipped only when
/// no literal it requires occurs.
public struct LiteralPrefilter: Sendable {
    /// The number of rules.
    public let ruleCount: Int
    /// What each rule requires; nil for rules that always run.
    public let requirements: [LiteralRequirement?]
    /// Indices of the rules without literals, ascending.
    public let alwaysRun: [Int]
    /// One automaton per view, in ``PrefilterView`` order (empty when the view has no literals).
    let automata: [AhoCorasickAutomaton]
    let viewInUse: [Bool]
    /// Per view, per byte value: the rules whose literal is that single byte (kept out of the
    /// automata, where such literals would report at almost every byte; a scan notes which bytes
    /// occur and marks these rules afterwards).
    let singleByteRules: [[[UInt32]]]
    /// Per view, true when some rule has a single-byte literal.
    let viewHasSingleBytes: [Bool]
    /// Per view, the byte values that are some rule's whole literal.
    let singleBytes: [[UInt8]]
    /// Where each view's states start in a ``CandidateSet``'s reported-state marks; the last is the total.
    let stateOffsets: [Int]

    /// A prefilter from plain-view literal sets (folded literals), one per rule; nil means always run.
    public init(literalSets: [Set<String>?]) {
        self.init(requirements: literalSets.map { set in set.map { LiteralRequirement(view: .plain, literals: $0) } })
    }

    /// A prefilter from each rule's requirement; nil means always run.
    ///
    /// Literals are normalized into their view (folded, mapped, runs cut), so plain text works too.
    /// A requirement with no literals, or one whose literal is empty in its view, always runs.
    public init(requirements: [LiteralRequirement?]) {
        ruleCount = requirements.count
        // Rule indices share their word with conditions (67 million rules: far beyond any rule set's memory).
        precondition(ruleCount <= AhoCorasickAutomaton.Condition.ruleLimit, "too many rules for one prefilter")
        var alwaysRun: [Int] = []
        var byView: [[[UInt8]: [UInt32]]] = Array(repeating: [:], count: PrefilterView.allCases.count)
        var kept: [LiteralRequirement?] = []
        for (rule, requirement) in requirements.enumerated() {
            guard let requirement, !requirement.literals.isEmpty else {
                alwaysRun.append(rule)
                kept.append(nil)
                continue
            }
            let literals =
                requirement.literals.map {
                    (
                        requirement.view,
                        Self.searched(PrefilterFolding.literalBytes($0, view: requirement.view), view: requirement.view)
                    )
                }
                + requirement.plainAlternatives.map {
                    (PrefilterView.plain, Self.searched(PrefilterFolding.literalBytes($0, view: .plain), view: .plain))
                }
            if literals.contains(where: \.1.bytes.isEmpty) {
                alwaysRun.append(rule)
                kept.append(nil)
                continue
            }
            kept.append(requirement)
            for (view, literal) in literals {
                byView[view.rawValue][literal.bytes, default: []].append(UInt32(rule) | literal.condition)
            }
        }
        self.requirements = kept
        self.alwaysRun = alwaysRun
        // One-byte literals are noted in passing rather than searched; one with a condition needs its
        // place in the text, and stays in the automaton.
        var singles = [[[UInt32]]](repeating: [[UInt32]](repeating: [], count: 256), count: byView.count)
        for (view, literals) in byView.enumerated() {
            for (literal, rules) in literals where literal.count == 1 {
                let unconditional = rules.filter { $0 & AhoCorasickAutomaton.Condition.mask == 0 }
                singles[view][Int(literal[0])].append(contentsOf: unconditional)
                byView[view][literal] =
                    unconditional.count == rules.count ? nil : rules.filter { $0 & AhoCorasickAutomaton.Condition.mask != 0 }
            }
        }
        singleByteRules = singles
        viewHasSingleBytes = singles.map { $0.contains { !$0.isEmpty } }
        let singleBytes = singles.map { rules in (0..<256).filter { !rules[$0].isEmpty }.map { UInt8($0) } }
        self.singleBytes = singleBytes
        automata = byView.map { literals in AhoCorasickAutomaton(patterns: literals.map { ($0.key, $0.value) }) }
        viewInUse = (0..<byView.count).map { !byView[$0].isEmpty || !singleBytes[$0].isEmpty }
        var offsets = [0]
        for automaton in automata { offsets.append(offsets.last! + automaton.stateCount) }
        stateOffsets = offsets
    }

    /// The bytes a scan looks for and their condition: in the plain view, the literal without its
    /// word boundary markers, a boundary at its start or end becoming a condition the scan checks
    /// where the literal is found (``AhoCorasickAutomaton/Condition``). A marker inside a literal
    /// (`a\b-b`) goes: the scan checks only a literal's ends, and dropping a condition only admits
    /// more texts. A literal of markers alone is empty (it requires nothing).
    static func searched(_ literal: [UInt8], view: PrefilterView) -> (bytes: [UInt8], condition: UInt32) {
        let marker = PrefilterView.boundaryByte
        guard view == .plain, literal.contains(marker) else { return (literal, 0) }
        let bytes = literal.filter { $0 != marker }
        guard !bytes.isEmpty else { return ([], 0) }
        typealias Condition = AhoCorasickAutomaton.Condition
        var condition: UInt32 = 0
        if literal.first == marker { condition |= Condition.before }
        if literal.last == marker { condition |= Condition.after }
        guard condition != 0 else { return (bytes, 0) }
        let lookup = PrefilterScalarTable.shared.lookup
        bytes.withUnsafeBufferPointer { buffer in
            condition |= UInt32(lookup.wordClass(folded: UTF8Scalar.decode(buffer, at: 0).0)) << Condition.firstClassShift
            let last = UTF8Scalar.start(before: buffer.count, in: buffer)
            condition |= UInt32(lookup.wordClass(folded: UTF8Scalar.decode(buffer, at: last).0)) << Condition.lastClassShift
        }
        return (bytes, condition)
    }

    /// A prefilter for PCRE2 patterns, extracting each one's requirement (see ``LiteralExtractor``).
    /// `extended[i]` tells whether pattern `i` is compiled with the extended flag (missing: false).
    public init(patterns: [String], extended: [Bool] = []) {
        self.init(
            requirements: patterns.enumerated().map { index, pattern in
                LiteralExtractor.requirement(pattern: pattern, extended: index < extended.count && extended[index])
            })
    }

    /// The number of distinct literals over all views.
    public var literalCount: Int {
        Set(
            requirements.compactMap { $0 }.flatMap { r in
                r.literals.map { "\(r.view.rawValue):\($0)" } + r.plainAlternatives.map { "0:\($0)" }
            }
        ).count
    }

    /// Automaton states over all views.
    public var stateCount: Int { automata.reduce(0) { $0 + $1.stateCount } }

    /// Bytes held by the automata.
    public var memoryBytes: Int { automata.reduce(0) { $0 + $1.memoryBytes } }

    /// Replaces `result` with the rules that must run on a text already folded with
    /// ``PrefilterFolding/fold(_:)``: those with a literal in it and those that always run.
    public func candidates(inFolded bytes: UnsafeBufferPointer<UInt8>, into result: inout CandidateSet) {
        scan(bytes, folding: false, into: &result)
    }

    /// Replaces `result` with the rules that must run on `text` (folding it on the way; no copy is made).
    public func candidates(in text: String, into result: inout CandidateSet) {
        var text = text
        text.withUTF8 { scan($0, folding: true, into: &result) }
    }

    /// The rules that must run on `text`, ascending (allocates; use the `into:` form in loops).
    public func candidates(in text: String) -> [Int] {
        var result = CandidateSet(ruleCount: ruleCount)
        candidates(in: text, into: &result)
        return result.indices
    }
}

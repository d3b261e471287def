/// The rules of one engine split by the text they match, each half with its literal prefilter.
///
/// The prefilters work on units: a rule is one unit, except that a rule whose pattern is a
/// top-level alternation with a branch that has a ``FeatureRequirement`` is one unit a branch.
/// Every match of `A|B` is a match of `A` or of `B`, so a rule is a candidate when one of its units
/// is: its literal occurs (or it has none) and the text meets its features. `\b\d{2,3}p\b|ringtone`
/// then runs on texts with `ringtone`, or with a `p` and two digits, not on every text with a `p`.
/// PCRE2 still runs the whole pattern, so verdicts are unchanged.
struct RulePlan: Sendable {
    /// The units of one half (raw or folded text) and their prefilter.
    struct Group: Sendable {
        /// Indices (into the rule set) of the half's rules, ascending.
        let rules: [Int]
        /// Per unit, the index (into the rule set) of its rule.
        let unitRule: [Int]
        /// Per unit, what it needs of the text beyond its literals (nil: nothing known).
        let unitFeatures: [FeatureRequirement?]
        /// The literal prefilter over the units.
        let prefilter: LiteralPrefilter
        /// How repeated tokens are measured in the features pass: caseless when some unit needs
        /// that (it serves exact needs too), else exact when some unit needs that.
        let tokens: FeatureRequirement.TokenRepeat

        init(rules indices: [Int], of rules: [Rule]) {
            self.rules = indices
            var unitRule: [Int] = []
            var unitFeatures: [FeatureRequirement?] = []
            var requirements: [LiteralRequirement?] = []
            for index in indices {
                for unit in RulePlan.units(of: rules[index]) {
                    unitRule.append(index)
                    unitFeatures.append(unit.features)
                    requirements.append(unit.literals)
                }
            }
            self.unitRule = unitRule
            let kinds = unitFeatures.compactMap { $0?.repeatedToken }
            tokens = kinds.contains(.caseless) ? .caseless : kinds.contains(.exact) ? .exact : .none
            self.unitFeatures = unitFeatures
            prefilter = LiteralPrefilter(requirements: requirements)
        }
    }

    /// Rules matching the raw text.
    let raw: Group
    /// Rules matching the folded text (`normalize: true`).
    let folded: Group
    /// For each rule, the fields it reads as a bit mask (see ``bit(_:)``).
    let fieldMasks: [UInt8]
    /// The fields some raw rule reads, and the fields some folded rule reads.
    let rawFields: Set<CommentField>
    let foldedFields: Set<CommentField>

    /// The most branches a rule is split into; a longer alternation (a word list) is one unit.
    static let maxBranchUnits = 64

    init(rules: [Rule]) {
        var rawIndices: [Int] = []
        var foldedIndices: [Int] = []
        for (index, rule) in rules.enumerated() {
            if rule.normalize { foldedIndices.append(index) } else { rawIndices.append(index) }
        }
        raw = Group(rules: rawIndices, of: rules)
        folded = Group(rules: foldedIndices, of: rules)
        fieldMasks = rules.map { rule in rule.target.fields.reduce(0) { $0 | RulePlan.bit($1) } }
        rawFields = Set(rawIndices.flatMap { rules[$0].target.fields })
        foldedFields = Set(foldedIndices.flatMap { rules[$0].target.fields })
    }

    /// A rule's prefilter units: its literal requirement and features, whole or a branch each.
    static func units(of rule: Rule) -> [(literals: LiteralRequirement?, features: FeatureRequirement?)] {
        let options = rule.pattern.options
        guard !options.contains(.extended),
              let parsed = LiteralPatternParser.parseWithOptions(rule.pattern.source)
        else { return [(nil, nil)] }
        let caseless = options.contains(.caseless) || parsed.inlineCaseless
        var node = parsed.node
        if case .capture(let inner, _) = node { node = inner }
        if case .alternation(let branches) = node, branches.count <= maxBranchUnits {
            let features = branches.map { FeatureRequirement.of(node: $0, caseless: caseless) }
            if features.contains(where: { $0 != nil }) {
                return zip(branches, features).map { (LiteralExtractor.requirement(node: $0), $1) }
            }
        }
        let literals = LiteralExtractor.scoredRequirement(node: parsed.node)
        // Behind literals this selective a rule seldom runs; what features would add is not worth
        // analysing the pattern again for (about a tenth of loading 2,000 rules).
        if let literals, literals.score >= featuresUnneededScore { return [(literals.requirement, nil)] }
        return [(literals?.requirement, FeatureRequirement.of(node: parsed.node, caseless: caseless))]
    }

    /// A literal score (bits) above which a whole-rule unit gets no ``FeatureRequirement``.
    static let featuresUnneededScore = LiteralExtractor.goodEnoughScore

    /// A field's bit in ``fieldMasks``.
    static func bit(_ field: CommentField) -> UInt8 {
        switch field {
        case .name: 1
        case .email: 2
        case .body: 4
        case .url: 8
        }
    }
}

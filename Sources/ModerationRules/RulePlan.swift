import RulePrefilter

/// The rules of one engine split by the text they match, each half with its literal prefilter over
/// the rules' units (``PrefilterUnit``). `\b\d{2,3}p\b|ringtone` runs on texts with `ringtone`, or
/// with a `p` and two digits, not on every text with a `p`. PCRE2 still runs the whole pattern, so
/// verdicts are unchanged.
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
    static func units(of rule: Rule) -> [PrefilterUnit] {
        let options = rule.pattern.options
        return PrefilterUnit.units(
            pattern: rule.pattern.source, caseless: options.contains(.caseless), extended: options.contains(.extended))
    }

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

/// The rules of one engine split by the text they match, each half with its literal prefilter.
struct RulePlan: Sendable {
    /// Indices (into the rule set) of rules matching the raw text, and their prefilter.
    let rawRules: [Int]
    let rawPrefilter: LiteralPrefilter
    /// Indices of rules matching the folded text (`normalize: true`), and their prefilter.
    let foldedRules: [Int]
    let foldedPrefilter: LiteralPrefilter
    /// For each rule, what it needs of a text beyond literals (nil: nothing known); checked after
    /// the literal prefilter, before PCRE2.
    let features: [FeatureRequirement?]
    /// For each rule, the fields it reads as a bit mask (see ``bit(_:)``).
    let fieldMasks: [UInt8]
    /// The fields some raw rule reads, and the fields some folded rule reads.
    let rawFields: Set<CommentField>
    let foldedFields: Set<CommentField>

    init(rules: [Rule]) {
        var raw: [Int] = []
        var folded: [Int] = []
        for (index, rule) in rules.enumerated() {
            if rule.normalize { folded.append(index) } else { raw.append(index) }
        }
        func prefilter(_ indices: [Int]) -> LiteralPrefilter {
            LiteralPrefilter(patterns: indices.map { rules[$0].pattern.source },
                             extended: indices.map { rules[$0].pattern.options.contains(.extended) })
        }
        rawRules = raw
        foldedRules = folded
        rawPrefilter = prefilter(raw)
        foldedPrefilter = prefilter(folded)
        features = rules.map { rule in
            FeatureRequirement.of(pattern: rule.pattern.source, caseless: rule.pattern.options.contains(.caseless),
                                  extended: rule.pattern.options.contains(.extended))
        }
        fieldMasks = rules.map { rule in rule.target.fields.reduce(0) { $0 | RulePlan.bit($1) } }
        rawFields = Set(raw.flatMap { rules[$0].target.fields })
        foldedFields = Set(folded.flatMap { rules[$0].target.fields })
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

/// What one unit of a rule needs of a text before PCRE2 runs it: a rule is one unit, except that a
/// rule whose pattern is a top-level alternation with a branch that has a ``FeatureRequirement`` is
/// one unit a branch. Every match of `A|B` is a match of `A` or of `B`, so a rule is a candidate
/// when one of its units is: its literal occurs (or it has none) and the text meets its features.
package struct PrefilterUnit: Sendable {
    /// Literals one of which every match contains (nil: none known).
    package let literals: LiteralRequirement?
    /// What a match needs of the text beyond its literals (nil: nothing known).
    package let features: FeatureRequirement?

    /// The most branches a pattern is split into; a longer alternation (a word list) is one unit.
    static let maxBranchUnits = 64

    /// A literal score (bits) above which a whole-pattern unit gets no ``FeatureRequirement``.
    static let featuresUnneededScore = LiteralExtractor.goodEnoughScore

    /// The units of a PCRE2 pattern compiled with UTF and UCP, and `caseless` and `extended` as
    /// given; one unit that needs nothing when the pattern is beyond the parser.
    package static func units(pattern: String, caseless: Bool, extended: Bool) -> [PrefilterUnit] {
        guard !extended, let parsed = LiteralPatternParser.parseWithOptions(pattern) else {
            return [PrefilterUnit(literals: nil, features: nil)]
        }
        let caseless = caseless || parsed.inlineCaseless
        var node = parsed.node
        if case .capture(let inner, _) = node { node = inner }
        if case .alternation(let branches) = node, branches.count <= maxBranchUnits {
            let features = branches.map { FeatureRequirement.of(node: $0, caseless: caseless) }
            if features.contains(where: { $0 != nil }) {
                return zip(branches, features).map {
                    PrefilterUnit(literals: LiteralExtractor.requirement(node: $0), features: $1)
                }
            }
        }
        let literals = LiteralExtractor.scoredRequirement(node: parsed.node)
        // Behind literals this selective a rule seldom runs; what features would add is not worth
        // analysing the pattern again for (about a tenth of loading 2,000 rules).
        if let literals, literals.score >= featuresUnneededScore {
            return [PrefilterUnit(literals: literals.requirement, features: nil)]
        }
        return [
            PrefilterUnit(
                literals: literals?.requirement, features: FeatureRequirement.of(node: parsed.node, caseless: caseless))
        ]
    }
}

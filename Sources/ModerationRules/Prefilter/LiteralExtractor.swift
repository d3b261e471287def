/// Extracts from a PCRE2 pattern literals at least one of which occurs in any text the pattern
/// matches, so that a rule can be skipped when none occurs.
///
/// Sound by construction: for a returned set S and any text T that PCRE2 (UTF + UCP, caseless or
/// not, any of the usual flags) matches, some member of S is a substring of T seen through the
/// view (for ``requiredLiterals(pattern:extended:)``, the folded text). When in doubt it returns
/// nil, and the rule always runs. See ``LiteralPatternParser`` for the syntax understood.
public enum LiteralExtractor {
    /// Literals a pattern requires in the folded text (the plain view); nil when none can be extracted.
    ///
    /// For a word list `(?<![\p{L}\p{M}\p{N}_])(?:idiot|bloody\s+fool)(?![\p{L}\p{M}\p{N}_])` this is
    /// `["idiot", "bloody"]`: alternation unites its branches, a concatenation keeps its best run.
    public static func requiredLiterals(pattern: String, extended: Bool) -> Set<String>? {
        literals(pattern: pattern, extended: extended, view: .plain)
    }

    /// Literals a pattern requires in the text seen through `view`; nil when none can be extracted.
    public static func literals(pattern: String, extended: Bool, view: PrefilterView) -> Set<String>? {
        guard !extended, let node = LiteralPatternParser.parse(pattern) else { return nil }
        return required(node, view: view).map(strings)
    }

    /// The most selective requirement over all views; nil when no view yields one (the rule always runs).
    public static func requirement(pattern: String, extended: Bool) -> LiteralRequirement? {
        guard !extended, let node = LiteralPatternParser.parse(pattern) else { return nil }
        return requirement(node: node)
    }

    /// The most selective requirement of a parsed pattern (or of one of its top-level branches).
    static func requirement(node: LiteralNode) -> LiteralRequirement? {
        var best: (score: Double, view: PrefilterView, set: Set<ViewString>)?
        for view in PrefilterView.allCases {
            // A strong plain requirement is kept without trying the other views (it saves most of the work).
            if let best, best.score >= goodEnoughScore { break }
            guard let set = required(node, view: view) else { continue }
            let score = LiteralScoring.score(set, view: view) - viewPenalty(view)
            if best == nil || score > best!.score {
                best = (score, view, set)
            }
        }
        return best.map { LiteralRequirement(view: $0.view, literals: strings($0.set)) }
    }

    /// A score in bits (about five ordinary letters) above which no other view is tried.
    static let goodEnoughScore = 18.0

    /// What choosing a view other than the plain one costs in score: its alphabet is coarser, and a
    /// skeleton joins words, so its literals match more often than plain ones of the same length.
    static func viewPenalty(_ view: PrefilterView) -> Double {
        switch view {
        case .plain: 0
        case .leet: 1.6
        case .skeleton: 2.4
        }
    }

    static func required(_ node: LiteralNode, view: PrefilterView) -> Set<ViewString>? {
        let algebra = LiteralAlgebra(view: view)
        return algebra.requiredSet(algebra.info(node))
    }

    private static func strings(_ set: Set<ViewString>) -> Set<String> {
        Set(set.map { String(String.UnicodeScalarView($0.scalars.compactMap(Unicode.Scalar.init))) })
    }
}

import Foundation

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
        if best == nil || best!.score < goodEnoughScore, let split = symbolSplit(node),
           best == nil || split.score > best!.score {
            return LiteralRequirement(view: .skeleton, literals: strings(split.set),
                                      plainAlternatives: Set(split.symbols.map { String(Unicode.Scalar(UInt8($0))) }))
        }
        return best.map { LiteralRequirement(view: $0.view, literals: strings($0.set)) }
    }

    /// The skeleton view split on leetspeak symbols. A class such as `[t7+]` holds a symbol the
    /// skeleton deletes, so the skeleton view of a match may lose the letter it stands for (and
    /// with it every literal). Split on the symbols the pattern lists: a match holds one of them
    /// (found in the plain view), or none, and then it is a match of the pattern without them,
    /// whose skeleton literals (`twat` for `\b[t7+]+[\W_]*w+[\W_]*[a@4]+[\W_]*[t7+]+\b`) must occur.
    /// Nil when the pattern lists no such symbol (or more than eight) or the skeleton yields nothing.
    /// (The split also serves when the symbol is not leetspeak: `[a+]` in any pattern.)
    private static func isDeletable(_ value: UInt32) -> Bool {
        Unicode.Scalar(value).map(PrefilterScalarTable.isDeletable) ?? true
    }

    static func symbolSplit(_ node: LiteralNode) -> (score: Double, set: Set<ViewString>, symbols: [UInt32])? {
        var symbols = Set<UInt32>()
        node.collectListedScalars(into: &symbols) { value, atom in
            // A symbol the skeleton deletes, beside a letter or digit it keeps (in `[\W_]` the `_`
            // changes nothing: the whole class is deleted).
            value < 0x80 && isDeletable(value) && atom.ranges.contains { $0.contains { !isDeletable($0) } }
        }
        guard !symbols.isEmpty, symbols.count <= 8,
              let set = required(node.removing(symbols), view: .skeleton)
        else { return nil }
        // The skeleton literals pay the view's penalty; the symbols are plain literals.
        var chance = exp2(viewPenalty(.skeleton) - LiteralScoring.score(set, view: .skeleton))
        for symbol in symbols { chance += exp2(-LiteralScoring.characterBits(symbol, view: .plain)) }
        return (-log2(chance), set, symbols.sorted())
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

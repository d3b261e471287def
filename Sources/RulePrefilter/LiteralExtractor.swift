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
        return required(node, view: view).map { strings($0, view: view) }
    }

    /// The most selective requirement over all views; nil when no view yields one (the rule always runs).
    public static func requirement(pattern: String, extended: Bool) -> LiteralRequirement? {
        guard !extended, let node = LiteralPatternParser.parse(pattern) else { return nil }
        return requirement(node: node)
    }

    /// The most selective requirement of a parsed pattern (or of one of its top-level branches).
    static func requirement(node: LiteralNode) -> LiteralRequirement? {
        scoredRequirement(node: node)?.requirement
    }

    /// ``requirement(node:)`` and its score in bits (``LiteralScoring``, view penalty included).
    static func scoredRequirement(node: LiteralNode) -> (requirement: LiteralRequirement, score: Double)? {
        let symbols = splitSymbols(node)
        var best: (score: Double, view: PrefilterView, set: Set<ViewString>)?
        for view in PrefilterView.allCases {
            // A strong plain requirement is kept without trying the other views (it saves most of the work).
            if let best, best.score >= goodEnoughScore { break }
            // With rare symbols to split on, the split below stands in for the skeleton view: it is
            // the skeleton view of the pattern without them (whose literals can only be longer),
            // the symbols found in the plain view at little cost.
            if view == .skeleton, !symbols.isEmpty { continue }
            guard let set = required(node, view: view) else { continue }
            let score = LiteralScoring.score(set, view: view) - viewPenalty(view)
            if best == nil || score > best!.score {
                best = (score, view, set)
            }
        }
        if best == nil || best!.score < goodEnoughScore, let split = symbolSplit(node, symbols: symbols),
            best == nil || split.score > best!.score
        {
            return (
                LiteralRequirement(
                    view: .skeleton, literals: strings(split.set, view: .skeleton),
                    plainAlternatives: Set(split.symbols.map { String(Unicode.Scalar(UInt8($0))) })),
                split.score
            )
        }
        guard var best else { return nil }
        if best.view == .plain, let simpler = withoutTrailingBoundaries(best.set),
            simpler.score >= Swift.min(goodEnoughScore, best.score - trailingBoundaryLoss)
        {
            best.set = simpler.set
            best.score = simpler.score
        }
        return (LiteralRequirement(view: best.view, literals: strings(best.set, view: best.view)), best.score)
    }

    /// A plain set without the word boundaries at its strings' ends, when that makes it smaller:
    /// `\bthreesome(?:s|es|ed|er|ers|ing|y|z)?\b` needs `⟨b⟩threesome` (one literal) rather than
    /// each whole word (nine); a word list `\b(?:xx|xxx|ass|asses…)\b` keeps `⟨b⟩xx`, `⟨b⟩ass`. Every
    /// literal costs the scan (a bigger automaton, more places to report), so the smaller set is
    /// taken when it stays strong (``goodEnoughScore``) or loses at most ``trailingBoundaryLoss``.
    /// Nil when no literal gets shorter or the set does not shrink.
    static func withoutTrailingBoundaries(_ set: Set<ViewString>) -> (set: Set<ViewString>, score: Double)? {
        let marker = PrefilterView.boundaryCode
        guard set.count > 1, set.contains(where: { $0.last == marker && $0.count > 1 }) else { return nil }
        let cut = Set(set.map { $0.last == marker && $0.count > 1 ? $0.prefix($0.count - 1) : $0 })
        guard let minimized = LiteralAlgebra(view: .plain).minimize(cut), minimized.count < set.count else { return nil }
        return (minimized, LiteralScoring.score(minimized, view: .plain))
    }

    /// The most bits a plain set may lose to shed its trailing word boundaries (and literals).
    static let trailingBoundaryLoss = 2.0

    /// The ASCII symbols a split (``symbolSplit(_:symbols:)``) takes out: rare in comments (at least
    /// ``rareSymbolBits``: `+`, `$`, `*`, `|`, not `!` or `@`) and listed in a class beside a letter
    /// or digit the skeleton keeps (in `[\W_]` the `_` changes nothing: the whole class is deleted).
    /// Common symbols stay: the skeleton deletes them, and a split on one would admit most comments.
    static func splitSymbols(_ node: LiteralNode) -> [UInt32] {
        func isDeletable(_ value: UInt32) -> Bool {
            Unicode.Scalar(value).map(PrefilterScalarTable.isDeletable) ?? true
        }
        var symbols = Set<UInt32>()
        node.collectListedScalars(into: &symbols) { value, atom in
            value < 0x80 && isDeletable(value) && LiteralScoring.characterBits(value, view: .plain) >= rareSymbolBits
                && atom.ranges.contains { $0.prefix(256).contains { !isDeletable($0) } }
        }
        return symbols.count <= 8 ? symbols.sorted() : []
    }

    /// The skeleton view split on leetspeak symbols. A class such as `[t7+]` holds a symbol the
    /// skeleton deletes, so the skeleton view of a match may lose the letter it stands for (and
    /// with it every literal). Split on the symbols the pattern lists (``splitSymbols(_:)``): a
    /// match holds one of them (found in the plain view), or none, and then it is a match of the
    /// pattern without them, whose skeleton literals (`twat` for
    /// `\b[t7+]+[\W_]*w+[\W_]*[a@4]+[\W_]*[t7+]+\b`) must occur. Nil without symbols (or with more
    /// than eight) or when the skeleton yields nothing.
    static func symbolSplit(_ node: LiteralNode, symbols: [UInt32]? = nil) -> (
        score: Double, set: Set<ViewString>, symbols: [UInt32]
    )? {
        let symbols = symbols ?? splitSymbols(node)
        guard !symbols.isEmpty, let set = required(node.removing(Set(symbols)), view: .skeleton) else { return nil }
        // The skeleton literals pay the view's penalty; the symbols are plain literals.
        var chance = exp2(viewPenalty(.skeleton) - LiteralScoring.score(set, view: .skeleton))
        for symbol in symbols { chance += exp2(-LiteralScoring.characterBits(symbol, view: .plain)) }
        return (-log2(chance), set, symbols)
    }

    /// The fewest bits (measured rarity in comments) of a symbol a split takes out.
    static let rareSymbolBits = 11.0

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
        guard let set = algebra.requiredSet(algebra.info(node)) else { return nil }
        // A bare word boundary is in nearly every text: no requirement.
        if view == .plain, set.contains(where: { $0.count == 1 && $0[0] == PrefilterView.boundaryCode }) { return nil }
        return set
    }

    /// The literal strings of a set in `view`. A plain-view boundary marker at a literal's start
    /// or end is U+FDD0; one inside (`a\b-b`) goes, since the scan checks only a literal's ends.
    private static func strings(_ set: Set<ViewString>, view: PrefilterView) -> Set<String> {
        var strings = Set<String>(minimumCapacity: set.count)
        let marker = PrefilterView.boundaryCode
        for string in set {
            guard view == .plain, string.contains(marker) else {
                strings.insert(string.string)
                continue
            }
            var scalars = String.UnicodeScalarView()
            for index in 0..<string.count {
                let value = string[index]
                if value != marker {
                    scalars.append(Unicode.Scalar(value)!)
                } else if index == 0 || index == string.count - 1 {
                    scalars.append(Unicode.Scalar(PrefilterView.boundaryScalar)!)
                }
            }
            strings.insert(String(scalars))
        }
        return strings
    }
}

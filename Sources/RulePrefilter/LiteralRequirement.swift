/// What a rule needs before it can match: one of `literals` must occur in the text seen through
/// `view`, or one of `plainAlternatives` in the plain view (the leetspeak symbols a skeleton
/// requirement was split on: see ``LiteralExtractor``).
public struct LiteralRequirement: Sendable, Hashable, CustomStringConvertible {
    /// The view the literals are searched in.
    public var view: PrefilterView
    /// The literals, in the view's alphabet (folded; in the leet and skeleton views, mapped; in the
    /// plain view, U+FDD0 for a word boundary: ``PrefilterView/boundaryScalar``).
    public var literals: Set<String>
    /// Further literals searched in the plain view: the rule is a candidate when one occurs too.
    public var plainAlternatives: Set<String>

    /// Creates a requirement.
    public init(view: PrefilterView, literals: Set<String>, plainAlternatives: Set<String> = []) {
        self.view = view
        self.literals = literals
        self.plainAlternatives = plainAlternatives
    }

    /// The view and the literals, sorted, for reports.
    public var description: String {
        var text = "\(view): " + literals.sorted().map { "\"\(Self.shown($0))\"" }.joined(separator: " | ")
        if !plainAlternatives.isEmpty {
            text += " or plain: " + plainAlternatives.sorted().map { "\"\($0)\"" }.joined(separator: " | ")
        }
        return text
    }

    /// The view and at most `limit` literals (shortest first), with the count of the rest: what
    /// `check --stats` shows of a rule's prefilter.
    public func summary(limit: Int = 4) -> String {
        func list(_ literals: Set<String>) -> String {
            let sorted = literals.sorted { ($0.count, $0) < ($1.count, $1) }
            var text = sorted.prefix(limit).map { "\"\(Self.shown($0))\"" }.joined(separator: ", ")
            if sorted.count > limit { text += " … (\(sorted.count) literals)" }
            return text
        }
        var text = "\(view) " + list(literals)
        if !plainAlternatives.isEmpty { text += " or plain " + list(plainAlternatives) }
        return text
    }

    /// A literal for reports: a word boundary marker shown as `\b`.
    static func shown(_ literal: String) -> String {
        guard literal.unicodeScalars.contains(where: { $0.value == PrefilterView.boundaryScalar }) else { return literal }
        var out = ""
        for scalar in literal.unicodeScalars {
            if scalar.value == PrefilterView.boundaryScalar { out += "\\b" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

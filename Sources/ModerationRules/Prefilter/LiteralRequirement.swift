/// What a rule needs before it can match: one of `literals` must occur in the text seen through
/// `view`, or one of `plainAlternatives` in the plain view (the leetspeak symbols a skeleton
/// requirement was split on: see ``LiteralExtractor``).
public struct LiteralRequirement: Sendable, Hashable, CustomStringConvertible {
    /// The view the literals are searched in.
    public var view: PrefilterView
    /// The literals, in the view's alphabet (folded; in the leet and skeleton views, mapped).
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
        var text = "\(view): " + literals.sorted().map { "\"\($0)\"" }.joined(separator: " | ")
        if !plainAlternatives.isEmpty {
            text += " or plain: " + plainAlternatives.sorted().map { "\"\($0)\"" }.joined(separator: " | ")
        }
        return text
    }
}

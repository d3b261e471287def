/// What a rule needs before it can match: one of `literals` must occur in the text seen through `view`.
public struct LiteralRequirement: Sendable, Hashable, CustomStringConvertible {
    /// The view the literals are searched in.
    public var view: PrefilterView
    /// The literals, in the view's alphabet (folded; in the leet and skeleton views, mapped).
    public var literals: Set<String>

    /// Creates a requirement.
    public init(view: PrefilterView, literals: Set<String>) {
        self.view = view
        self.literals = literals
    }

    /// The view and the literals, sorted, for reports.
    public var description: String {
        "\(view): " + literals.sorted().map { "\"\($0)\"" }.joined(separator: " | ")
    }
}

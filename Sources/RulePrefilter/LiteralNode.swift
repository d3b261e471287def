/// A pattern reduced to what literal extraction needs: which characters each position can match,
/// how positions are sequenced, alternated and repeated. Everything zero-width is ``empty``.
indirect enum LiteralNode: Sendable, Equatable {
    /// Matches only the empty string: assertions, lookarounds, option settings, `\K`.
    case empty
    /// `\b`: matches the empty string at a word boundary. Only the plain view sees it (as its
    /// boundary marker, ``PrefilterView/boundaryCode``); elsewhere it is ``empty``.
    case wordBoundary
    /// One character from a set.
    case atom(LiteralAtom)
    /// Any string at all, as far as extraction knows (backreferences, `\X`, `\C`).
    case opaque
    /// A positive lookaround: matches the empty string, but only where the text has a match of the
    /// child, so the child's required literals are required of the whole pattern too.
    case requirementOnly(LiteralNode)
    /// The children in order.
    case concat([LiteralNode])
    /// Any one of the children.
    case alternation([LiteralNode])
    /// The child repeated `min` to `max` times (`max` nil: unbounded).
    case repetition(LiteralNode, min: Int, max: Int?)
    /// A capturing group and its number (nil when numbering is unreliable: `(?|`, the `n` option).
    case capture(LiteralNode, number: Int?)
    /// A backreference to a numbered group (nil: by name, relative, or numbering unreliable).
    /// Matches any string as far as extraction knows, like ``opaque``.
    case backreference(Int?)
}

/// The characters one pattern position can match: explicit scalars and ranges, plus escape classes.
struct LiteralAtom: Sendable, Hashable {
    /// A class escape or property: whether the skeleton view deletes every character it can match.
    enum ClassKind: Sendable, Hashable {
        /// Only characters that are not letters or numbers (`\s`, `\h`, `\v`, `\R`, `\W`, `\p{M}`, `\p{P}`…).
        case deletable
        /// A decimal digit of any script (`\d` and `\p{Nd}` under UCP).
        case decimalDigit
        /// May match letters or numbers (`\w`, `.`, `\p{L}`…), or more than one character.
        case other
    }

    /// Explicit characters, as closed ranges of scalar values.
    var ranges: [ClosedRange<UInt32>] = []
    /// Escape classes in the set.
    var classes: [ClassKind] = []
    /// The ``ScalarCategories`` the escape classes can match (OR of each class's).
    var classCategories: UInt8 = 0
    /// True for `[^…]`.
    var negated = false
    /// Every escape class in the set matches only white space (`\s`, `\h`, `\v`, `[:space:]`);
    /// true while there is none.
    var classesOnlySpace = true
    /// No escape class in the set matches white space (`\w`, `\d`); true while there is none.
    var classesNeverSpace = true

    /// How an escape class relates to white space, for the repeated-token feature
    /// (``FeatureRequirement/repeatedToken``).
    enum Spacing: Sendable, Hashable {
        /// Matches only white space.
        case only
        /// Never matches white space.
        case never
        /// May match white space and other characters.
        case mixed
    }

    /// One literal character.
    static func scalar(_ value: UInt32) -> LiteralAtom {
        LiteralAtom(ranges: [value...value])
    }

    /// A class escape alone; `categories` are those it can match (all unless known).
    static func escapeClass(
        _ kind: LiteralAtom.ClassKind, categories: UInt8 = ScalarCategories.all,
        spacing: Spacing = .mixed
    ) -> LiteralAtom {
        var atom = LiteralAtom()
        atom.addClass(kind, categories: categories, spacing: spacing)
        return atom
    }

    /// Adds a class escape that can match `categories`.
    mutating func addClass(_ kind: ClassKind, categories: UInt8 = ScalarCategories.all, spacing: Spacing = .mixed) {
        classes.append(kind)
        classCategories |= categories
        classesOnlySpace = classesOnlySpace && spacing == .only
        classesNeverSpace = classesNeverSpace && spacing == .never
    }

    /// True when every character this position can match is white space (``TokenSplit/isSeparator(_:)``).
    var matchesOnlySpace: Bool {
        !negated && (!classes.isEmpty || !ranges.isEmpty) && classesOnlySpace
            && ranges.allSatisfy { $0.count <= 64 && $0.allSatisfy(TokenSplit.isSeparator) }
    }

    /// True when no character this position can match is white space.
    var neverMatchesSpace: Bool {
        !negated && (!classes.isEmpty || !ranges.isEmpty) && classesNeverSpace
            && !ranges.contains { range in TokenSplit.separators.contains { $0.overlaps(range) } }
    }

    /// The categories of the characters this position can match; `caseless` widens those of
    /// explicit characters and of classes that reach ASCII letters (`\p{Lu}`, `[:lower:]`) to every
    /// cased category. Other classes (`\d`, `\s`, scripts without ASCII letters) keep theirs: case
    /// maps none of their characters out of them.
    func categories(caseless: Bool) -> UInt8 {
        if negated { return ScalarCategories.all }
        var rangeMask: UInt8 = 0
        for range in ranges { rangeMask |= ScalarCategories.mask(of: range) }
        var classMask = classCategories
        if caseless {
            if rangeMask & ScalarCategories.cased != 0 { rangeMask |= ScalarCategories.cased }
            if classMask & (ScalarCategories.upperASCII | ScalarCategories.lowerASCII) != 0 {
                classMask |= ScalarCategories.cased
            }
        }
        return rangeMask | classMask
    }
}

extension LiteralNode {
    /// Adds to `scalars` every scalar listed in a non-negated atom's explicit ranges for which
    /// `test` (given the scalar and its atom) holds; ranges of more than 128 scalars are not walked.
    func collectListedScalars(into scalars: inout Set<UInt32>, where test: (UInt32, LiteralAtom) -> Bool) {
        switch self {
        case .atom(let atom):
            guard !atom.negated else { return }
            for range in atom.ranges where range.count <= 128 {
                for value in range where test(value, atom) { scalars.insert(value) }
            }
        case .concat(let items), .alternation(let items):
            for item in items { item.collectListedScalars(into: &scalars, where: test) }
        case .repetition(let child, _, _), .capture(let child, _), .requirementOnly(let child):
            child.collectListedScalars(into: &scalars, where: test)
        case .empty, .wordBoundary, .opaque, .backreference:
            break
        }
    }

    /// The node with `scalars` taken out of every non-negated atom's explicit ranges: what it
    /// matches in a text without them.
    func removing(_ scalars: Set<UInt32>) -> LiteralNode {
        switch self {
        case .atom(var atom):
            guard !atom.negated else { return self }
            atom.ranges = atom.ranges.flatMap { range -> [ClosedRange<UInt32>] in
                var pieces: [ClosedRange<UInt32>] = []
                var start = range.lowerBound
                for value in scalars.sorted() where range.contains(value) {
                    if value > start { pieces.append(start...(value - 1)) }
                    start = value + 1
                }
                if start <= range.upperBound, start >= range.lowerBound { pieces.append(start...range.upperBound) }
                return pieces
            }
            return .atom(atom)
        case .concat(let items):
            return .concat(items.map { $0.removing(scalars) })
        case .alternation(let items):
            return .alternation(items.map { $0.removing(scalars) })
        case .repetition(let child, let min, let max):
            return .repetition(child.removing(scalars), min: min, max: max)
        case .capture(let child, let number):
            return .capture(child.removing(scalars), number: number)
        case .requirementOnly(let child):
            return .requirementOnly(child.removing(scalars))
        case .empty, .wordBoundary, .opaque, .backreference:
            return self
        }
    }
}

/// A string in a view's alphabet: scalar values, hashed with one cheap FNV-1a pass (extraction
/// hashes many short strings; the standard hasher's per-element combining dominated its time).
struct ViewString: Hashable, Sendable, ExpressibleByArrayLiteral {
    /// The scalar values.
    var scalars: [UInt32]

    /// The empty string.
    static let empty = ViewString([])

    init(_ scalars: [UInt32]) {
        self.scalars = scalars
    }

    init<S: Sequence<UInt32>>(_ scalars: S) {
        self.scalars = Array(scalars)
    }

    init(arrayLiteral elements: UInt32...) {
        scalars = elements
    }

    var count: Int { scalars.count }
    var isEmpty: Bool { scalars.isEmpty }
    var first: UInt32? { scalars.first }
    var last: UInt32? { scalars.last }

    /// The first `length` scalars.
    func prefix(_ length: Int) -> ViewString { ViewString(scalars.prefix(length)) }

    /// The last `length` scalars.
    func suffix(_ length: Int) -> ViewString { ViewString(scalars.suffix(length)) }

    static func == (a: ViewString, b: ViewString) -> Bool { a.scalars == b.scalars }

    func hash(into hasher: inout Hasher) {
        hasher.combine(ViewString.fnv(scalars[...]))
    }

    /// FNV-1a over scalar values.
    @inline(__always)
    static func fnv(_ scalars: ArraySlice<UInt32>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for scalar in scalars { hash = (hash ^ UInt64(scalar)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}

/// What extraction knows about the strings a pattern node can produce, seen through one view.
///
/// After Russ Cox's trigram index (codesearch) and the literal extraction of RE2 and Rust's
/// regex-syntax: the exact set when it is small; otherwise a set of prefixes every string starts
/// with, of suffixes it ends with, and of substrings one of which it contains.
struct LiteralInfo: Sendable, Equatable {
    /// Every string the node produces, when known and small; nil otherwise.
    var exact: Set<ViewString>?
    /// Every produced string starts with one of these (an empty member means nothing is known).
    var prefix: Set<ViewString>
    /// Every produced string ends with one of these (an empty member means nothing is known).
    var suffix: Set<ViewString>
    /// Every produced string contains one of these; nil when nothing is known.
    var required: Set<ViewString>?

    /// Only the empty string.
    static let empty = LiteralInfo(exact: [[]], prefix: [[]], suffix: [[]], required: nil)
    /// Any string.
    static let unknown = LiteralInfo(exact: nil, prefix: [[]], suffix: [[]], required: nil)

    /// A node known exactly.
    static func exact(_ strings: Set<ViewString>) -> LiteralInfo {
        LiteralInfo(exact: strings, prefix: [], suffix: [], required: nil)
    }

    /// True when the node produces only the empty string.
    var isEmptyOnly: Bool { exact == [[]] }

    /// The prefix set, whether the node is exact or not.
    var prefixes: Set<ViewString> { exact ?? prefix }

    /// The suffix set, whether the node is exact or not.
    var suffixes: Set<ViewString> { exact ?? suffix }
}

/// One scalar of the text being folded, with the UTF-8 byte range of the raw text it came from.
///
/// Every fold pass works on an array of units. A pass that replaces, removes or merges scalars
/// keeps the raw ranges in order, so the raw range of any folded range is simply the start of its
/// first unit to the end of its last unit.
struct FoldUnit: Sendable, Equatable {
    /// The folded scalar value.
    var scalar: UInt32
    /// The UTF-8 offset in the raw text where the source of this scalar starts.
    var rawStart: UInt32
    /// The UTF-8 offset in the raw text just after the source of this scalar.
    var rawEnd: UInt32
    /// Whether case folding changed the source (an uppercase letter), for sentence-boundary checks.
    var wasUppercase = false
}

/// A string in a view's alphabet: scalar values. Extraction makes and hashes millions of short
/// strings, so up to ``inlineCapacity`` scalars below U+0100 (nearly every literal) are packed one
/// byte each into an integer: no allocation, and one integer to hash and compare.
struct ViewString: Hashable, Sendable, ExpressibleByArrayLiteral {
    /// Byte `i` of an inline string at bits `8i`, the count in the top byte; 0 for a heap string.
    // Up to 15 Latin-1 scalars inline (no allocation, one integer to hash and compare): unmeasured (217880d gives no figure).
    private var packed: UInt128
    /// The scalars of a string that is not inline (longer, or with a scalar above U+00FF).
    private var heap: [UInt32]?

    /// The most scalars an inline string holds.
    static let inlineCapacity = 15
    private static let countShift: UInt128 = 120
    private static let bodyMask: UInt128 = (1 << 120) - 1

    /// The empty string.
    static let empty = ViewString([])

    private init(packed: UInt128, heap: [UInt32]? = nil) {
        self.packed = packed
        self.heap = heap
    }

    init(_ scalars: [UInt32]) {
        if scalars.count <= ViewString.inlineCapacity, scalars.allSatisfy({ $0 < 0x100 }) {
            var packed = UInt128(scalars.count) << ViewString.countShift
            for (index, scalar) in scalars.enumerated() { packed |= UInt128(scalar) << (8 * index) }
            self.init(packed: packed)
        } else {
            self.init(packed: 0, heap: scalars)
        }
    }

    /// One scalar (no array on the way, unlike ``init(_:)-([UInt32])``).
    init(scalar: UInt32) {
        if scalar < 0x100 {
            self.init(packed: UInt128(1) << ViewString.countShift | UInt128(scalar))
        } else {
            self.init(packed: 0, heap: [scalar])
        }
    }

    init<S: Sequence<UInt32>>(_ scalars: S) {
        self.init(Array(scalars))
    }

    init(arrayLiteral elements: UInt32...) {
        self.init(elements)
    }

    @inline(__always)  // unmeasured
    var count: Int { heap?.count ?? Int(truncatingIfNeeded: packed >> Self.countShift) }
    var isEmpty: Bool { count == 0 }
    var first: UInt32? { isEmpty ? nil : self[0] }
    var last: UInt32? { isEmpty ? nil : self[count - 1] }

    /// The scalar at `index`.
    @inline(__always)  // unmeasured
    subscript(index: Int) -> UInt32 {
        if let heap { return heap[index] }
        return UInt32(truncatingIfNeeded: packed >> (8 * index)) & 0xFF
    }

    /// Whether some scalar is `value`. An inline string is tested eight bytes at a time (a byte equal
    /// to the value is a zero byte of their exclusive or; unused bytes and the count never match a
    /// value of 1 to 255).
    func contains(_ value: UInt32) -> Bool {
        if let heap { return heap.contains(value) }
        guard value > 0, value < 0x100 else { return false }
        // Eight bytes at a time (5e90f45): unmeasured.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let pattern = ones &* UInt64(value)
        let low = UInt64(truncatingIfNeeded: packed) ^ pattern
        // The top byte holds the count (at most 15): masked to zero, which never matches.
        let high = (UInt64(truncatingIfNeeded: packed >> 64) & 0x00FF_FFFF_FFFF_FFFF) ^ (pattern & 0x00FF_FFFF_FFFF_FFFF)
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & 0x8080_8080_8080_8080 != 0 }
        return hasZeroByte(low) || hasZeroByte(high | 0xFF00_0000_0000_0000)
    }

    /// The scalar values (an array made for an inline string).
    var scalars: [UInt32] { heap ?? (0..<count).map { self[$0] } }

    /// The scalars as a string, UTF-8 written straight into it (values that are not scalars are left out).
    var string: String {
        // UTF-8 written straight into the string: loading 2,000 rules −2–4% (1a1c269; interleaved, 10 pairs).
        String(unsafeUninitializedCapacity: count * 4) { buffer in
            var length = 0
            for index in 0..<count {
                guard let scalar = Unicode.Scalar(self[index]) else { continue }
                UTF8.encode(scalar) { byte in
                    buffer[length] = byte
                    length += 1
                }
            }
            return length
        }
    }

    /// The first `length` scalars.
    func prefix(_ length: Int) -> ViewString {
        let length = Swift.max(0, Swift.min(length, count))
        guard heap == nil else { return ViewString(heap!.prefix(length)) }
        let mask: UInt128 = length == 0 ? 0 : (UInt128(1) << (8 * length)) - 1
        return ViewString(packed: packed & mask | UInt128(length) << Self.countShift)
    }

    /// The last `length` scalars.
    func suffix(_ length: Int) -> ViewString {
        let length = Swift.max(0, Swift.min(length, count))
        guard heap == nil else { return ViewString(heap!.suffix(length)) }
        let body = (packed & Self.bodyMask) >> (8 * (count - length))
        return ViewString(packed: body | UInt128(length) << Self.countShift)
    }

    /// This string followed by `other` without its first `drop` scalars.
    func appending(_ other: ViewString, droppingFirst drop: Int = 0) -> ViewString {
        let tail = drop == 0 ? other : other.suffix(other.count - drop)
        let total = count + tail.count
        if heap == nil, tail.heap == nil, total <= Self.inlineCapacity {
            let body = (packed & Self.bodyMask) | (tail.packed & Self.bodyMask) << (8 * count)
            return ViewString(packed: body | UInt128(total) << Self.countShift)
        }
        return ViewString(scalars + tail.scalars)
    }

    /// Whether the scalars of `range` equal those of `other`'s `otherRange` (of one length).
    @inline(__always)  // unmeasured
    func same(_ range: Range<Int>, as other: ViewString, _ otherRange: Range<Int>) -> Bool {
        var i = range.lowerBound
        var j = otherRange.lowerBound
        while i < range.upperBound {
            if self[i] != other[j] { return false }
            i += 1
            j += 1
        }
        return true
    }

    static func == (a: ViewString, b: ViewString) -> Bool { a.packed == b.packed && a.heap == b.heap }

    func hash(into hasher: inout Hasher) {
        hasher.combine(mixed)
    }

    /// What `Set` and `Dictionary` hash, without SipHash: extraction builds millions of small sets of
    /// these (SipHash was a tenth of loading 2,000 rules). Seeded, so iteration order still differs
    /// between sets of different capacity, and mixed well enough for linear probing.
    // No SipHash: loading 2,000 rules about −8% task-clock (b42bd87, its first figure; interleaved A/B, 6 runs each).
    func _rawHashValue(seed: Int) -> Int {
        Int(truncatingIfNeeded: ViewString.mix(mixed ^ UInt64(truncatingIfNeeded: seed)))
    }

    /// The 64 bits hashed: the packed string folded, or the FNV-1a of a heap string.
    @inline(__always)  // unmeasured
    private var mixed: UInt64 {
        if let heap { return ViewString.fnv(heap[...]) }
        return ViewString.mix(UInt64(truncatingIfNeeded: packed)) ^ UInt64(truncatingIfNeeded: packed >> 64)
    }

    /// The finalizer of MurmurHash3 (every input bit reaches every output bit).
    @inline(__always)  // unmeasured
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x = (x ^ x >> 33) &* 0xFF51_AFD7_ED55_8CCD
        x = (x ^ x >> 33) &* 0xC4CE_B9FE_1A85_EC53
        return x ^ x >> 33
    }

    /// FNV-1a over scalar values.
    @inline(__always)  // unmeasured
    static func fnv(_ scalars: ArraySlice<UInt32>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for scalar in scalars { hash = (hash ^ UInt64(scalar)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// FNV-1a over the scalars of `range`.
    @inline(__always)  // unmeasured
    func fnv(_ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in range { hash = (hash ^ UInt64(self[index])) &* 0x0000_0100_0000_01B3 }
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
    /// ``LiteralScoring`` of `required` in the algebra's view, when a concatenation computed it.
    var requiredScore: Double? = nil

    /// Equal sets (the cached score aside).
    static func == (a: LiteralInfo, b: LiteralInfo) -> Bool {
        a.exact == b.exact && a.prefix == b.prefix && a.suffix == b.suffix && a.required == b.required
    }

    /// Only the empty string.
    static let empty = LiteralInfo(exact: onlyEmpty, prefix: onlyEmpty, suffix: onlyEmpty, required: nil)
    /// Any string.
    static let unknown = LiteralInfo(exact: nil, prefix: onlyEmpty, suffix: onlyEmpty, required: nil)

    /// The set holding only the empty string (made once: a set literal allocates each time).
    static let onlyEmpty: Set<ViewString> = [.empty]

    /// Whether `set` holds only the empty string.
    @inline(__always)  // unmeasured
    static func isOnlyEmpty(_ set: Set<ViewString>) -> Bool { set.count == 1 && set.first!.isEmpty }

    /// A node known exactly.
    static func exact(_ strings: Set<ViewString>) -> LiteralInfo {
        LiteralInfo(exact: strings, prefix: [], suffix: [], required: nil)
    }

    /// True when the node produces only the empty string.
    var isEmptyOnly: Bool { exact.map(LiteralInfo.isOnlyEmpty) ?? false }

    /// The prefix set, whether the node is exact or not.
    var prefixes: Set<ViewString> { exact ?? prefix }

    /// The suffix set, whether the node is exact or not.
    var suffixes: Set<ViewString> { exact ?? suffix }
}

/// Per-scalar facts the prefilter needs on every character: the simple case fold, whether a pattern
/// may use the character as a literal, and whether the skeleton view deletes it.
///
/// Read once per process from ``PrefilterScalarTableData`` (generated from the standard library's
/// Unicode data: about 130,000 scalars below U+20000, into a two-level table whose identical blocks
/// are shared); scalars above U+1FFFF are computed on each use, since comments rarely hold them and
/// none of them has case.
struct PrefilterScalarTable: Sendable {
    /// The table every caller shares, built on first use.
    static let shared = PrefilterScalarTable()

    /// Bits 0–20 of an entry: the folded scalar.
    static let foldMask: UInt32 = 0x1F_FFFF
    /// Set when PCRE2's caseless equivalence might relate this scalar to one with another fold.
    static let unsafeBit: UInt32 = 1 << 22
    /// Set when the scalar (and so its fold) is not a letter or number the skeleton view keeps.
    static let deletableBit: UInt32 = 1 << 23
    /// Scalars below this have a table entry.
    static let tableLimit: UInt32 = 0x20000

    /// Unicode version of the oldest PCRE2 this is meant for (10.42 uses Unicode 14.0): letters and
    /// numbers assigned later may be unassigned, so `\W`, to such a PCRE2, and the skeleton view deletes them.
    static let pcre2UnicodeVersion = (major: 14, minor: 0)

    /// The scalars whose caseless class PCRE2 builds differently from ``PrefilterFolding``: U+0345
    /// COMBINING GREEK YPOGEGRAMMENI is a mark that PCRE2 makes caseless-equal to iota; it is left
    /// unfolded (so `\p{Mn}` stays deletable) and the iotas are not used as literals. (The table's
    /// split of mixed classes finds this case too; the list keeps it explicit.)
    static let caselessExceptions: Set<UInt32> = [0x345, 0x399, 0x3B9, 0x1FBE]

    /// Every decimal digit (general category Nd) the standard library knows: what `\d` matches
    /// under UCP, as long as PCRE2's Unicode is not newer (a test checks the installed PCRE2 over
    /// all of Unicode). Unicode has no digits above plane 1.
    static var decimalDigits: [UInt32] { shared.digits }

    private let digits: [UInt32]
    private let blockIndex: FrozenBuffer<UInt16>
    private let blocks: FrozenBuffer<UInt32>

    private init() {
        // The generated data, or (should it ever be malformed) the table computed anew.
        let entries = Self.decode(PrefilterScalarTableData.runs)
        let digits = Self.decodeRanges(PrefilterScalarTableData.digitRanges)
        self.init(
            entries: entries.isEmpty ? Self.computedEntries() : entries,
            digits: digits.isEmpty ? Self.computedDigits() : digits)
    }

    /// A table of `entries` (one a scalar below ``tableLimit``) whose identical blocks of 256 are
    /// stored once.
    private init(entries: [UInt32], digits: [UInt32]) {
        var blockIndex: [UInt16] = []
        var blocks: [UInt32] = []
        // Stored blocks by an FNV hash of their entries (hashing 512 slices with the standard
        // hasher was most of this; equal hashes are compared entry by entry).
        var known: [UInt64: [UInt16]] = [:]
        for block in 0..<(Int(Self.tableLimit) >> 8) {
            let slice = entries[block << 8..<(block + 1) << 8]
            let hash = ViewString.fnv(slice)
            let stored = known[hash, default: []].first { index in
                blocks[Int(index) << 8..<(Int(index) + 1) << 8].elementsEqual(slice)
            }
            if let stored {
                blockIndex.append(stored)
            } else {
                let index = UInt16(blocks.count >> 8)
                known[hash, default: []].append(index)
                blocks.append(contentsOf: slice)
                blockIndex.append(index)
            }
        }
        self.blockIndex = FrozenBuffer(blockIndex)
        self.blocks = FrozenBuffer(blocks)
        self.digits = digits
    }

    // MARK: Computing the table

    /// Every entry below ``tableLimit``, computed from the standard library's Unicode data: what
    /// ``PrefilterScalarTableData`` holds (generated from this by `Scripts/gen-scalar-table.sh`; a
    /// test checks that the two agree), taking about 30 ms where decoding that takes well under one.
    static func computedEntries() -> [UInt32] {
        let limit = Int(Self.tableLimit)
        var folds = [UInt32](repeating: 0, count: limit)
        var flags = [UInt32](repeating: 0, count: limit)
        for value in 0..<limit {
            guard let scalar = Unicode.Scalar(UInt32(value)) else {
                folds[value] = UInt32(value)
                flags[value] = Self.unsafeBit | Self.deletableBit
                continue
            }
            if value >= 0x80 {
                // Most scalars have no case: one category lookup (and an age lookup for letters and
                // numbers) settles them, without the case-mapping work below.
                let properties = scalar.properties
                let category = properties.generalCategory
                if category == .unassigned || !properties.changesWhenCaseMapped {
                    folds[value] = UInt32(value)
                    if Self.isDeletable(scalar, category: category) { flags[value] |= Self.deletableBit }
                    continue
                }
            }
            let folded = Self.fold(scalar)
            folds[value] = folded.value
            if Self.isCaselessUnsafe(scalar, folded: folded) { flags[value] |= Self.unsafeBit }
            if Self.isDeletable(scalar) { flags[value] |= Self.deletableBit }
        }
        // A caseless class that mixes characters the skeleton deletes with ones it keeps (U+0345 with
        // the iotas; a letter newer than PCRE2's Unicode with its older partner) is split: the deleted
        // ones stay unfolded, and no member is used as a literal.
        var mixedTargets = Set<UInt32>()
        for value in 0..<limit where (flags[value] ^ flags[Int(folds[value])]) & Self.deletableBit != 0 {
            mixedTargets.insert(folds[value])
            folds[value] = UInt32(value)
            flags[value] |= Self.unsafeBit
        }
        if !mixedTargets.isEmpty {
            for value in 0..<limit where mixedTargets.contains(folds[value]) { flags[value] |= Self.unsafeBit }
        }
        return (0..<limit).map { folds[$0] | flags[$0] }
    }

    /// Every decimal digit (general category Nd) below U+20000 the standard library knows.
    static func computedDigits() -> [UInt32] {
        (0..<tableLimit).filter { Unicode.Scalar($0)?.properties.generalCategory == .decimalNumber }
    }

    /// Entries as runs: `length delta flags` triples (base 36, separated by spaces), where each of
    /// `length` scalars `v` has the entry `(v + delta) | flags << 21`. Empty when the text is malformed.
    static func encode(_ entries: [UInt32]) -> String {
        var out: [String] = []
        var index = 0
        while index < entries.count {
            let delta = Int(entries[index] & foldMask) - index
            let flags = entries[index] >> 21
            var end = index + 1
            while end < entries.count, Int(entries[end] & foldMask) - end == delta, entries[end] >> 21 == flags { end += 1 }
            out.append("\(String(end - index, radix: 36)) \(String(delta, radix: 36)) \(String(flags, radix: 36))")
            index = end
        }
        return out.joined(separator: " ")
    }

    /// The entries of ``encode(_:)``'s text; empty unless it covers exactly the table.
    static func decode(_ text: String) -> [UInt32] {
        let numbers = text.split(separator: " ").compactMap { Int($0, radix: 36) }
        guard numbers.count % 3 == 0 else { return [] }
        var entries: [UInt32] = []
        entries.reserveCapacity(Int(tableLimit))
        for run in stride(from: 0, to: numbers.count, by: 3) {
            let (length, delta, flags) = (numbers[run], numbers[run + 1], numbers[run + 2])
            for _ in 0..<max(length, 0) {
                let folded = entries.count + delta
                guard folded >= 0, folded <= Int(foldMask), entries.count < Int(tableLimit) else { return [] }
                entries.append(UInt32(folded) | UInt32(truncatingIfNeeded: flags) << 21)
            }
        }
        return entries.count == Int(tableLimit) ? entries : []
    }

    /// Scalar values as `first-last` ranges (base 36, separated by spaces).
    static func encodeRanges(_ values: [UInt32]) -> String {
        var out: [String] = []
        var index = 0
        while index < values.count {
            var end = index
            while end + 1 < values.count, values[end + 1] == values[end] + 1 { end += 1 }
            out.append("\(String(values[index], radix: 36))-\(String(values[end], radix: 36))")
            index = end + 1
        }
        return out.joined(separator: " ")
    }

    /// The values of ``encodeRanges(_:)``'s text.
    static func decodeRanges(_ text: String) -> [UInt32] {
        text.split(separator: " ").flatMap { range -> [UInt32] in
            let bounds = range.split(separator: "-").compactMap { UInt32($0, radix: 36) }
            return bounds.count == 2 && bounds[0] <= bounds[1] ? Array(bounds[0]...bounds[1]) : []
        }
    }

    /// The entry for scalar value `value`: folded scalar and flag bits.
    func entry(_ value: UInt32) -> UInt32 {
        lookup.entry(value)
    }

    /// Plain pointers to the table, for the scanner's inner loop; valid while the table is (the
    /// shared one lives as long as the process).
    var lookup: PrefilterScalarLookup {
        PrefilterScalarLookup(blockIndex: blockIndex.buffer, blocks: blocks.buffer)
    }

    /// Computes an entry above the table from the standard library's Unicode properties (no
    /// caseless class there mixes deleted and kept characters; the table test checks the planes it can).
    static func computeEntry(_ value: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(value) else {
            // Not a scalar: never in valid text; as a pattern literal it is not used.
            return value & foldMask | unsafeBit | deletableBit
        }
        var folded = fold(scalar)
        if isDeletable(folded) != isDeletable(scalar) { folded = scalar }
        var entry = folded.value
        if isCaselessUnsafe(scalar, folded: folded) || folded != fold(scalar) { entry |= unsafeBit }
        if isDeletable(scalar) { entry |= deletableBit }
        return entry
    }

    /// The single-scalar simple case fold, iterated until it is stable (so that folding is idempotent).
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        var current = scalar
        for _ in 0..<4 {
            let next = foldOnce(current)
            if next == current { return current }
            current = next
        }
        return current
    }

    /// `lowercase(uppercase(c))` when both are single scalars, else `lowercase(c)` when that is one
    /// scalar, else `c`; U+0345 is left alone (see ``caselessExceptions``).
    private static func foldOnce(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 {
            return (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        if scalar.value == 0x345 { return scalar }
        let properties = scalar.properties
        guard properties.changesWhenCaseMapped else { return scalar }
        if let upper = single(properties.uppercaseMapping), let lower = single(upper.properties.lowercaseMapping) {
            return lower
        }
        return single(properties.lowercaseMapping) ?? scalar
    }

    /// True when a pattern must not use `scalar` as a literal: PCRE2 may match it caselessly against
    /// a character with another fold. Conservative: any scalar whose case mappings (or those of its
    /// single-scalar case partners) expand to several scalars, and the iota family.
    ///
    /// Assumes PCRE2's Unicode is not newer than the standard library's (a newer one could pair an
    /// old letter with a new capital this fold does not know); the tests check the installed PCRE2.
    static func isCaselessUnsafe(_ scalar: Unicode.Scalar, folded: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return false }
        if caselessExceptions.contains(scalar.value) || caselessExceptions.contains(folded.value) { return true }
        let properties = scalar.properties
        // A scalar without case mappings is caseless-equal only to itself (the PCRE2 test checks this).
        guard properties.changesWhenCaseMapped else { return false }
        var related: [Unicode.Scalar] = [scalar, folded]
        for mapping in [properties.uppercaseMapping, properties.lowercaseMapping, properties.titlecaseMapping] {
            if let one = single(mapping) { related.append(one) }
        }
        for candidate in related {
            let p = candidate.properties
            guard p.changesWhenCaseMapped else { continue }
            for mapping in [p.uppercaseMapping, p.lowercaseMapping, p.titlecaseMapping]
            where mapping.unicodeScalars.count > 1 {
                return true
            }
        }
        return false
    }

    /// True when the skeleton view deletes the scalar: it is not a letter or number, or it was
    /// assigned after ``pcre2UnicodeVersion`` (so that PCRE2 may take it for unassigned, `\W`).
    /// Folding never maps a deleted scalar to a kept one, so this holds for a scalar and its fold alike.
    static func isDeletable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value
            return !((0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v))
        }
        return isDeletable(scalar, category: scalar.properties.generalCategory)
    }

    /// ``isDeletable(_:)`` for a non-ASCII scalar whose general category is known.
    static func isDeletable(_ scalar: Unicode.Scalar, category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            guard let age = scalar.properties.age else { return true }
            return age.major > pcre2UnicodeVersion.major
                || (age.major == pcre2UnicodeVersion.major && age.minor > pcre2UnicodeVersion.minor)
        default:
            return true
        }
    }

    private static func single(_ mapping: String) -> Unicode.Scalar? {
        var iterator = mapping.unicodeScalars.makeIterator()
        guard let first = iterator.next(), iterator.next() == nil else { return nil }
        return first
    }
}

/// Plain pointers to the scalar table, for a scanning loop.
struct PrefilterScalarLookup {
    let blockIndex: UnsafeBufferPointer<UInt16>
    let blocks: UnsafeBufferPointer<UInt32>

    /// The table entry for `value`.
    @inline(__always)  // unmeasured
    func entry(_ value: UInt32) -> UInt32 {
        if value < PrefilterScalarTable.tableLimit {
            return blocks[Int(blockIndex[Int(value >> 8)]) << 8 | Int(value & 0xFF)]
        }
        return PrefilterScalarTable.computeEntry(value)
    }

    /// The word class of a folded scalar (``PrefilterView/wordClass(folded:entry:)``; ASCII needs no entry).
    @inline(__always)  // unmeasured
    func wordClass(folded value: UInt32) -> UInt8 {
        PrefilterView.wordClass(folded: value, entry: value < 0x80 ? 0 : entry(value))
    }
}

/// The repeated-token feature: a text holds two adjacent white-space-separated tokens where the
/// second is a suffix of the first (`go go`, `(go go`, `ago go`). A pattern such as
/// `\b(\w+)\s+\1\s+\1\b` (a word three times) cannot match a text without one, and without the
/// feature it would run on every comment.
///
/// Why that is sound: in `(W)S\1S` with `W` never white space and `S` only white space (one or
/// more characters each), the captured text `X` is followed by white space, so it ends a token `A`;
/// the reference is white space on both sides and has none inside, so it is a whole token `B`,
/// right after `A`; and `B` equals `X`, a suffix of `A`. Tokens are split at every character
/// ``isSeparator(_:)`` holds, a superset of PCRE2's `\s` under UCP that no `\w` character is in.
enum TokenSplit {
    /// The separators: PCRE2's `\s` with UCP (`\p{Z}`, `\h`, `\v`: tab to CR, space, NEL, NBSP,
    /// U+1680, U+180E, U+2000–U+200A, the line and paragraph separators, U+202F, U+205F, U+3000).
    static let separators: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x20...0x20, 0x85...0x85, 0xA0...0xA0, 0x1680...0x1680, 0x180E...0x180E,
        0x2000...0x200A, 0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000,
    ]

    /// True for a separator.
    @inline(__always)
    static func isSeparator(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        if value < 0x85 { return false }
        return separators.contains { $0.contains(value) }
    }

    /// Whether valid UTF-8 `bytes` hold adjacent tokens `A B` with `B` a suffix of `A`: byte for byte,
    /// or (`caseless`) scalar for scalar by ``PrefilterScalarTable`` fold, where a scalar PCRE2 might
    /// relate to another fold (the table's unsafe bit) compares equal to anything.
    static func hasRepeatedToken(_ bytes: UnsafeBufferPointer<UInt8>, caseless: Bool) -> Bool {
        let count = bytes.count
        var previous = 0..<0
        var tokenStart = -1
        var index = 0
        while index <= count {
            let start = index
            var separator = true
            if index < count {
                let lead = bytes[index]
                if lead < 0x80 {
                    separator = lead == 0x20 || lead &- 0x09 < 5
                    index &+= 1
                } else {
                    let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                    // Only scalars led by C2, E1, E2 and E3 can be separators.
                    separator = (lead == 0xC2 || (lead >= 0xE1 && lead <= 0xE3)) && isSeparator(decode(bytes, at: index).0)
                    index &+= length
                }
            } else {
                index &+= 1
            }
            if separator {
                if tokenStart >= 0 {
                    let token = tokenStart..<start
                    if !previous.isEmpty, endsWith(bytes, previous, token, caseless: caseless) { return true }
                    previous = token
                    tokenStart = -1
                }
            } else if tokenStart < 0 {
                tokenStart = start
            }
        }
        return false
    }

    /// Whether the bytes in `suffix` end those in `whole`.
    @inline(__always)
    private static func endsWith(_ bytes: UnsafeBufferPointer<UInt8>, _ whole: Range<Int>, _ suffix: Range<Int>,
                                 caseless: Bool) -> Bool {
        if !caseless {
            guard suffix.count <= whole.count else { return false }
            var a = whole.upperBound, b = suffix.upperBound
            while b > suffix.lowerBound {
                a &-= 1; b &-= 1
                if bytes[a] != bytes[b] { return false }
            }
            return true
        }
        // Scalar by scalar from the end: case variants may differ in length (K and the Kelvin sign).
        var a = whole.upperBound, b = suffix.upperBound
        while b > suffix.lowerBound {
            guard a > whole.lowerBound else { return false }
            let lastA = bytes[a &- 1], lastB = bytes[b &- 1]
            if lastA < 0x80, lastB < 0x80 {
                // ASCII letters compare without case; other ASCII exactly.
                let letterA = lastA | 0x20, letterB = lastB | 0x20
                let equal = lastA == lastB || (letterA == letterB && letterA >= 0x61 && letterA <= 0x7A)
                if !equal { return false }
                a &-= 1; b &-= 1
                continue
            }
            let startB = previousStart(bytes, before: b)
            let startA = previousStart(bytes, before: a)
            let valueA = decode(bytes, at: startA).0, valueB = decode(bytes, at: startB).0
            a = startA
            b = startB
            if valueA == valueB { continue }
            let table = PrefilterScalarTable.shared
            let entryA = table.entry(valueA), entryB = table.entry(valueB)
            if (entryA | entryB) & PrefilterScalarTable.unsafeBit != 0 { continue }
            if entryA & PrefilterScalarTable.foldMask != entryB & PrefilterScalarTable.foldMask { return false }
        }
        return true
    }

    /// The scalar at `index` and its length in bytes.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = UInt32(lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07))
        for offset in 1..<min(length, bytes.count - index) { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (value, length)
    }

    /// The start of the scalar that ends just before `index`.
    @inline(__always)
    private static func previousStart(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Int {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }
}

extension FeatureAnalysis {
    /// True when every match of `node` holds a repeated token (``TokenSplit``): somewhere in it (or
    /// in every branch) a capture of one or more never-space characters is followed by one or more
    /// white-space characters, a reference to that capture, and one or more white-space characters.
    func needsRepeatedToken(_ node: LiteralNode) -> Bool {
        switch node {
        case .concat(let items):
            if items.contains(where: needsRepeatedToken) { return true }
            guard items.count >= 4 else { return false }
            for position in 0...(items.count - 4) {
                guard case .capture(let child, let number?) = items[position],
                      case .backreference(let target) = items[position + 2], target == number,
                      consumes(child, where: \.neverMatchesSpace),
                      consumes(items[position + 1], where: \.matchesOnlySpace),
                      consumes(items[position + 3], where: \.matchesOnlySpace)
                else { continue }
                return true
            }
            return false
        case .alternation(let branches):
            return !branches.isEmpty && branches.allSatisfy(needsRepeatedToken)
        case .repetition(let child, let min, _):
            return min > 0 && needsRepeatedToken(child)
        case .capture(let child, _), .requirementOnly(let child):
            return needsRepeatedToken(child)
        case .atom, .empty, .opaque, .backreference:
            return false
        }
    }

    /// True when `node` consumes at least one character and every character it consumes is an atom
    /// for which `test` holds (no references or opaque parts; zero-width parts are allowed).
    private func consumes(_ node: LiteralNode, where test: (LiteralAtom) -> Bool) -> Bool {
        func only(_ node: LiteralNode) -> Bool {
            switch node {
            case .atom(let atom): test(atom)
            case .concat(let items), .alternation(let items): items.allSatisfy(only)
            case .repetition(let child, _, _), .capture(let child, _): only(child)
            case .empty: true
            case .opaque, .backreference, .requirementOnly: false
            }
        }
        return only(node) && minimumCount(node, within: ScalarCategories.all) > 0
    }
}

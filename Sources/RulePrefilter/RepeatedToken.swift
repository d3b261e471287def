/// The repeated-token feature: a text holds two adjacent white-space-separated tokens where the
/// second is a suffix of the first (`go go`, `(go go`, `ago go`), and maybe a third right after
/// that starts with the second (`go go go!`). A pattern such as `\b(\w+)\s+\1\s+\1\b` (a word
/// three times) cannot match a text without such a chain of three, and without the feature it would
/// run on every comment.
///
/// Why that is sound: in `(W)S\1S` with `W` never white space and `S` only white space (one or
/// more characters each), the captured text `X` is followed by white space, so it ends a token `A`;
/// the reference is white space on both sides and has none inside, so it is a whole token `B`,
/// right after `A`; and `B` equals `X`, a suffix of `A`. A further `\1` after the second `S` starts
/// the next token `C`, so `C` starts with `B`. Tokens are split at every character
/// ``isSeparator(_:)`` holds, a superset of PCRE2's `\s` under UCP that no `\w` character is in.
enum TokenSplit {
    /// The separators: PCRE2's `\s` with UCP (`\p{Z}`, `\h`, `\v`: tab to CR, space, NEL, NBSP,
    /// U+1680, U+180E, U+2000–U+200A, the line and paragraph separators, U+202F, U+205F, U+3000).
    static let separators: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x20...0x20, 0x85...0x85, 0xA0...0xA0, 0x1680...0x1680, 0x180E...0x180E,
        0x2000...0x200A, 0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000,
    ]

    /// True for a separator. Scalars between U+00A1 and U+167F (Latin, Cyrillic, Arabic: most
    /// letters of a comment) are answered by two comparisons, not a search of the list.
    @inline(__always)  // two comparisons for U+00A1–167F (804bd2c): unmeasured
    static func isSeparator(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        if value < 0x1680 { return value == 0x85 || value == 0xA0 }
        return separators.contains { $0.contains(value) }
    }

    /// The longest chain of repeated tokens in valid UTF-8 `bytes`, up to three: 0 when none, 2 for
    /// adjacent tokens `A B` with `B` a suffix of `A`, 3 when a token `C` right after starts with `B`.
    /// Compared byte for byte, or (`caseless`) scalar for scalar by ``PrefilterScalarTable`` fold,
    /// where a scalar PCRE2 might relate to another fold (the table's unsafe bit) equals anything.
    static func repeatedTokens(_ bytes: UnsafeBufferPointer<UInt8>, caseless: Bool) -> Int {
        var chain = TokenChain(caseless: caseless)
        var index = 0
        while index < bytes.count {
            let (value, length) = UTF8Scalar.decode(bytes, at: index)
            chain.feed(value, at: index, in: bytes)
            index &+= length
        }
        chain.finish(at: bytes.count, in: bytes)
        return chain.longest
    }

    /// Whether the bytes in `prefix` start those in `whole`.
    static func startsWith(
        _ bytes: UnsafeBufferPointer<UInt8>, _ whole: Range<Int>, _ prefix: Range<Int>,
        caseless: Bool
    ) -> Bool {
        var a = whole.lowerBound
        var b = prefix.lowerBound
        while b < prefix.upperBound {
            guard a < whole.upperBound else { return false }
            let (valueA, lengthA) = UTF8Scalar.decode(bytes, at: a)
            let (valueB, lengthB) = UTF8Scalar.decode(bytes, at: b)
            a &+= lengthA
            b &+= lengthB
            if !same(valueA, valueB, caseless: caseless) { return false }
        }
        return true
    }

    /// Whether two scalars are equal, or (`caseless`) may be equal to PCRE2 without case.
    @inline(__always)  // unmeasured
    private static func same(_ a: UInt32, _ b: UInt32, caseless: Bool) -> Bool {
        if a == b { return true }
        guard caseless else { return false }
        if a < 0x80, b < 0x80 {
            let letterA = a | 0x20
            return letterA == b | 0x20 && letterA >= 0x61 && letterA <= 0x7A
        }
        let table = PrefilterScalarTable.shared
        let entryA = table.entry(a)
        let entryB = table.entry(b)
        if (entryA | entryB) & PrefilterScalarTable.unsafeBit != 0 { return true }
        return entryA & PrefilterScalarTable.foldMask == entryB & PrefilterScalarTable.foldMask
    }

    /// Whether the bytes in `suffix` end those in `whole`.
    @inline(__always)  // unmeasured
    static func endsWith(
        _ bytes: UnsafeBufferPointer<UInt8>, _ whole: Range<Int>, _ suffix: Range<Int>,
        caseless: Bool
    ) -> Bool {
        if !caseless {
            guard suffix.count <= whole.count else { return false }
            var a = whole.upperBound
            var b = suffix.upperBound
            while b > suffix.lowerBound {
                a &-= 1
                b &-= 1
                if bytes[a] != bytes[b] { return false }
            }
            return true
        }
        // Scalar by scalar from the end: case variants may differ in length (K and the Kelvin sign).
        var a = whole.upperBound
        var b = suffix.upperBound
        while b > suffix.lowerBound {
            guard a > whole.lowerBound else { return false }
            let lastA = bytes[a &- 1]
            let lastB = bytes[b &- 1]
            if lastA < 0x80, lastB < 0x80 {
                // ASCII letters compare without case; other ASCII exactly.
                let letterA = lastA | 0x20
                let letterB = lastB | 0x20
                let equal = lastA == lastB || (letterA == letterB && letterA >= 0x61 && letterA <= 0x7A)
                if !equal { return false }
                a &-= 1
                b &-= 1
                continue
            }
            let startB = UTF8Scalar.start(before: b, in: bytes)
            let startA = UTF8Scalar.start(before: a, in: bytes)
            a = startA
            b = startB
            if !same(UTF8Scalar.decode(bytes, at: startA).0, UTF8Scalar.decode(bytes, at: startB).0, caseless: true) {
                return false
            }
        }
        return true
    }
}

/// The repeated-token chain of one text, fed one scalar at a time (alone, or inside the
/// ``TextFeatures`` pass): see ``TokenSplit``.
struct TokenChain {
    let caseless: Bool
    /// The longest chain so far (0, 2 or 3).
    private(set) var longest = 0
    private var previous = 0..<0
    /// Whether `previous` is a suffix of the token before it.
    private var previousRepeats = false
    private var tokenStart = -1

    init(caseless: Bool) {
        self.caseless = caseless
    }

    /// Takes the scalar `value` that starts at byte `start` of `bytes`.
    @inline(__always)  // unmeasured
    mutating func feed(_ value: UInt32, at start: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        if TokenSplit.isSeparator(value) {
            if tokenStart >= 0 { close(tokenStart..<start, in: bytes) }
        } else if tokenStart < 0 {
            tokenStart = start
        }
    }

    /// Ends the text at byte `end`.
    mutating func finish(at end: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        if tokenStart >= 0 { close(tokenStart..<end, in: bytes) }
    }

    private mutating func close(_ token: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) {
        tokenStart = -1
        guard longest < 3 else { return }
        if previousRepeats, TokenSplit.startsWith(bytes, token, previous, caseless: caseless) {
            longest = 3
            return
        }
        previousRepeats = !previous.isEmpty && TokenSplit.endsWith(bytes, previous, token, caseless: caseless)
        if previousRepeats { longest = 2 }
        previous = token
    }
}

extension FeatureAnalysis {
    /// The chain of repeated tokens (``TokenSplit``) every match of `node` holds: 3 when somewhere in
    /// it (or in every branch) a capture of one or more never-space characters is followed by one or
    /// more white-space characters, a reference to it, white space and a reference again; 2 without
    /// the last reference; 0 when neither.
    func repeatedTokens(_ node: LiteralNode) -> Int {
        switch node {
        case .concat(let items):
            var best = items.map(repeatedTokens).max() ?? 0
            guard items.count >= 4 else { return best }
            for position in 0...(items.count - 4) {
                guard case .capture(let child, let number?) = items[position],
                    case .backreference(let target) = items[position + 2], target == number,
                    consumes(child, where: \.neverMatchesSpace),
                    consumes(items[position + 1], where: \.matchesOnlySpace),
                    consumes(items[position + 3], where: \.matchesOnlySpace)
                else { continue }
                var chain = 2
                if position + 4 < items.count, case .backreference(let again) = items[position + 4], again == number {
                    chain = 3
                }
                best = Swift.max(best, chain)
            }
            return best
        case .alternation(let branches):
            return branches.map(repeatedTokens).min() ?? 0
        case .repetition(let child, let min, _):
            return min > 0 ? repeatedTokens(child) : 0
        case .capture(let child, _), .requirementOnly(let child):
            return repeatedTokens(child)
        case .atom, .empty, .wordBoundary, .opaque, .backreference:
            return 0
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
            case .empty, .wordBoundary: true
            case .opaque, .backreference, .requirementOnly: false
            }
        }
        return only(node) && minimumCount(node, within: ScalarCategories.all) > 0
    }
}

/// What a pattern needs of a text beyond literals: scalars of some ``ScalarCategories`` (in all, and
/// one after another), runs of one repeated character, a repeated token. It serves the rules
/// literals cannot filter: shouting (`\p{Lu}{12,}`), long tokens (`[A-Za-z\d]{14,}`), repeats
/// (`(.)\1{5,}`), phone numbers (`\d{3}[\s.-]\d{3}[\s.-]\d{4}`), scripts (`\p{Cyrillic}`), a word said
/// three times (`\b(\w+)\s+\1\s+\1\b`).
///
/// Sound like the literal prefilter: for any text PCRE2 (UTF + UCP) matches, ``TextFeatures``
/// of that text satisfy the requirement, so a rule is skipped only when it cannot match.
package struct FeatureRequirement: Sendable, Equatable {
    /// Each entry: at least `minimum` text scalars in the categories of `mask`.
    var counts: [(mask: UInt8, minimum: Int)] = []
    /// Each entry: at least `minimum` text scalars in the categories of `mask` one after another.
    var consecutive: [(mask: UInt8, minimum: Int)] = []
    /// The longest run of one repeated scalar the text must have (1: none needed).
    var exactRun = 1
    /// The same, comparing ASCII letters without case (`K`, `k` and the Kelvin sign are one, so
    /// are `S`, `s` and `ſ`): for caseless backreferences to an ASCII character.
    var caselessRun = 1
    /// Whether the text must hold a repeated token (``TokenSplit``), compared exactly or without case,
    /// and how long a chain (2 or 3 tokens).
    package var repeatedToken = TokenRepeat.none
    var tokenChain = 0

    /// How a repeated token must repeat.
    package enum TokenRepeat: Sendable, Equatable {
        case none, exact, caseless
    }

    package static func == (a: FeatureRequirement, b: FeatureRequirement) -> Bool {
        a.exactRun == b.exactRun && a.caselessRun == b.caselessRun && a.repeatedToken == b.repeatedToken
            && a.tokenChain == b.tokenChain
            && a.consecutive.count == b.consecutive.count
            && zip(a.consecutive, b.consecutive).allSatisfy { $0.mask == $1.mask && $0.minimum == $1.minimum }
            && a.counts.count == b.counts.count
            && zip(a.counts, b.counts).allSatisfy { $0.mask == $1.mask && $0.minimum == $1.minimum }
    }

    /// True when nothing is required.
    var isEmpty: Bool { counts.isEmpty && consecutive.isEmpty && exactRun <= 1 && caselessRun <= 1 && repeatedToken == .none }

    /// Whether `features` meet the requirement.
    @inline(__always)  // unmeasured
    package func isMet(by features: TextFeatures) -> Bool {
        if features.longestRun < exactRun || features.longestCaselessRun < caselessRun { return false }
        for entry in counts where features.count(in: entry.mask) < entry.minimum { return false }
        // Counts first: a run is measured only when the count of its mask allows it.
        for entry in consecutive where features.longestRun(within: entry.mask) < entry.minimum { return false }
        switch repeatedToken {
        case .none: return true
        // A caseless chain is at least the exact one: it serves an exact requirement when only it was measured.
        case .exact: return (features.repeatedTokens ?? features.repeatedCaselessTokens ?? 3) >= tokenChain
        case .caseless: return (features.repeatedCaselessTokens ?? 3) >= tokenChain
        }
    }

    /// What the text must have, for reports: `12 capitals+other in a row, 2 digits`.
    package var summary: String {
        var parts: [String] = []
        parts += consecutive.map { "\($0.minimum) \(ScalarCategories.names($0.mask)) in a row" }
        parts += counts.map { "\($0.minimum) \(ScalarCategories.names($0.mask))" }
        if exactRun > 1 { parts.append("a run of \(exactRun)") }
        if caselessRun > 1 { parts.append("a run of \(caselessRun) without case") }
        switch repeatedToken {
        case .none: break
        case .exact: parts.append("a word repeated \(tokenChain) times")
        case .caseless: parts.append("a word repeated \(tokenChain) times without case")
        }
        return parts.joined(separator: ", ")
    }

    /// The most count entries kept for one pattern (the largest needs).
    static let maxCounts = 4
    /// The most consecutive-run entries kept for one pattern (each may cost a pass over the text).
    static let maxConsecutive = 2

    /// The requirement of a pattern, or nil when nothing useful is known (parse refused, extended
    /// syntax, or no requirement). `caseless` is the rule's flag; inline `(?i)` is found here.
    static func of(pattern: String, caseless: Bool, extended: Bool) -> FeatureRequirement? {
        guard !extended, let parsed = LiteralPatternParser.parseWithOptions(pattern) else { return nil }
        return of(node: parsed.node, caseless: caseless || parsed.inlineCaseless)
    }

    /// The requirement of a parsed pattern, or of one of its top-level branches; `caseless` must
    /// already include inline options anywhere in the pattern.
    static func of(node: LiteralNode, caseless: Bool) -> FeatureRequirement? {
        let analysis = FeatureAnalysis(caseless: caseless)
        var requirement = FeatureRequirement()
        var masks: Set<UInt8> = []
        analysis.collectMasks(node, into: &masks)
        var entries: [(mask: UInt8, minimum: Int)] = []
        for mask in masks where mask != ScalarCategories.all && mask != 0 {
            let minimum = analysis.minimumCount(node, within: mask)
            if minimum > 0 { entries.append((mask, minimum)) }
        }
        entries.sort { $0.minimum != $1.minimum ? $0.minimum > $1.minimum : $0.mask < $1.mask }
        requirement.counts = Array(entries.prefix(maxCounts))
        var consecutive: [(mask: UInt8, minimum: Int)] = []
        for mask in masks where mask != ScalarCategories.all && mask != 0 {
            let minimum = analysis.consecutive(node, within: mask).best
            // A run of one or two says little beyond the counts.
            if minimum >= 3 { consecutive.append((mask, minimum)) }
        }
        consecutive.sort { $0.minimum != $1.minimum ? $0.minimum > $1.minimum : $0.mask < $1.mask }
        requirement.consecutive = Array(consecutive.prefix(maxConsecutive))
        let runs = analysis.runs(node)
        requirement.exactRun = runs.exact
        requirement.caselessRun = runs.caseless
        let chain = analysis.repeatedTokens(node)
        if chain > 0 {
            requirement.repeatedToken = caseless ? .caseless : .exact
            requirement.tokenChain = chain
        }
        return requirement.isEmpty ? nil : requirement
    }
}

/// The per-pattern analysis behind ``FeatureRequirement``.
struct FeatureAnalysis {
    let caseless: Bool

    /// Every atom's category mask.
    func collectMasks(_ node: LiteralNode, into masks: inout Set<UInt8>) {
        switch node {
        case .atom(let atom): masks.insert(atom.categories(caseless: caseless))
        case .concat(let items), .alternation(let items): items.forEach { collectMasks($0, into: &masks) }
        case .repetition(let child, _, _), .capture(let child, _): collectMasks(child, into: &masks)
        case .empty, .wordBoundary, .opaque, .backreference, .requirementOnly: break
        }
    }

    /// The fewest scalars within `mask` any match of `node` consumes. Lookarounds count nothing
    /// (what they see overlaps what the match consumes).
    func minimumCount(_ node: LiteralNode, within mask: UInt8) -> Int {
        switch node {
        case .atom(let atom):
            let categories = atom.categories(caseless: caseless)
            return categories != 0 && categories & ~mask == 0 ? 1 : 0
        case .concat(let items):
            return items.reduce(0) { Swift.min($0 &+ minimumCount($1, within: mask), 1_000_000) }
        case .alternation(let branches):
            return branches.map { minimumCount($0, within: mask) }.min() ?? 0
        case .repetition(let child, let min, _):
            return min == 0 ? 0 : Swift.min(min * minimumCount(child, within: mask), 1_000_000)
        case .capture(let child, _):
            return minimumCount(child, within: mask)
        case .empty, .wordBoundary, .opaque, .backreference, .requirementOnly:
            return 0
        }
    }

    /// Scalars within `mask` one after another in every match of `node`: `best` is a run every match
    /// contains; `whole` says every scalar the node consumes is within the mask, and then `length`
    /// is the fewest it consumes. Zero-width parts (assertions, lookarounds) do not break a run.
    func consecutive(_ node: LiteralNode, within mask: UInt8) -> (whole: Bool, length: Int, best: Int) {
        let cap = 1_000_000
        switch node {
        case .atom(let atom):
            let categories = atom.categories(caseless: caseless)
            return categories != 0 && categories & ~mask == 0 ? (true, 1, 1) : (false, 0, 0)
        case .empty, .wordBoundary, .requirementOnly:
            return (true, 0, 0)
        case .opaque, .backreference:
            return (false, 0, 0)
        case .capture(let child, _):
            return consecutive(child, within: mask)
        case .concat(let items):
            var whole = true
            var length = 0
            var run = 0
            var best = 0
            for item in items {
                let inner = consecutive(item, within: mask)
                if inner.whole {
                    length = Swift.min(length &+ inner.length, cap)
                    run = Swift.min(run &+ inner.length, cap)
                } else {
                    whole = false
                    run = 0
                }
                best = Swift.max(best, run, inner.best)
            }
            return (whole, whole ? length : 0, best)
        case .alternation(let branches):
            let all = branches.map { consecutive($0, within: mask) }
            let whole = !all.isEmpty && all.allSatisfy(\.whole)
            return (whole, whole ? all.map(\.length).min() ?? 0 : 0, all.map(\.best).min() ?? 0)
        case .repetition(let child, let min, _):
            let inner = consecutive(child, within: mask)
            if inner.whole {
                let length = Swift.min(min &* inner.length, cap)
                return (true, length, length)
            }
            return (false, 0, min > 0 ? inner.best : 0)
        }
    }

    /// The longest run of one repeated character every match contains, exact and caseless.
    ///
    /// A run comes from a capture of one character followed by backreferences to it: `(.)\1{5,}`
    /// is six of one scalar. Without caseless matching the repeats are the same scalar; with it,
    /// they are only counted when the captured character is ASCII (whose case variants the
    /// caseless run comparison knows).
    func runs(_ node: LiteralNode) -> (exact: Int, caseless: Int) {
        switch node {
        case .concat(let items):
            var best = items.reduce((exact: 1, caseless: 1)) { best, item in
                let inner = runs(item)
                return (Swift.max(best.exact, inner.exact), Swift.max(best.caseless, inner.caseless))
            }
            for (position, item) in items.enumerated() {
                guard case .capture(.atom(let atom), let number?) = item else { continue }
                var length = 1
                chain: for next in items[(position + 1)...] {
                    switch next {
                    case .backreference(let target) where target == number:
                        length += 1
                    case .repetition(.backreference(let target), let min, _) where target == number:
                        length += min
                    default:
                        break chain
                    }
                }
                guard length > 1 else { continue }
                if !caseless {
                    best.exact = Swift.max(best.exact, length)
                } else if atom.categories(caseless: false)
                    & ~(ScalarCategories.upperASCII | ScalarCategories.lowerASCII
                    | ScalarCategories.digit | ScalarCategories.otherASCII) == 0
                    && atom.ranges.allSatisfy({ $0.upperBound < 0x80 }) && atom.classes.isEmpty
                {
                    best.caseless = Swift.max(best.caseless, length)
                }
            }
            return best
        case .alternation(let branches):
            let all = branches.map(runs)
            return (all.map(\.exact).min() ?? 1, all.map(\.caseless).min() ?? 1)
        case .repetition(let child, let min, _):
            return min == 0 ? (1, 1) : runs(child)
        case .capture(let child, _), .requirementOnly(let child):
            return runs(child)
        case .atom, .empty, .wordBoundary, .opaque, .backreference:
            return (1, 1)
        }
    }
}

/// What ``FeatureRequirement`` looks at in one text: scalars per category, the longest runs of one
/// scalar, segments of one category (for the longest run within any mask, on request), and (when
/// asked) repeated tokens.
package struct TextFeatures {
    /// Scalars per ``ScalarCategories`` bit position.
    var counts: (Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0)
    /// The longest run of one scalar.
    var longestRun = 0
    /// The longest run of one scalar with ASCII letters compared without case (Kelvin sign as `k`,
    /// `ſ` as `s`).
    var longestCaselessRun = 0
    /// The longest chain of repeated tokens in the text (``TokenSplit/repeatedTokens(_:caseless:)``),
    /// byte for byte and without case; nil unless the features pass measured it (its `tokens`
    /// argument; a requirement takes an unknown as met).
    var repeatedTokens: Int?
    var repeatedCaselessTokens: Int?
    /// The text as segments of one category, in order: the offset of a segment's last scalar in
    /// the high bits, its category's bit position in the low byte. Runs within a mask are measured
    /// from them on request (``longestRun(within:)``): a comment has a few segments a word. Empty
    /// for a text of ``maxSegmentedScalars`` or more, whose runs are then unknown (taken as met).
    private var segments: [UInt32] = []
    private var runsKnown = true

    /// The most scalars whose offsets a segment's 24 bits hold.
    static let maxSegmentedScalars = 1 << 24

    /// Scalars in the categories of `mask`.
    @inline(__always)  // unmeasured
    func count(in mask: UInt8) -> Int {
        var total = 0
        if mask & 1 != 0 { total &+= counts.0 }
        if mask & 2 != 0 { total &+= counts.1 }
        if mask & 4 != 0 { total &+= counts.2 }
        if mask & 8 != 0 { total &+= counts.3 }
        if mask & 16 != 0 { total &+= counts.4 }
        if mask & 32 != 0 { total &+= counts.5 }
        if mask & 64 != 0 { total &+= counts.6 }
        return total
    }

    /// The longest run of scalars within `mask`, one after another.
    func longestRun(within mask: UInt8) -> Int {
        guard runsKnown else { return Int.max }
        var run = 0
        var best = 0
        var end = -1
        for segment in segments {
            let last = Int(segment >> 8)
            run = mask & (1 &<< UInt8(truncatingIfNeeded: segment)) != 0 ? run &+ (last &- end) : 0
            end = last
            best = Swift.max(best, run)
        }
        return best
    }

    /// Per ASCII byte: its category's bit position.
    // ASCII table read outside the loop, categories by comparisons: TextFeatures 4.8% → 2.8% of a 500-rule check (e55dcc6, perf).
    private static let asciiIndex: [UInt8] = ScalarCategories.asciiTable.map { UInt8($0.trailingZeroBitCount) }

    /// The features of valid UTF-8 `bytes`, repeated tokens compared as `tokens` says; other token
    /// chains are left unknown.
    ///
    /// One decoding pass writes each scalar and its category into scratch (on the stack for a
    /// comment's size), then one short loop a feature reads them: the single loop that did it all
    /// kept too many running values for the registers and spent its time on spills.
    init(_ bytes: UnsafeBufferPointer<UInt8>, tokens: FeatureRequirement.TokenRepeat = .none) {
        let capacity = Swift.max(bytes.count, 1)
        // Decode once into scratch, then a loop a feature: about −14% time in the features pass at 50 rules (66502c4, perf samples).
        self = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { values in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { positions in
                TextFeatures(bytes, values: values, positions: positions, tokens: tokens)
            }
        }
    }

    private init(
        _ bytes: UnsafeBufferPointer<UInt8>, values: UnsafeMutableBufferPointer<UInt32>,
        positions: UnsafeMutableBufferPointer<UInt8>, tokens: FeatureRequirement.TokenRepeat
    ) {
        // Decode: scalar values and category bit positions; the token chain rides along (it needs
        // byte offsets).
        var chain = TokenChain(caseless: tokens == .caseless)
        let measureTokens = tokens != .none
        var scalarCount = 0
        var index = 0
        let count = bytes.count
        Self.asciiIndex.withUnsafeBufferPointer { ascii in
            while index < count {
                let start = index
                let lead = bytes[index]
                let value: UInt32
                if lead < 0x80 {
                    index &+= 1
                    value = UInt32(lead)
                    positions[scalarCount] = ascii[Int(lead)]
                } else {
                    let length: Int
                    (value, length) = UTF8Scalar.decode(bytes, at: index)
                    guard index &+ length <= count else { break }
                    index &+= length
                    positions[scalarCount] = UInt8(truncatingIfNeeded: ScalarCategories.nonASCII(value).trailingZeroBitCount)
                }
                values[scalarCount] = value
                scalarCount &+= 1
                if measureTokens { chain.feed(value, at: start, in: bytes) }
            }
        }
        // Plain pointers, not slice iterators (a fifth of the pass): −1–2% of the whole run at 50 rules (1e1c0ea).
        let valueAt = values.baseAddress!
        let positionAt = positions.baseAddress!

        // Runs of one scalar, exact and with ASCII letters (and the Kelvin sign, `ſ`) without case.
        var last = UInt32.max
        var run = 0
        var longest = 0
        var lastCaseless = UInt32.max
        var caselessRun = 0
        var longestCaseless = 0
        for offset in 0..<scalarCount {
            let value = valueAt[offset]
            run = value == last ? run &+ 1 : 1
            last = value
            longest = Swift.max(longest, run)
            // Selects for the caseless fold: unmeasured.
            // Position 0 is an ASCII capital. Selects, not branches: capitals and lower case
            // alternate unpredictably.
            var folded = value | (positionAt[offset] == 0 ? 0x20 : 0)
            folded = value == 0x212A ? 0x6B : folded
            folded = value == 0x17F ? 0x73 : folded
            caselessRun = folded == lastCaseless ? caselessRun &+ 1 : 1
            lastCaseless = folded
            longestCaseless = Swift.max(longestCaseless, caselessRun)
        }
        longestRun = longest
        longestCaselessRun = longestCaseless

        // Counts per category, and the segments.
        var tally = [Int](repeating: 0, count: ScalarCategories.count)
        runsKnown = scalarCount < Self.maxSegmentedScalars
        let segmentCapacity = runsKnown ? scalarCount : 0
        segments = [UInt32](unsafeUninitializedCapacity: segmentCapacity) { segments, written in
            var segment = -1
            var previous: UInt8 = 0xFF
            for offset in 0..<scalarCount {
                let position = positionAt[offset]
                tally[Int(position)] += 1
                guard segmentCapacity > 0 else { continue }
                segment &+= position != previous ? 1 : 0
                previous = position
                segments[segment] = UInt32(truncatingIfNeeded: offset) &<< 8 | UInt32(position)
            }
            written = segment &+ 1
        }
        counts = (tally[0], tally[1], tally[2], tally[3], tally[4], tally[5], tally[6])
        if measureTokens {
            chain.finish(at: index, in: bytes)
            if tokens == .caseless { repeatedCaselessTokens = chain.longest } else { repeatedTokens = chain.longest }
        }
    }

    /// The features of a string.
    package init(_ text: String, tokens: FeatureRequirement.TokenRepeat = .none) {
        var text = text
        self = text.withUTF8 { TextFeatures($0, tokens: tokens) }
    }
}

import Synchronization

/// Computes ``LiteralInfo`` for pattern nodes in one view: concatenation, alternation, repetition.
///
/// Strings are joined with the view's run cap (`aa` + `a` is `aa` in a view that cuts runs to two),
/// which keeps the rule that a match seen through a view is a substring of the text seen through it.
/// Sets are kept bounded: cross products above ``crossLimit`` are first shrunk by cutting prefixes
/// and suffixes shorter (each cut string is still a prefix, suffix or substring), then given up.
struct LiteralAlgebra {
    /// The view the strings are in.
    let view: PrefilterView
    /// Largest cross product computed (or the larger operand, when one side is a single string).
    /// Half in the run-capped views, where every `x+` is `{x, xx}` and a chain of them doubles a
    /// set at each step: on 2,000 generated rules that took 8% off loading for 4.5 → 4.6 PCRE2 runs
    /// a comment (16 took 6% more off, for 5.7 runs).
    var crossLimit: Int { view == .plain ? 64 : 32 }
    /// Largest union kept (word lists).
    let unionLimit = 20_000
    /// Longest exact string kept, in scalars; longer ones are cut into prefixes and suffixes.
    let maxLength = 48
    /// Most distinct characters a class may have to be known exactly (and so enter cross products).
    let classLimit = 64
    /// Most distinct characters a class may have to serve as a requirement of one character
    /// (`\d`, emoji ranges): its characters become literals of their own.
    let bigClassLimit = 4_096

    private let table = PrefilterScalarTable.shared

    // MARK: Nodes

    /// The info for a node.
    func info(_ node: LiteralNode) -> LiteralInfo {
        switch node {
        case .empty:
            return .empty
        case .wordBoundary:
            return view == .plain ? .exact([ViewString(scalar: PrefilterView.boundaryCode)]) : .empty
        case .opaque, .backreference:
            return .unknown
        case .capture(let child, _):
            return info(child)
        case .requirementOnly(let child):
            guard let required = requiredSet(info(child)) else { return .empty }
            return LiteralInfo(exact: nil, prefix: LiteralInfo.onlyEmpty, suffix: LiteralInfo.onlyEmpty, required: required)
        case .atom(let atom):
            return atomInfo(atom)
        case .concat(let items):
            return items.reduce(LiteralInfo.empty) { concat($0, info($1)) }
        case .alternation(let branches):
            let infos = branches.map(info)
            // A word list: every branch exact. One union in place (pairwise unions copy the growing
            // set once a branch, quadratic in the list's length).
            if infos.allSatisfy({ $0.exact != nil }) {
                var union = Set<ViewString>(minimumCapacity: infos.reduce(0) { $0 + ($1.exact?.count ?? 0) })
                for branch in infos { union.formUnion(branch.exact ?? []) }
                if union.count <= unionLimit { return .exact(union) }
            }
            return alternate(infos)
        case .repetition(let child, let min, let max):
            return repetition(info(child), min: min, max: max)
        }
    }

    /// One character position: the set of view characters (or the empty string, for deleted ones).
    /// Up to ``classLimit`` characters it is exact; up to ``bigClassLimit`` it is a requirement only.
    func atomInfo(_ atom: LiteralAtom) -> LiteralInfo {
        if atom.negated { return .unknown }
        let key = AtomKey(atom: atom, view: view)
        if let known = Self.atomInfos.withLock({ $0[key] }) { return known }
        let info = computeAtomInfo(atom)
        Self.atomInfos.withLock { cache in
            // Bounded: a long-lived process that reloads many different rule sets starts afresh.
            if cache.count >= 16_384 { cache.removeAll(keepingCapacity: true) }
            cache[key] = info
        }
        return info
    }

    /// An atom seen through a view.
    private struct AtomKey: Hashable {
        let atom: LiteralAtom
        let view: PrefilterView
    }

    /// Atom infos already computed: rules repeat their atoms (`c`, `[a@4]`, `[\s.*_-]`, `\d`)
    /// thousands of times, and each computation builds a set (`\d`'s holds every script's digits).
    // With the rest of 91725ac (one-scalar strings, no features for rare units): loading 2,000 rules −1–4% and −3–7% task-clock (two series, interleaved, 10–12 runs).
    private static let atomInfos = Mutex<[AtomKey: LiteralInfo]>([:])

    private func computeAtomInfo(_ atom: LiteralAtom) -> LiteralInfo {
        var strings = Set<ViewString>()
        var total = 0
        func add(_ value: UInt32) -> Bool {
            let entry = table.entry(value)
            if entry & PrefilterScalarTable.unsafeBit != 0 { return false }
            let folded = entry & PrefilterScalarTable.foldMask
            // The literal strings' boundary marker is not a character patterns can require.
            if folded == PrefilterView.boundaryScalar { return false }
            strings.insert(view.map(folded: folded, entry: entry).map(ViewString.init(scalar:)) ?? .empty)
            return strings.count <= bigClassLimit
        }
        for kind in atom.classes {
            switch kind {
            case .deletable where view == .skeleton:
                strings.insert(.empty)
            case .decimalDigit:
                for value in PrefilterScalarTable.decimalDigits where !add(value) { return .unknown }
            default:
                return .unknown
            }
        }
        for range in atom.ranges {
            total += range.count
            if total > 0x4000 { return .unknown }
            for value in range where !add(value) { return .unknown }
        }
        if strings.count <= classLimit { return .exact(strings) }
        // As a prefix or suffix set a big class would only ever be cut to nothing before a cross
        // product (it is over ``crossLimit`` by itself); say so at once instead of carrying and
        // cutting thousands of strings through every concatenation.
        return LiteralInfo(exact: nil, prefix: LiteralInfo.onlyEmpty, suffix: LiteralInfo.onlyEmpty, required: minimize(strings))
    }

    // MARK: Operations

    /// The info for `x` followed by `y`.
    func concat(_ x: LiteralInfo, _ y: LiteralInfo) -> LiteralInfo {
        if x.isEmptyOnly { return y }
        if y.isEmptyOnly { return x }
        if let ex = x.exact, let ey = y.exact, ex.count * ey.count <= Swift.max(crossLimit, ex.count, ey.count) {
            return exactOrCut(cross(ex, ey))
        }
        let prefix = x.exact.map { crossPrefixes($0, y.prefixes) } ?? x.prefix
        let suffix = y.exact.map { crossSuffixes(x.suffixes, $0) } ?? y.suffix
        // The best-scoring of x's, y's and the junction's required sets (nil is worst; ties keep the
        // earlier), each scored once: a chain's running set keeps its score.
        var best: (set: Set<ViewString>, score: Double)?
        func consider(_ set: Set<ViewString>?, score known: Double? = nil) {
            guard let set else { return }
            let score = known ?? LiteralScoring.score(set, view: view)
            if best == nil || score > best!.score { best = (set, score) }
        }
        consider(requiredSet(x), score: x.exact == nil ? x.requiredScore : nil)
        consider(requiredSet(y), score: y.exact == nil ? y.requiredScore : nil)
        consider(junction(x.suffixes, y.prefixes))
        return LiteralInfo(exact: nil, prefix: prefix, suffix: suffix, required: best?.set, requiredScore: best?.score)
    }

    /// The info for `x` or `y`.
    func alternate(_ x: LiteralInfo, _ y: LiteralInfo) -> LiteralInfo {
        if let ex = x.exact, let ey = y.exact {
            let union = ex.union(ey)
            if union.count <= unionLimit { return .exact(union) }
        }
        var required: Set<ViewString>?
        if let rx = requiredSet(x), let ry = requiredSet(y) {
            required = minimize(shrinkSubstrings(rx.union(ry), limit: unionLimit))
        }
        return LiteralInfo(
            exact: nil,
            prefix: shrinkPrefixes(x.prefixes.union(y.prefixes), limit: unionLimit),
            suffix: shrinkSuffixes(x.suffixes.union(y.suffixes), limit: unionLimit),
            required: required)
    }

    /// The info for any one of `infos`: ``alternate(_:_:)`` over all of them at once (one union and
    /// one minimization, where folding pairwise would minimize the growing union once a branch).
    func alternate(_ infos: [LiteralInfo]) -> LiteralInfo {
        guard infos.count > 2 else { return infos.dropFirst().reduce(infos[0], alternate) }
        var required: Set<ViewString>? = []
        var prefixes = Set<ViewString>()
        var suffixes = Set<ViewString>()
        for branch in infos {
            if let set = requiredSet(branch), required != nil { required!.formUnion(set) } else { required = nil }
            prefixes.formUnion(branch.prefixes)
            suffixes.formUnion(branch.suffixes)
        }
        return LiteralInfo(
            exact: nil,
            prefix: shrinkPrefixes(prefixes, limit: unionLimit),
            suffix: shrinkSuffixes(suffixes, limit: unionLimit),
            required: required.flatMap { minimize(shrinkSubstrings($0, limit: unionLimit)) })
    }

    /// The info for `x` repeated `min` to `max` times.
    func repetition(_ x: LiteralInfo, min: Int, max: Int?) -> LiteralInfo {
        if max == 0 || x.isEmptyOnly { return .empty }
        if min == 1, max == 1 { return x }
        if let ex = x.exact, let strings = enumeratePowers(ex, min: min, max: max) {
            return exactOrCut(strings)
        }
        if min == 0 { return .unknown }
        // x{min,max} starts and ends with x{k} for any k <= min, and contains it.
        let copies = Swift.min(min, 8)
        var base = x
        for _ in 1..<copies { base = concat(base, x) }
        if max == min, copies == min { return base }
        return LiteralInfo(exact: nil, prefix: base.prefixes, suffix: base.suffixes, required: requiredSet(base))
    }

    /// The union of `strings`^k for k in min...max, when it is finite and small: the powers reach a
    /// fixed point (in a run-capped view, `{a}` and `{"", a}` do) or `max` is near `min`.
    private func enumeratePowers(_ strings: Set<ViewString>, min: Int, max: Int?) -> Set<ViewString>? {
        // A big class cannot be squared within the limits: only x? (and x{1}) are enumerable.
        if strings.count > crossLimit, max.map({ $0 > 1 }) ?? true { return nil }
        if max == nil || max! - min > 8 {
            // Powers reach a fixed point only when every string repeats one scalar in a run-capped view.
            guard view.runCap != nil, let scalar = strings.lazy.compactMap(\.first).first,
                strings.allSatisfy({ $0.scalars.allSatisfy { $0 == scalar } })
            else { return nil }
        }
        var power = LiteralInfo.onlyEmpty
        var result: Set<ViewString> = min == 0 ? LiteralInfo.onlyEmpty : []
        var k = 0
        while true {
            if let max, k >= max { return result }
            guard power.count * strings.count <= Swift.max(crossLimit, strings.count) else { return nil }
            let next = cross(power, strings)
            k += 1
            if next == power {
                if k - 1 < min { result.formUnion(power) }
                return result
            }
            power = next
            if k >= min { result.formUnion(power) }
            if result.count > crossLimit || k > min + 8 || power.contains(where: { $0.count > maxLength }) {
                return nil
            }
        }
    }

    // MARK: Sets

    /// The substrings one of which every string of `x` contains, minimized; nil when unknown.
    func requiredSet(_ x: LiteralInfo) -> Set<ViewString>? {
        guard let exact = x.exact else { return x.required }
        return minimize(exact)
    }

    /// An exact set, or (when some string is too long) its cut prefixes, suffixes and substrings.
    private func exactOrCut(_ strings: Set<ViewString>) -> LiteralInfo {
        guard strings.contains(where: { $0.count > maxLength }) else { return .exact(strings) }
        let prefixes = Set(strings.map { $0.prefix(maxLength) })
        let suffixes = Set(strings.map { $0.suffix(maxLength) })
        return LiteralInfo(exact: nil, prefix: prefixes, suffix: suffixes, required: minimize(prefixes))
    }

    /// Every `a` joined to every `b`.
    private func cross(_ a: Set<ViewString>, _ b: Set<ViewString>) -> Set<ViewString> {
        if LiteralInfo.isOnlyEmpty(a) { return b }
        if LiteralInfo.isOnlyEmpty(b) { return a }
        var out = Set<ViewString>(minimumCapacity: a.count * b.count)
        for left in a {
            for right in b { out.insert(join(left, right)) }
        }
        return out
    }

    /// Exact strings followed by prefixes: prefixes of the concatenation.
    private func crossPrefixes(_ a: Set<ViewString>, _ p: Set<ViewString>) -> Set<ViewString> {
        var p = p
        while a.count * p.count > Swift.max(crossLimit, a.count, a.count == 1 ? p.count : 0), !LiteralInfo.isOnlyEmpty(p) {
            p = cutPrefixes(p, to: (p.map(\.count).max() ?? 1) - 1)
        }
        return cross(a, p)
    }

    /// Suffixes followed by exact strings: suffixes of the concatenation.
    private func crossSuffixes(_ s: Set<ViewString>, _ b: Set<ViewString>) -> Set<ViewString> {
        var s = s
        while s.count * b.count > Swift.max(crossLimit, b.count, b.count == 1 ? s.count : 0), !LiteralInfo.isOnlyEmpty(s) {
            s = cutSuffixes(s, to: (s.map(\.count).max() ?? 1) - 1)
        }
        return cross(s, b)
    }

    /// Strings spanning the junction of two nodes: a suffix of the first joined to a prefix of the second.
    private func junction(_ s: Set<ViewString>, _ p: Set<ViewString>) -> Set<ViewString>? {
        var s = s
        var p = p
        // As in ``concat(_:_:)``, one string (a `\b` before a word list) joins each of the other side.
        let limit = Swift.max(crossLimit, s.count == 1 ? p.count : 0, p.count == 1 ? s.count : 0)
        while s.count * p.count > limit {
            let sLength = s.map(\.count).max() ?? 0
            let pLength = p.map(\.count).max() ?? 0
            if (s.count >= p.count && sLength > 0) || pLength == 0 {
                s = cutSuffixes(s, to: sLength - 1)
            } else {
                p = cutPrefixes(p, to: pLength - 1)
            }
        }
        return minimize(cross(s, p))
    }

    /// The strings cut to their first `length` scalars.
    private func cutPrefixes(_ set: Set<ViewString>, to length: Int) -> Set<ViewString> {
        Set(set.map { $0.prefix(Swift.max(length, 0)) })
    }

    /// The strings cut to their last `length` scalars.
    private func cutSuffixes(_ set: Set<ViewString>, to length: Int) -> Set<ViewString> {
        Set(set.map { $0.suffix(Swift.max(length, 0)) })
    }

    private func shrinkPrefixes(_ set: Set<ViewString>, limit: Int) -> Set<ViewString> {
        var set = set
        while set.count > limit { set = cutPrefixes(set, to: (set.map(\.count).max() ?? 1) - 1) }
        return set
    }

    private func shrinkSuffixes(_ set: Set<ViewString>, limit: Int) -> Set<ViewString> {
        var set = set
        while set.count > limit { set = cutSuffixes(set, to: (set.map(\.count).max() ?? 1) - 1) }
        return set
    }

    private func shrinkSubstrings(_ set: Set<ViewString>, limit: Int) -> Set<ViewString> {
        shrinkPrefixes(set, limit: limit)
    }

    /// `a` then `b`, with the run at the junction cut to the view's cap; in the plain view, two word
    /// boundary markers that meet are one. (Only `\b` writes markers: one between two characters
    /// would only say what their classes already say, and literals leave such markers out.)
    func join(_ a: ViewString, _ b: ViewString) -> ViewString {
        guard let cap = view.runCap else {
            let marker = PrefilterView.boundaryCode
            return a.appending(b, droppingFirst: a.last == marker && b.first == marker ? 1 : 0)
        }
        guard let last = a.last, b.first == last else { return a.appending(b) }
        var tail = 0
        while tail < a.count, a[a.count - 1 - tail] == last { tail += 1 }
        var head = 0
        while head < b.count, b[head] == last { head += 1 }
        let keptFromHead = Swift.max(0, Swift.min(tail + head, cap) - tail)
        return a.appending(b, droppingFirst: head - keptFromHead)
    }

    // MARK: Minimizing

    /// `set` without strings that contain another member; nil when it holds the empty string.
    func minimize(_ set: Set<ViewString>) -> Set<ViewString>? {
        if set.isEmpty || set.contains(.empty) { return nil }
        var shortest = Int.max
        var longest = 0
        for string in set {
            shortest = Swift.min(shortest, string.count)
            longest = Swift.max(longest, string.count)
        }
        // Strings of one length cannot contain one another.
        guard shortest < longest else { return set }
        let sorted = set.sorted { $0.count < $1.count }
        // Open addressing, not a dictionary of arrays: loading 2,000 rules about −3% task-clock (b42bd87, its second figure; interleaved A/B, 6 runs each).
        // Kept strings by the FNV hash of their scalars, in an open-addressing table (slot: hash and
        // index + 1, 0 for empty); substrings are hashed incrementally.
        let capacity = 1 << (Int.bitWidth - (sorted.count * 2).leadingZeroBitCount)
        let mask = capacity - 1
        var slotHashes = [UInt64](repeating: 0, count: capacity)
        var slotIndices = [Int](repeating: 0, count: capacity)
        var keptStrings: [ViewString] = []
        var lengths = [Bool](repeating: false, count: sorted.last!.count + 1)
        var result = Set<ViewString>(minimumCapacity: set.count)
        for string in sorted {
            let count = string.count
            var redundant = false
            search: for start in 0..<count {
                var hash: UInt64 = 0xCBF2_9CE4_8422_2325
                var end = start
                while end < count, end - start < count - 1 {
                    hash = (hash ^ UInt64(string[end])) &* 0x0000_0100_0000_01B3
                    end += 1
                    guard lengths[end - start] else { continue }
                    var slot = Int(truncatingIfNeeded: ViewString.mix(hash)) & mask
                    while slotIndices[slot] != 0 {
                        let candidate = keptStrings[slotIndices[slot] - 1]
                        if slotHashes[slot] == hash, candidate.count == end - start,
                            candidate.same(0..<(end - start), as: string, start..<end)
                        {
                            redundant = true
                            break search
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
            if !redundant {
                let hash = string.fnv(0..<count)
                var slot = Int(truncatingIfNeeded: ViewString.mix(hash)) & mask
                while slotIndices[slot] != 0 { slot = (slot + 1) & mask }
                keptStrings.append(string)
                slotHashes[slot] = hash
                slotIndices[slot] = keptStrings.count
                lengths[count] = true
                result.insert(string)
            }
        }
        return result
    }
}

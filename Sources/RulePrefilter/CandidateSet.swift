/// A reusable set of rule indices: a bitset with a list of the words in use, so that clearing it
/// costs only what was set. Iteration is in ascending order.
///
/// Keep one per thread or task and pass it to every ``LiteralPrefilter/candidates(in:into:)`` call:
/// it also holds the scan's scratch marks, so scans allocate nothing once it has grown.
public struct CandidateSet: Sendable {
    /// The bitset.
    var words: [UInt64]
    /// Indices of the nonzero words: the first `touchedCount` entries (room for every word).
    var touched: [UInt32]
    var touchedCount = 0
    /// Per automaton state, the scan that last reported it (scans are numbered by `epoch`).
    var reported: [UInt32] = []
    var epoch: UInt32 = 0
    /// Scratch for a scan: the text's three views, a third each.
    var viewBuffers: [UInt8] = []
    /// Per view and byte value (256 per view), the scan that last saw the byte.
    var byteSeen = [UInt32](repeating: 0, count: 3 * 256)

    /// An empty set for rule indices below `ruleCount` (it grows when a prefilter needs more).
    public init(ruleCount: Int = 0) {
        words = [UInt64](repeating: 0, count: (ruleCount + 63) / 64)
        touched = [UInt32](repeating: 0, count: words.count)
    }

    /// Makes room for rule indices below `ruleCount`.
    mutating func reserve(ruleCount: Int) {
        let needed = (ruleCount + 63) / 64
        if words.count < needed {
            words.append(contentsOf: repeatElement(0, count: needed - words.count))
            touched.append(contentsOf: repeatElement(0, count: needed - touched.count))
        }
    }

    /// Makes the view buffers hold at least `byteCount` bytes per view.
    mutating func reserveViewBuffers(byteCount: Int) {
        if viewBuffers.count < 3 * byteCount {
            viewBuffers = [UInt8](repeating: 0, count: 3 * Swift.max(byteCount, 512))
        }
    }

    /// Starts a scan over automata with `stateCount` states in all: a new epoch, so no state counts as reported.
    mutating func beginScan(stateCount: Int) {
        if reported.count < stateCount {
            reported = [UInt32](repeating: 0, count: stateCount)
            byteSeen = [UInt32](repeating: 0, count: 3 * 256)
            epoch = 0
        }
        if epoch == .max {
            for index in reported.indices { reported[index] = 0 }
            for index in byteSeen.indices { byteSeen[index] = 0 }
            epoch = 0
        }
        epoch += 1
    }

    /// True when `rule` is in the set.
    public func contains(_ rule: Int) -> Bool {
        let word = rule >> 6
        return word < words.count && words[word] & (1 << UInt64(rule & 63)) != 0
    }

    /// Adds `rule`.
    public mutating func insert(_ rule: Int) {
        reserve(ruleCount: rule + 1)
        let word = rule >> 6
        if words[word] == 0 {
            touched[touchedCount] = UInt32(word)
            touchedCount += 1
        }
        words[word] |= 1 << UInt64(rule & 63)
    }

    /// The number of rules in the set.
    public var count: Int {
        touched[..<touchedCount].reduce(0) { $0 + words[Int($1)].nonzeroBitCount }
    }

    /// True when the set is empty.
    public var isEmpty: Bool { touchedCount == 0 }

    /// Empties the set, clearing only the words that were used.
    public mutating func removeAll() {
        for word in touched[..<touchedCount] { words[Int(word)] = 0 }
        touchedCount = 0
    }

    /// Calls `body` with each rule index, in ascending order.
    public func forEach(_ body: (Int) throws -> Void) rethrows {
        let used = touched[..<touchedCount]
        let order = touchedCount < 2 ? Array(used) : used.sorted()
        for word in order {
            var bits = words[Int(word)]
            while bits != 0 {
                let bit = bits.trailingZeroBitCount
                try body(Int(word) << 6 | bit)
                bits &= bits &- 1
            }
        }
    }

    /// The rule indices, ascending.
    public var indices: [Int] {
        var out: [Int] = []
        forEach { out.append($0) }
        return out
    }
}

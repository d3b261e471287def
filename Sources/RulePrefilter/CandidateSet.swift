/// A reusable set of rule indices: a bitset with a list of the words in use, so that clearing it
/// costs only what was set. Iteration is in ascending order.
///
/// Keep one per thread or task and pass it to every ``LiteralPrefilter/candidates(in:into:)`` call:
/// it also holds the scan's scratch marks, so scans allocate nothing once it has grown.
public struct CandidateSet: Sendable {
    /// The bits and a scan's marks; a value type's copy shares it until one of them writes.
    private var storage: ScanScratch

    /// An empty set for rule indices below `ruleCount` (it grows when a prefilter needs more).
    public init(ruleCount: Int = 0) {
        storage = ScanScratch(ruleCount: ruleCount)
    }

    /// The storage, copied first when another set shares it: what a write goes through.
    mutating func scratch() -> ScanScratch {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// True when `rule` is in the set.
    public func contains(_ rule: Int) -> Bool {
        storage.contains(rule)
    }

    /// Adds `rule`.
    public mutating func insert(_ rule: Int) {
        scratch().insert(rule)
    }

    /// The number of rules in the set.
    public var count: Int {
        storage.touched[..<storage.touchedCount].reduce(0) { $0 + storage.words[Int($1)].nonzeroBitCount }
    }

    /// True when the set is empty.
    public var isEmpty: Bool { storage.touchedCount == 0 }

    /// Empties the set, clearing only the words that were used.
    public mutating func removeAll() {
        scratch().removeAll()
    }

    /// Calls `body` with each rule index, in ascending order.
    public func forEach(_ body: (Int) throws -> Void) rethrows {
        let used = storage.touched[..<storage.touchedCount]
        let order = used.count < 2 ? Array(used) : used.sorted()
        for word in order {
            var bits = storage.words[Int(word)]
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

/// A copy of an array in memory of its own, never written after init and freed with the object:
/// a scanning loop takes its plain pointer (``buffer``) once, without a closure a table.
// Owned, not borrowed in closures: scan −1.2% instructions (callgrind; compare-pcre2.sh workload, 2,000 rules × 10,000 comments, prefilter alone); against checked arrays unmeasured.
final class FrozenBuffer<Element: BitwiseCopyable & Sendable>: @unchecked Sendable {
    // Sendable: the memory is written only before init returns and only read after.
    /// The elements; valid while the object lives.
    let buffer: UnsafeBufferPointer<Element>

    /// A copy of `elements`.
    init(_ elements: [Element]) {
        let memory = UnsafeMutableBufferPointer<Element>.allocate(capacity: elements.count)
        _ = memory.initialize(fromContentsOf: elements)
        buffer = UnsafeBufferPointer(memory)
    }

    deinit {
        buffer.deallocate()
    }

    /// The number of elements.
    var count: Int { buffer.count }
}

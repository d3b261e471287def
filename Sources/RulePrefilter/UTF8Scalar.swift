/// Decoding one scalar of valid UTF-8, for the prefilter's loops. Kept in this module so that the
/// scan and the repeated-token check inline it: called across a module boundary it cost 3% more
/// instructions at 2,000 rules (callgrind, compare-pcre2.sh workload, 10,000 comments).
enum UTF8Scalar {
    /// The scalar at `index` and its length in bytes (a sequence cut short by the end of `bytes`
    /// decodes from what is there).
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = UInt32(lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07))
        for offset in 1..<min(length, bytes.count - index) { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (value, length)
    }

    /// The start of the scalar that ends just before `index` (which must be above 0).
    @inline(__always)
    static func start(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }
}

extension LiteralPrefilter {
    /// Per ASCII byte: its fold (bits 0–7), its leet-mapped fold (bits 8–15), and bit 16 when the
    /// skeleton view keeps it (a letter or digit).
    // One table load for fold, leet map and skeleton test of an ASCII byte: unmeasured.
    static let asciiTable = FrozenBuffer<UInt32>(
        (0..<128).map { byte in
            let folded = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            let mapped = Int(PrefilterView.leetMap[folded])
            let keep = (0x30...0x39).contains(folded) || (0x61...0x7A).contains(folded)
            return UInt32(folded) | UInt32(mapped) << 8 | (keep ? 1 << 16 : 0)
        })

    /// One pass over UTF-8 `bytes` (folded first when `folding`), feeding every view in use.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, folding: Bool, into result: inout CandidateSet) {
        let scratch = result.scratch()
        scratch.removeAll()
        scratch.reserve(ruleCount: ruleCount)
        scratch.beginScan(stateCount: stateOffsets[3])
        for rule in alwaysRun { scratch.insert(rule) }
        // Folding can lengthen a scalar's UTF-8 by half (Ⱥ→ⱥ); the views never lengthen it further.
        scratch.reserveViewBuffers(byteCount: bytes.count * 3 / 2 + 4)
        var scanner = PrefilterScanner(self, scratch: scratch)
        scanner.run(bytes, folding: folding)
        scanner.markSingleBytes(singleByteRules, bytes: singleBytes)
        scratch.touchedCount = scanner.touchedCount
    }
}

/// One scan: the three views' tables and the scratch's marks as plain pointers, and the loop (a
/// struct with the automaton states in locals, so the inner loop touches no captured variables).
/// Valid while the prefilter and the scratch it was made from are.
// Pointers and flags copied into a struct, the states in locals: unmeasured.
struct PrefilterScanner {
    let plain: AhoCorasickTables
    let leet: AhoCorasickTables
    let skeleton: AhoCorasickTables
    let usePlain: Bool
    let useLeet: Bool
    let useSkeleton: Bool
    /// Where each view's states start in `reported`.
    let offsets: (plain: Int, leet: Int, skeleton: Int)
    let ascii: UnsafeBufferPointer<UInt32>
    let lookup: PrefilterScalarLookup
    let words: UnsafeMutableBufferPointer<UInt64>
    let touched: UnsafeMutableBufferPointer<UInt32>
    var touchedCount: Int
    let reported: UnsafeMutableBufferPointer<UInt32>
    let epoch: UInt32
    /// Three equal thirds: the plain, leet and skeleton views of the text.
    let buffers: UnsafeMutableBufferPointer<UInt8>
    /// Per view, true when some rule's literal is a single byte.
    let viewHasSingleBytes: (Bool, Bool, Bool)
    /// Per view and byte value, the scan that last saw the byte.
    let byteSeen: UnsafeMutableBufferPointer<UInt32>

    /// A scan of `prefilter`'s automata into `scratch` (its epoch begun, its buffers large enough).
    init(_ prefilter: LiteralPrefilter, scratch: ScanScratch) {
        plain = prefilter.automata[0].tables
        leet = prefilter.automata[1].tables
        skeleton = prefilter.automata[2].tables
        usePlain = prefilter.viewInUse[0]
        useLeet = prefilter.viewInUse[1]
        useSkeleton = prefilter.viewInUse[2]
        offsets = (prefilter.stateOffsets[0], prefilter.stateOffsets[1], prefilter.stateOffsets[2])
        ascii = LiteralPrefilter.asciiTable.buffer
        lookup = PrefilterScalarTable.shared.lookup
        words = scratch.words
        touched = scratch.touched
        touchedCount = scratch.touchedCount
        reported = scratch.reported
        epoch = scratch.epoch
        buffers = scratch.viewBuffers
        let single = prefilter.viewHasSingleBytes
        viewHasSingleBytes = (single[0], single[1], single[2])
        byteSeen = scratch.byteSeen
    }

    /// Marks the rules of `state` and of every state along its dictionary links, stopping at a
    /// state already reported in this scan (its chain was reported with it). A chain with word
    /// boundary conditions is walked at every report, each condition checked where the literal
    /// ends here (`end`, in `text` of `length` bytes): one that fails here may hold elsewhere.
    @inline(never)  // keeps the rare report path out of the scan loop: unmeasured
    mutating func report(
        _ tables: AhoCorasickTables, _ state: UInt32, offset: Int, end: Int,
        text: UnsafePointer<UInt8>, length: Int
    ) {
        var current = tables.reportState(state)
        while current != AhoCorasickAutomaton.none {
            if !tables.conditionalChain[Int(current)] {
                if reported[offset &+ Int(current)] == epoch { return }
                reported[offset &+ Int(current)] = epoch
            }
            for index in tables.outputRange(current) {
                var rule = tables.outputs[index]
                if rule & AhoCorasickAutomaton.Condition.mask != 0 {
                    guard
                        boundariesHold(
                            rule, start: end &- Int(tables.outputLengths[index]), end: end,
                            text: text, length: length)
                    else { continue }
                    rule &= ~AhoCorasickAutomaton.Condition.mask
                }
                let word = Int(rule >> 6)
                if words[word] == 0 {
                    touched[touchedCount] = UInt32(word)
                    touchedCount &+= 1
                }
                words[word] |= 1 << UInt64(rule & 63)
            }
            current = tables.dictionaryLink(current)
        }
    }

    /// Whether the word boundaries a conditional output asks for stand around `start..<end` of `text`
    /// (the text's ends count as non-word), by the word classes of the scalars beside it.
    func boundariesHold(_ entry: UInt32, start: Int, end: Int, text: UnsafePointer<UInt8>, length: Int) -> Bool {
        typealias Condition = AhoCorasickAutomaton.Condition
        let buffer = UnsafeBufferPointer(start: text, count: length)
        if entry & Condition.before != 0 {
            var previous = PrefilterView.nonWord
            if start > 0 {
                previous = lookup.wordClass(folded: UTF8Scalar.decode(buffer, at: UTF8Scalar.start(before: start, in: buffer)).0)
            }
            let first = UInt8(truncatingIfNeeded: entry >> Condition.firstClassShift & 3)
            if !PrefilterView.boundaryBetween(previous, first) { return false }
        }
        if entry & Condition.after != 0 {
            let next = end < length ? lookup.wordClass(folded: UTF8Scalar.decode(buffer, at: end).0) : PrefilterView.nonWord
            let last = UInt8(truncatingIfNeeded: entry >> Condition.lastClassShift & 3)
            if !PrefilterView.boundaryBetween(last, next) { return false }
        }
        return true
    }

    /// The UTF-8 bytes of a scalar of two or more bytes, packed little-endian, and their count.
    @inline(__always)  // unmeasured
    static func encode(_ value: UInt32) -> (packed: UInt32, count: Int) {
        if value < 0x800 {
            return (0xC0 | value >> 6 | (0x80 | value & 0x3F) << 8, 2)
        }
        if value < 0x10000 {
            return (0xE0 | value >> 12 | (0x80 | (value >> 6) & 0x3F) << 8 | (0x80 | value & 0x3F) << 16, 3)
        }
        return (
            0xF0 | (value >> 18) & 0x07 | (0x80 | (value >> 12) & 0x3F) << 8 | (0x80 | (value >> 6) & 0x3F) << 16
                | (0x80 | value & 0x3F) << 24, 4
        )
    }

    /// Marks the rules whose single-byte literal occurs in its view (per `byteSeen`).
    mutating func markSingleBytes(_ rules: [[[UInt32]]], bytes: [[UInt8]]) {
        for view in 0..<3 {
            for byte in bytes[view] where byteSeen[view << 8 | Int(byte)] == epoch {
                for rule in rules[view][Int(byte)] {
                    let index = Int(rule >> 6)
                    if words[index] == 0 {
                        touched[touchedCount] = UInt32(index)
                        touchedCount &+= 1
                    }
                    words[index] |= 1 << UInt64(rule & 63)
                }
            }
        }
    }

    /// Folds and transforms `bytes` into the three views' byte buffers, then runs the automata over
    /// them in lockstep (three independent chains of table loads overlap in the processor).
    // Three automata in lockstep, one flag test for all three: unmeasured.
    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>, folding: Bool) {
        let lengths = transform(bytes, folding: folding)
        let third = buffers.count / 3
        let base = UnsafePointer(buffers.baseAddress!)
        let plainText = folding ? base : bytes.baseAddress ?? base
        let plainLength = usePlain ? (folding ? lengths.plain : bytes.count) : 0
        let leetText = base + third
        let skeletonText = base + 2 * third
        let leetLength = useLeet ? lengths.leet : 0
        let skeletonLength = useSkeleton ? lengths.skeleton : 0
        let flag = AhoCorasickAutomaton.reportFlag
        let plain = plain
        let leet = leet
        let skeleton = skeleton
        var plainState: UInt32 = 0
        var leetState: UInt32 = 0
        var skeletonState: UInt32 = 0
        let common = Swift.min(plainLength, leetLength, skeletonLength)
        var index = 0
        while index < common {
            plainState = plain.step(plainState, plainText[index])
            leetState = leet.step(leetState, leetText[index])
            skeletonState = skeleton.step(skeletonState, skeletonText[index])
            if (plainState | leetState | skeletonState) & flag != 0 {
                if plainState & flag != 0 {
                    report(plain, plainState, offset: offsets.plain, end: index &+ 1, text: plainText, length: plainLength)
                }
                if leetState & flag != 0 {
                    report(leet, leetState, offset: offsets.leet, end: index &+ 1, text: leetText, length: leetLength)
                }
                if skeletonState & flag != 0 {
                    report(
                        skeleton, skeletonState, offset: offsets.skeleton, end: index &+ 1, text: skeletonText,
                        length: skeletonLength)
                }
            }
            index &+= 1
        }
        for position in index..<plainLength {
            plainState = plain.step(plainState, plainText[position])
            if plainState & flag != 0 {
                report(plain, plainState, offset: offsets.plain, end: position &+ 1, text: plainText, length: plainLength)
            }
        }
        for position in index..<leetLength {
            leetState = leet.step(leetState, leetText[position])
            if leetState & flag != 0 {
                report(leet, leetState, offset: offsets.leet, end: position &+ 1, text: leetText, length: leetLength)
            }
        }
        for position in index..<skeletonLength {
            skeletonState = skeleton.step(skeletonState, skeletonText[position])
            if skeletonState & flag != 0 {
                report(
                    skeleton, skeletonState, offset: offsets.skeleton, end: position &+ 1, text: skeletonText,
                    length: skeletonLength)
            }
        }
        if viewHasSingleBytes.0 { noteBytes(UnsafeBufferPointer(start: plainText, count: plainLength), view: 0) }
        if viewHasSingleBytes.1 { noteBytes(UnsafeBufferPointer(start: leetText, count: leetLength), view: 1) }
        if viewHasSingleBytes.2 { noteBytes(UnsafeBufferPointer(start: skeletonText, count: skeletonLength), view: 2) }
    }

    /// Notes which byte values occur in one view's text: stores only, so no chain of loads.
    @inline(__always)  // unmeasured
    func noteBytes(_ text: UnsafeBufferPointer<UInt8>, view: Int) {
        let seen = byteSeen.baseAddress! + view << 8
        for byte in text { seen[Int(byte)] = epoch }
    }

    /// Writes the plain view (when folding), the leet view and the skeleton view of `bytes` into the
    /// three thirds of `buffers`; returns their lengths.
    mutating func transform(_ bytes: UnsafeBufferPointer<UInt8>, folding: Bool) -> (plain: Int, leet: Int, skeleton: Int) {
        let third = buffers.count / 3
        let plainOut = buffers.baseAddress!
        let leetOut = plainOut + third
        let skeletonOut = plainOut + 2 * third
        let writePlain = usePlain && folding
        let writeLeet = useLeet
        let writeSkeleton = useSkeleton
        var plainLength = 0
        var leetLength = 0
        var skeletonLength = 0
        var lastLeet = UInt32.max
        var runLeet = 0
        var lastSkeleton = UInt32.max
        var runSkeleton = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            var value: UInt32
            var keepSkeleton: Bool
            if lead < 0x80 {
                index &+= 1
                let facts = ascii[Int(lead)]
                value = folding ? facts & 0xFF : UInt32(lead)
                keepSkeleton = facts & 0x1_0000 != 0
            } else {
                // A multi-byte scalar (decoded without validation: callers pass valid UTF-8).
                let length: Int
                if lead < 0xE0 {
                    length = 2
                    value = UInt32(lead & 0x1F)
                } else if lead < 0xF0 {
                    length = 3
                    value = UInt32(lead & 0x0F)
                } else {
                    length = 4
                    value = UInt32(lead & 0x07)
                }
                guard index &+ length <= count else { break }
                for offset in 1..<length {
                    value = value << 6 | UInt32(bytes[index &+ offset] & 0x3F)
                }
                index &+= length
                let entry = lookup.entry(value)
                if folding { value = entry & PrefilterScalarTable.foldMask }
                keepSkeleton = entry & PrefilterScalarTable.deletableBit == 0
            }
            if value < 0x80 {
                // ASCII (also what `ſ`, Kelvin and `ı` fold to): one byte per view.
                if writePlain {
                    plainOut[plainLength] = UInt8(truncatingIfNeeded: value)
                    plainLength &+= 1
                }
                let mapped = ascii[Int(value)] >> 8 & 0xFF
                if writeLeet {
                    if mapped == lastLeet {
                        runLeet &+= 1
                    } else {
                        lastLeet = mapped
                        runLeet = 1
                    }
                    if runLeet <= 2 {
                        leetOut[leetLength] = UInt8(truncatingIfNeeded: mapped)
                        leetLength &+= 1
                    }
                }
                if writeSkeleton, keepSkeleton {
                    if mapped == lastSkeleton {
                        runSkeleton &+= 1
                    } else {
                        lastSkeleton = mapped
                        runSkeleton = 1
                    }
                    if runSkeleton <= 2 {
                        skeletonOut[skeletonLength] = UInt8(truncatingIfNeeded: mapped)
                        skeletonLength &+= 1
                    }
                }
                continue
            }
            let (packed, encodedCount) = Self.encode(value)
            if writePlain {
                Self.write(packed, encodedCount, to: plainOut, at: &plainLength)
            }
            if writeLeet {
                if value == lastLeet {
                    runLeet &+= 1
                } else {
                    lastLeet = value
                    runLeet = 1
                }
                if runLeet <= 2 { Self.write(packed, encodedCount, to: leetOut, at: &leetLength) }
            }
            if writeSkeleton, keepSkeleton {
                if value == lastSkeleton {
                    runSkeleton &+= 1
                } else {
                    lastSkeleton = value
                    runSkeleton = 1
                }
                if runSkeleton <= 2 { Self.write(packed, encodedCount, to: skeletonOut, at: &skeletonLength) }
            }
        }
        return (plainLength, leetLength, skeletonLength)
    }

    @inline(__always)  // unmeasured
    static func write(_ packed: UInt32, _ count: Int, to out: UnsafeMutablePointer<UInt8>, at length: inout Int) {
        var packed = packed
        for _ in 0..<count {
            out[length] = UInt8(truncatingIfNeeded: packed)
            packed >>= 8
            length &+= 1
        }
    }
}

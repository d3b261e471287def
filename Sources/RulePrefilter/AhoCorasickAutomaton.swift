/// An Aho–Corasick automaton over bytes whose outputs are rule indices.
///
/// Memory-conscious: bytes are first mapped to classes (each byte used by some literal has its own
/// class, all others share class 0), and states up to ``denseDepth`` bytes deep (numbered first,
/// breadth first) have a dense row of resolved transitions, one per class; every deeper state keeps its transitions in a short sorted
/// list and falls back along its failure link (which always ends at a dense state). A state lists
/// only its own rules and links to the nearest state along its failure chain that has rules (the
/// dictionary link), so a scan that remembers which states it has reported walks each chain at most
/// once per text. State numbers stored in transitions carry ``reportFlag`` when the state or its
/// chain has rules, so the scan tests for output without a load.
struct AhoCorasickAutomaton: Sendable {
    /// Per state, two words: failure link (with flag) and first transition; the next state's first
    /// ends its transitions (a last pair closes the table). Eight bytes a state keep more of it in cache.
    // Two words a state, not four: about −2% task-clock at 2,000 rules (ca21a7d; median of 12 interleaved pairs, compare-pcre2.sh workload).
    let hot: FrozenBuffer<UInt32>
    /// Per state, four words: first and end of its own rules, dictionary link and first state to
    /// report (``none`` for none: itself when it has rules, else its dictionary link).
    let cold: FrozenBuffer<UInt32>
    /// Transition byte classes, sorted within a state.
    let transitionBytes: FrozenBuffer<UInt8>
    /// Transition targets (with flag), parallel to `transitionBytes`.
    let transitionTargets: FrozenBuffer<UInt32>
    /// Rows of `classCount` resolved transitions (with flags) for states below `denseCount`.
    let dense: FrozenBuffer<UInt32>
    /// The class of each byte.
    let byteClasses: FrozenBuffer<UInt8>
    /// The number of classes (a dense row's length).
    let classCount: Int
    /// Rule indices, sorted and unique within a state; an entry may carry a word boundary condition
    /// (``Condition``) in its top bits.
    let outputs: FrozenBuffer<UInt32>
    /// Per output, the length in bytes of its literal (the owning state's depth), for conditions.
    let outputLengths: FrozenBuffer<UInt8>
    /// Per state, whether it or a state along its dictionary links has a conditional output: a scan
    /// checks such a chain at every report, where it otherwise walks a chain once per text.
    let conditionalChain: FrozenBuffer<Bool>
    /// States below this number have a dense row (row number = state number).
    let denseCount: Int

    static let stride = 4
    static let none = UInt32.max
    /// Set in a stored state number when that state has rules to report.
    // The flag saves a load a byte in the scan (tests for output without reading `cold`): unmeasured.
    static let reportFlag: UInt32 = 1 << 31
    /// How deep states get a dense row: two bytes (about a thousand rows for thousands of literals).
    // Dense rows for the shallow states, sorted lists below (memory against a failure walk): unmeasured.
    static let denseDepth = 2

    /// The number of states.
    var stateCount: Int { cold.count / Self.stride }

    /// Bytes of memory held by the tables.
    var memoryBytes: Int {
        (hot.count + cold.count + transitionTargets.count + dense.count + outputs.count) * 4 + transitionBytes.count
            + byteClasses.count + outputLengths.count + conditionalChain.count
    }

    /// Plain pointers to the tables, for the scanning loop; valid while the automaton is.
    var tables: AhoCorasickTables {
        AhoCorasickTables(
            hot: hot.buffer, cold: cold.buffer, transitionBytes: transitionBytes.buffer,
            transitionTargets: transitionTargets.buffer, dense: dense.buffer, outputs: outputs.buffer,
            outputLengths: outputLengths.buffer, conditionalChain: conditionalChain.buffer,
            denseCount: UInt32(denseCount), byteClasses: byteClasses.buffer, classCount: classCount)
    }

    /// A plain-view literal's word boundaries, checked against the text where it is found (see
    /// ``PrefilterView`` on markers): an output entry is the rule index in the low 26 bits, and
    /// these bits above it. The literal's first and last scalars' word classes ride along, so a
    /// check decodes only the text's scalars beside the match.
    enum Condition {
        /// A boundary must stand before the literal.
        static let before: UInt32 = 1 << 31
        /// A boundary must stand after the literal.
        static let after: UInt32 = 1 << 30
        static let firstClassShift: UInt32 = 28
        static let lastClassShift: UInt32 = 26
        /// The bits that are not the rule index.
        static let mask: UInt32 = 0xFC00_0000
        /// The most rules (units) an automaton with conditions can tell apart.
        static let ruleLimit = 1 << 26
    }

    /// Builds the automaton for `patterns`: non-empty byte strings, each with the rules it stands for
    /// (conditions in their top bits, ``Condition``).
    init(patterns: [(bytes: [UInt8], rules: [UInt32])]) {
        // 0. Byte classes.
        var byteClasses = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for (bytes, _) in patterns {
            for byte in bytes where byteClasses[Int(byte)] == 0 {
                byteClasses[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }
        if classCount > 256 {
            // Every byte is used: classes are the bytes themselves, with byte 0 sharing class 0.
            byteClasses = (0...255).map { UInt8($0) }
            classCount = 256
        }
        let patterns = patterns.map { (bytes: $0.bytes.map { byteClasses[Int($0)] }, rules: $0.rules) }

        // 1. The trie, over classes.
        var children: [[(byte: UInt8, target: UInt32)]] = [[]]
        var own: [[UInt32]] = [[]]
        var depth: [Int] = [0]
        var rootChildren = [UInt32](repeating: 0, count: 256)
        for (bytes, rules) in patterns where !bytes.isEmpty {
            var state: UInt32 = 0
            for byte in bytes {
                let existing: UInt32? =
                    state == 0
                    ? (rootChildren[Int(byte)] == 0 ? nil : rootChildren[Int(byte)])
                    : children[Int(state)].first { $0.byte == byte }?.target
                if let existing {
                    state = existing
                    continue
                }
                let new = UInt32(children.count)
                children.append([])
                own.append([])
                depth.append(depth[Int(state)] + 1)
                children[Int(state)].append((byte, new))
                if state == 0 { rootChildren[Int(byte)] = new }
                state = new
            }
            own[Int(state)].append(contentsOf: rules)
        }
        let count = children.count
        for index in 0..<count { children[index].sort { $0.byte < $1.byte } }

        // 2. Failure links and merged outputs, breadth first.
        var fail = [UInt32](repeating: 0, count: count)
        var order: [UInt32] = [0]
        order.reserveCapacity(count)
        var head = 0
        func child(_ state: UInt32, _ byte: UInt8) -> UInt32? {
            if state == 0 { return rootChildren[Int(byte)] == 0 ? nil : rootChildren[Int(byte)] }
            return children[Int(state)].first { $0.byte == byte }?.target
        }
        while head < order.count {
            let state = order[head]
            head += 1
            for (byte, target) in children[Int(state)] {
                order.append(target)
                if state == 0 { continue }
                var candidate = fail[Int(state)]
                while true {
                    if let next = child(candidate, byte) {
                        fail[Int(target)] = next
                        break
                    }
                    if candidate == 0 { break }
                    candidate = fail[Int(candidate)]
                }
            }
        }
        var dictionary = [UInt32](repeating: Self.none, count: count)
        for state in order where state != 0 {
            let target = fail[Int(state)]
            dictionary[Int(state)] = !own[Int(target)].isEmpty ? target : dictionary[Int(target)]
        }

        // 3. Renumber in breadth-first order (so dense states come first) and lay out the tables.
        var number = [UInt32](repeating: 0, count: count)
        for (position, state) in order.enumerated() { number[Int(state)] = UInt32(position) }
        func resolved(_ state: UInt32, _ byte: UInt8) -> UInt32 {
            var current = state
            while true {
                if let next = child(current, byte) { return next }
                if current == 0 { return 0 }
                current = fail[Int(current)]
            }
        }
        var reports = [Bool](repeating: false, count: count)
        for state in 0..<count { reports[state] = !own[state].isEmpty || dictionary[state] != Self.none }
        func flagged(_ state: UInt32) -> UInt32 {
            number[Int(state)] | (reports[Int(state)] ? Self.reportFlag : 0)
        }
        var hot = [UInt32](repeating: 0, count: (count + 1) * 2)
        var cold = [UInt32](repeating: 0, count: count * Self.stride)
        var transitionBytes: [UInt8] = []
        var transitionTargets: [UInt32] = []
        var dense: [UInt32] = []
        var outputs: [UInt32] = []
        var outputLengths: [UInt8] = []
        var conditionalChain = [Bool](repeating: false, count: count)
        var denseCount = 0
        for (position, state) in order.enumerated() {
            let base = position * Self.stride
            hot[position * 2] = flagged(fail[Int(state)])
            hot[position * 2 + 1] = UInt32(transitionBytes.count)
            for (byte, target) in children[Int(state)] {
                transitionBytes.append(byte)
                transitionTargets.append(flagged(target))
            }
            cold[base] = UInt32(outputs.count)
            // A literal too long for its length byte loses its condition (it is then reported
            // wherever it occurs, which only admits more texts).
            let length = depth[Int(state)]
            let rules = length > Int(UInt8.max) ? own[Int(state)].map { $0 & ~Condition.mask } : own[Int(state)]
            outputs.append(contentsOf: Set(rules).sorted())
            outputLengths.append(
                contentsOf: repeatElement(UInt8(truncatingIfNeeded: length), count: outputs.count - Int(cold[base])))
            cold[base + 1] = UInt32(outputs.count)
            let link = dictionary[Int(state)]
            // The dictionary link is shallower, so laid out (and its chain known) already.
            conditionalChain[position] =
                rules.contains { $0 & Condition.mask != 0 }
                || (link != Self.none && conditionalChain[Int(number[Int(link)])])
            cold[base + 2] = link == Self.none ? Self.none : number[Int(link)]
            cold[base + 3] = !own[Int(state)].isEmpty ? UInt32(position) : cold[base + 2]
            if depth[Int(state)] <= Self.denseDepth {
                // Breadth-first order puts every shallow state before every deeper one.
                denseCount = position + 1
                for byteClass in 0..<classCount { dense.append(flagged(resolved(state, UInt8(byteClass)))) }
            }
        }
        hot[count * 2 + 1] = UInt32(transitionBytes.count)
        self.hot = FrozenBuffer(hot)
        self.cold = FrozenBuffer(cold)
        self.transitionBytes = FrozenBuffer(transitionBytes)
        self.transitionTargets = FrozenBuffer(transitionTargets)
        self.dense = FrozenBuffer(dense)
        self.outputs = FrozenBuffer(outputs)
        self.outputLengths = FrozenBuffer(outputLengths)
        self.conditionalChain = FrozenBuffer(conditionalChain)
        self.denseCount = denseCount
        self.byteClasses = FrozenBuffer(byteClasses)
        self.classCount = classCount
    }
}

/// Plain pointers to one automaton's tables (``AhoCorasickAutomaton`` says what each holds), for the
/// scanning loop: a struct, so that they sit in registers.
struct AhoCorasickTables {
    let hot: UnsafeBufferPointer<UInt32>
    let cold: UnsafeBufferPointer<UInt32>
    let transitionBytes: UnsafeBufferPointer<UInt8>
    let transitionTargets: UnsafeBufferPointer<UInt32>
    let dense: UnsafeBufferPointer<UInt32>
    let outputs: UnsafeBufferPointer<UInt32>
    let outputLengths: UnsafeBufferPointer<UInt8>
    let conditionalChain: UnsafeBufferPointer<Bool>
    let denseCount: UInt32
    let byteClasses: UnsafeBufferPointer<UInt8>
    let classCount: Int

    /// The state after `byte` from `state` (both may carry the report flag).
    @inline(__always)  // unmeasured
    func step(_ state: UInt32, _ byte: UInt8) -> UInt32 {
        let byte = byteClasses[Int(byte)]
        var current = state & ~AhoCorasickAutomaton.reportFlag
        while true {
            if current < denseCount {
                return dense[Int(current) &* classCount &+ Int(byte)]
            }
            let base = Int(current) &* 2
            var index = Int(hot[base &+ 1])
            let end = Int(hot[base &+ 3])
            while index < end {
                if transitionBytes[index] == byte { return transitionTargets[index] }
                index &+= 1
            }
            current = hot[base] & ~AhoCorasickAutomaton.reportFlag
        }
    }

    /// The first state with rules at or along the failure chain of `state` (a state number without flag).
    @inline(__always)  // unmeasured
    func reportState(_ state: UInt32) -> UInt32 {
        cold[Int(state & ~AhoCorasickAutomaton.reportFlag) &* AhoCorasickAutomaton.stride &+ 3]
    }

    /// The next state with rules along the failure chain of `state`, or `AhoCorasickAutomaton.none`.
    @inline(__always)  // unmeasured
    func dictionaryLink(_ state: UInt32) -> UInt32 {
        cold[Int(state) &* AhoCorasickAutomaton.stride &+ 2]
    }

    /// The indices into `outputs` of `state`'s own rules.
    @inline(__always)  // unmeasured
    func outputRange(_ state: UInt32) -> Range<Int> {
        let base = Int(state) &* AhoCorasickAutomaton.stride
        return Int(cold[base])..<Int(cold[base &+ 1])
    }
}

import CPCRE2
import Synchronization

/// A compiled PCRE2 pattern: UTF and UCP always on, JIT-compiled when the platform allows.
///
/// The JIT compiles once a pattern has run ``jitAfterRuns`` times (``forEachMatch(in:scratch:_:)``),
/// or on its first run when it is long (``jitAtOnceLength``: a word list); the interpreter runs it
/// until then. A big rule set behind a prefilter runs most of its rules only now and then, and JIT
/// compilation (about 15 µs a generated pattern, six times its compile) pays only for a pattern
/// that runs often: of 2,000 generated rules about 800 ever run on 10,000 comments, most of them a
/// few times. Results are the same either way (PCRE2's JIT and interpreter implement one matcher).
/// The JIT compiles a copy, kept beside the interpreter's code (which no thread ever writes to).
/// Compiled code is shared between threads; each thread matches with its own ``MatchScratch``.
public final class Pattern: Sendable {
    /// The pattern text as given.
    public let source: String
    /// The compile flags beyond UTF and UCP.
    public let options: PatternOptions
    /// True when the JIT compiled the pattern (compiling it now if it has not run often enough yet);
    /// false means the interpreter runs it.
    public var isJITCompiled: Bool {
        prepareJIT()
        return hasJITCode
    }
    /// True when matches run JIT code already (without compiling it).
    var hasJITCode: Bool { jitState.load(ordering: .acquiring) == Self.jitDone }
    /// The number of capture groups.
    public let captureCount: Int

    // Safe to share: PCRE2 documents compiled code as read-only during matching, and this code is
    // never JIT-compiled (the JIT writes into the code it compiles): the interpreter runs it.
    nonisolated(unsafe) let code: OpaquePointer
    /// The bit pattern of a copy of ``code`` that the JIT compiled (0 until then): written once,
    /// under `jitLock`, after the JIT has finished with it, and only read afterwards.
    private let jitCode = Atomic<Int>(0)

    /// ``jitPending``, ``jitDone`` or ``jitFailed``.
    private let jitState = Atomic<UInt8>(0)
    /// Runs so far while the JIT is pending.
    private let interpretedRuns = Atomic<Int>(0)
    /// How many runs the interpreter makes before the JIT compiles the pattern: a JIT compile costs
    /// about as much as this many interpreted runs more than JIT runs on a comment.
    public static let jitAfterRuns = 16
    /// Patterns this long (UTF-8 bytes) or longer are JIT-compiled on their first run: they are word
    /// lists, on which the interpreter tries every alternative at every place (a 60-word list took
    /// about 120 µs an interpreted run on a comment, against about 15 µs JIT-compiled).
    public static let jitAtOnceLength = 256
    /// The run on which the JIT compiles this pattern.
    let jitThreshold: Int
    private let jitLock = Mutex<Void>(())
    private static let jitPending: UInt8 = 0
    private static let jitDone: UInt8 = 1
    private static let jitFailed: UInt8 = 2

    /// Compiles `source` with UTF, UCP and `options` (the JIT follows on first use).
    /// - Throws: ``PCRE2Error`` of kind `.compile` with PCRE2's message and the pattern offset.
    public init(_ source: String, options: PatternOptions = []) throws(PCRE2Error) {
        self.source = source
        self.options = options
        jitThreshold = source.utf8.count >= Self.jitAtOnceLength ? 1 : Self.jitAfterRuns
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let flags = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP) | options.rawValue
        let compiled: OpaquePointer? =
            source.utf8.withContiguousStorageIfAvailable { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count, flags, &errorCode, &errorOffset, nil)
            }
            ?? Array(source.utf8).withUnsafeBufferPointer { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count, flags, &errorCode, &errorOffset, nil)
            }
        guard let compiled else {
            throw PCRE2Error(kind: .compile, code: errorCode, patternOffset: errorOffset)
        }
        code = compiled
        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        captureCount = Int(captures)
    }

    deinit {
        pcre2_code_free_8(code)
        if let compiled = OpaquePointer(bitPattern: jitCode.load(ordering: .acquiring)) { pcre2_code_free_8(compiled) }
    }

    /// The code a match runs: the JIT-compiled copy once there is one, else ``code``.
    @inline(__always)
    var matchCode: OpaquePointer {
        OpaquePointer(bitPattern: jitCode.load(ordering: .acquiring)) ?? code
    }

    /// JIT-compiles the pattern unless that was done (or failed) already. A JIT failure (no JIT on
    /// this platform, or out of executable memory) leaves the interpreter to run it.
    @inline(__always)
    func prepareJIT() {
        if jitState.load(ordering: .acquiring) == Self.jitPending { compileJIT() }
    }

    /// Counts a run; JIT-compiles the pattern on its ``jitAfterRuns``th (its first, when long).
    @inline(__always)
    func noteRun() {
        guard jitState.load(ordering: .relaxed) == Self.jitPending else { return }
        if interpretedRuns.add(1, ordering: .relaxed).newValue >= jitThreshold { compileJIT() }
    }

    @inline(never)
    private func compileJIT() {
        jitLock.withLock { _ in
            guard jitState.load(ordering: .acquiring) == Self.jitPending else { return }
            // Other threads may be matching with `code` meanwhile: compile a copy, publish it when done.
            guard let copy = pcre2_code_copy_8(code) else {
                jitState.store(Self.jitFailed, ordering: .releasing)
                return
            }
            guard pcre2_jit_compile_8(copy, UInt32(PCRE2_JIT_COMPLETE)) == 0 else {
                pcre2_code_free_8(copy)
                jitState.store(Self.jitFailed, ordering: .releasing)
                return
            }
            jitCode.store(Int(bitPattern: UnsafeRawPointer(copy)), ordering: .releasing)
            jitState.store(Self.jitDone, ordering: .releasing)
        }
    }

    /// The shortest subject, in code units, that can match (PCRE2's lower bound).
    public var minimumLength: Int {
        var length: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MINLENGTH), &length)
        return Int(length)
    }
}

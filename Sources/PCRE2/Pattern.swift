import CPCRE2
import Synchronization

/// A compiled PCRE2 pattern: UTF and UCP always on, JIT-compiled when the platform allows.
///
/// The JIT compiles on first use (``forEachMatch(in:scratch:_:)``), not at load: a big rule set
/// behind a prefilter runs only some of its rules, and JIT compilation is most of a pattern's load
/// cost (about 50 µs of 60). Compiled code is immutable after JIT compilation and shared between
/// threads; each thread matches with its own ``MatchScratch``.
public final class Pattern: Sendable {
    /// The pattern text as given.
    public let source: String
    /// The compile flags beyond UTF and UCP.
    public let options: PatternOptions
    /// True when the JIT compiled the pattern (compiling it now if it has not run yet); false means
    /// the interpreter runs it.
    public var isJITCompiled: Bool {
        prepareJIT()
        return jitState.load(ordering: .acquiring) == Self.jitDone
    }
    /// The number of capture groups.
    public let captureCount: Int

    // Safe to share: PCRE2 documents compiled code (after JIT) as read-only during matching; the
    // JIT compiles once, under `jitLock`, before any match reads the code (`prepareJIT`).
    nonisolated(unsafe) let code: OpaquePointer

    /// ``jitPending``, ``jitDone`` or ``jitFailed``.
    private let jitState = Atomic<UInt8>(0)
    private let jitLock = Mutex<Void>(())
    private static let jitPending: UInt8 = 0
    private static let jitDone: UInt8 = 1
    private static let jitFailed: UInt8 = 2

    /// Compiles `source` with UTF, UCP and `options` (the JIT follows on first use).
    /// - Throws: ``PCRE2Error`` of kind `.compile` with PCRE2's message and the pattern offset.
    public init(_ source: String, options: PatternOptions = []) throws(PCRE2Error) {
        self.source = source
        self.options = options
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let flags = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP) | options.rawValue
        let compiled: OpaquePointer? = source.utf8.withContiguousStorageIfAvailable { bytes in
            pcre2_compile_8(bytes.baseAddress, bytes.count, flags, &errorCode, &errorOffset, nil)
        } ?? Array(source.utf8).withUnsafeBufferPointer { bytes in
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
    }

    /// JIT-compiles the pattern unless that was done (or failed) already. A JIT failure (no JIT on
    /// this platform, or out of executable memory) leaves the interpreter to run it.
    @inline(__always)
    func prepareJIT() {
        if jitState.load(ordering: .acquiring) == Self.jitPending { compileJIT() }
    }

    @inline(never)
    private func compileJIT() {
        jitLock.withLock { _ in
            guard jitState.load(ordering: .acquiring) == Self.jitPending else { return }
            let done = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
            jitState.store(done ? Self.jitDone : Self.jitFailed, ordering: .releasing)
        }
    }

    /// The shortest subject, in code units, that can match (PCRE2's lower bound).
    public var minimumLength: Int {
        var length: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MINLENGTH), &length)
        return Int(length)
    }
}

import CPCRE2

/// A compiled PCRE2 pattern: UTF and UCP always on, JIT-compiled when the platform allows.
///
/// Compiled code is immutable after JIT compilation and shared between threads; each thread
/// matches with its own ``MatchScratch``.
public final class Pattern: Sendable {
    /// The pattern text as given.
    public let source: String
    /// The compile flags beyond UTF and UCP.
    public let options: PatternOptions
    /// True when the JIT compiled the pattern; false means the interpreter runs it.
    public let isJITCompiled: Bool
    /// The number of capture groups.
    public let captureCount: Int

    // Safe to share: PCRE2 documents compiled code (after JIT) as read-only during matching.
    nonisolated(unsafe) let code: OpaquePointer

    /// Compiles `source` with UTF, UCP and `options`, then tries the JIT.
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
        // JIT failure (no JIT on this platform, or out of executable memory) falls back to the interpreter.
        isJITCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        captureCount = Int(captures)
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// The shortest subject, in code units, that can match (PCRE2's lower bound).
    public var minimumLength: Int {
        var length: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MINLENGTH), &length)
        return Int(length)
    }
}

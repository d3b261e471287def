import CPCRE2

/// Per-thread match state: match data, a match context with the limits, and a JIT stack.
///
/// Not `Sendable`: create one per task or thread and reuse it for every pattern that task runs.
public final class MatchScratch {
    /// The limits every match through this scratch runs under.
    public let limits: MatchLimits
    let matchData: OpaquePointer
    let context: OpaquePointer
    let jitStack: OpaquePointer?

    /// Allocates match data (one ovector pair: only whole-match offsets are read), a match context
    /// with `limits`, and a JIT stack of up to 1 MiB.
    public init(limits: MatchLimits = .default) throws(PCRE2Error) {
        self.limits = limits
        guard let matchData = pcre2_match_data_create_8(1, nil) else {
            throw PCRE2Error(kind: .allocation, code: PCRE2_ERROR_NOMEMORY)
        }
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_match_data_free_8(matchData)
            throw PCRE2Error(kind: .allocation, code: PCRE2_ERROR_NOMEMORY)
        }
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        pcre2_set_heap_limit_8(context, limits.heapLimitKiB)
        let stack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let stack {
            pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
        }
        self.matchData = matchData
        self.context = context
        self.jitStack = stack
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack {
            pcre2_jit_stack_free_8(jitStack)
        }
    }
}

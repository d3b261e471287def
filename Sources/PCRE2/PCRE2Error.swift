import CPCRE2

/// A PCRE2 failure: what was being done, PCRE2's own code and message, and where in the pattern.
public struct PCRE2Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stage at which PCRE2 failed.
    public enum Kind: String, Sendable {
        /// The pattern did not compile.
        case compile
        /// A match ran out of a limit or failed at match time.
        case match
        /// Memory for match data or a context could not be had.
        case allocation
    }

    /// The stage at which PCRE2 failed.
    public var kind: Kind
    /// PCRE2's own error code (negative for match errors, positive for compile errors).
    public var code: Int32
    /// PCRE2's message for `code`.
    public var message: String
    /// The UTF-8 byte offset in the pattern where compilation failed, for compile errors.
    public var patternOffset: Int?

    /// Creates an error for a PCRE2 code, fetching PCRE2's message for it.
    public init(kind: Kind, code: Int32, patternOffset: Int? = nil) {
        self.kind = kind
        self.code = code
        self.message = PCRE2Error.message(for: code)
        self.patternOffset = patternOffset
    }

    /// True when a match stopped at the match, depth, heap or JIT stack limit.
    public var isResourceLimit: Bool {
        kind == .match
            && [
                PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT,
                PCRE2_ERROR_JIT_STACKLIMIT,
            ].contains(code)
    }

    /// A sentence for a person, naming the offset for compile errors.
    public var description: String {
        if let patternOffset {
            return "\(message) at offset \(patternOffset)"
        }
        return message
    }

    /// PCRE2's message text for an error code.
    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            pcre2_get_error_message_8(code, pointer.baseAddress, pointer.count)
        }
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }
}

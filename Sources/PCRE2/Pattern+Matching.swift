import CPCRE2

extension Pattern {
    /// Calls `body` with the UTF-8 byte range of each successive non-overlapping match in `subject`,
    /// until `body` returns false or the subject is exhausted.
    ///
    /// `subject` must be valid UTF-8 (a Swift string's bytes are): PCRE2's UTF check is skipped.
    /// An empty match is followed by a search that may not be empty at the same place, and then by
    /// a step over one whole UTF-8 character, never into the middle of one.
    /// - Throws: ``PCRE2Error`` of kind `.match` when a limit is hit or matching fails.
    public func forEachMatch(
        in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch,
        _ body: (Range<Int>) -> Bool
    ) throws(PCRE2Error) {
        noteRun()
        let code = matchCode
        let length = subject.count
        let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1)!
        var start = 0
        var extra: UInt32 = 0
        while start <= length {
            let rc = pcre2_match_8(
                code, base, length, start, UInt32(PCRE2_NO_UTF_CHECK) | extra,
                scratch.matchData, scratch.context)
            if rc == PCRE2_ERROR_NOMATCH {
                if extra == 0 { return }
                // The non-empty retry failed: step over one character and search normally.
                extra = 0
                start = Pattern.nextCharacter(after: start, in: subject)
                continue
            }
            if rc < 0 {
                throw PCRE2Error(kind: .match, code: rc)
            }
            let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
            let matchStart = ovector[0]
            let matchEnd = ovector[1]
            // \K in a lookbehind can report a start after the end; clamp to an empty range.
            let range = min(matchStart, matchEnd)..<matchEnd
            guard body(range) else { return }
            if matchEnd == matchStart {
                if matchEnd >= length { return }
                extra = UInt32(PCRE2_NOTEMPTY_ATSTART) | UInt32(PCRE2_ANCHORED)
            } else {
                extra = 0
            }
            start = matchEnd
        }
    }

    /// Every non-overlapping match in `subject`, as UTF-8 byte ranges.
    public func matches(in subject: String, scratch: MatchScratch) throws(PCRE2Error) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        try Pattern.withUTF8(subject) { (bytes) throws(PCRE2Error) in
            try forEachMatch(in: bytes, scratch: scratch) { range in
                ranges.append(range)
                return true
            }
        }
        return ranges
    }

    /// True when the pattern matches anywhere in `subject`.
    public func isMatch(_ subject: String, scratch: MatchScratch) throws(PCRE2Error) -> Bool {
        var found = false
        try Pattern.withUTF8(subject) { (bytes) throws(PCRE2Error) in
            try forEachMatch(in: bytes, scratch: scratch) { _ in
                found = true
                return false
            }
        }
        return found
    }

    /// Runs `body` over the string's contiguous UTF-8 bytes (copying only a bridged, non-contiguous string).
    /// Inlinable, so that callers in other modules get it specialized (no generic metadata a call).
    @inlinable
    public static func withUTF8<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) throws(PCRE2Error) -> R)
        throws(PCRE2Error) -> R
    {
        var copy = string
        // String.withUTF8 rethrows untyped errors; carry the typed error out in a Result.
        let result: Result<R, PCRE2Error> = copy.withUTF8 { bytes in
            do throws(PCRE2Error) { return .success(try body(bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// The offset of the next UTF-8 character boundary after `offset`.
    static func nextCharacter(after offset: Int, in subject: UnsafeBufferPointer<UInt8>) -> Int {
        var next = offset + 1
        while next < subject.count, subject[next] & 0xC0 == 0x80 {
            next += 1
        }
        return next
    }
}

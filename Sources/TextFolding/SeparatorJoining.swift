/// Joins single letters spelled out with separators: f.u.c.k, f-u-c-k, f_u_c_k, f*u*c*k, f u c k,
/// f . u . c . k → fuck.
///
/// A run is three or more single ASCII letters (no letter or digit touching them) separated by the
/// same separator each time, where a separator is one to three characters from the set below
/// (apostrophes and quotes are not separators: r'n'b stays). The
/// separators are removed; each letter keeps its own raw range, so the joined word maps back to the
/// whole spelled-out run ("f.u.c.k"). Two letters ("a b", "e.g") are never joined, and ordinary
/// sentences are safe because their words are longer than one letter ("I am a man").
///
/// When a space-separated run starts with "a" or "i" and would still have three letters without it,
/// that first letter is the English word and is left out ("what a f u c k" → "what a fuck").
///
/// Masking stars inside words (f*ck, sh*t) are not touched here or anywhere: the star stays in the
/// folded text so that a rule can match it (`f[*u]ck`), and deleting it would turn f*ck into "fck".
enum SeparatorJoining {
    /// The longest separator, in scalars, between two spelled-out letters.
    static let maximumSeparatorLength = 3

    /// Whether the scalar may separate spelled-out letters.
    @inline(__always)
    static func isSeparator(_ value: UInt32) -> Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0D,  // space, tab, line breaks
            0x2E, 0x2D, 0x5F, 0x2A, 0x7E, 0x2B,  // . - _ * ~ +
            0x2F, 0x5C, 0x7C, 0x3A,  // / \ | :
            0x3D, 0x5E, 0x00B7, 0x2022, 0x2219:  // = ^ · • ∙
            return true
        default:
            return false
        }
    }

    /// Removes the separators of every spelled-out run, in place; returns the new count.
    static func apply(_ units: UnsafeMutableBufferPointer<FoldUnit>) -> Int {
        let count = units.count
        guard count >= 5 else { return count }
        var write = 0
        var read = 0
        var previous: UInt32? = nil  // the unit before `read`, as it was before compaction
        while read < count {
            // Cheap tests first: a letter after a non-alphanumeric, followed by a separator.
            if ScalarClass.isASCIILetter(units[read].scalar),
                previous.map({ !ScalarClass.isAlphanumeric($0) }) ?? true,
                read + 1 < count, isSeparator(units[read + 1].scalar),
                let run = spelledRun(units, at: read, previous: previous)
            {
                let last = run.first + (run.letters - 1) * run.stride
                previous = units[last].scalar
                for letter in 0..<run.letters {
                    units[write] = units[run.first + letter * run.stride]
                    write += 1
                }
                read = last + 1
            } else {
                previous = units[read].scalar
                if write != read { units[write] = units[read] }
                write += 1
                read += 1
            }
        }
        return write
    }

    /// A spelled-out run: its first letter, how many letters, and the distance between letters.
    private struct Run {
        var first: Int
        var letters: Int
        var stride: Int
    }

    private static func spelledRun(_ units: UnsafeMutableBufferPointer<FoldUnit>, at start: Int, previous: UInt32?) -> Run? {
        let count = units.count
        guard isSingleLetter(units, at: start, previous: previous) else { return nil }
        let separatorStart = start + 1
        var separatorLength = 0
        while separatorStart + separatorLength < count,
            isSeparator(units[separatorStart + separatorLength].scalar)
        {
            separatorLength += 1
            if separatorLength > maximumSeparatorLength { return nil }
        }
        guard separatorLength > 0 else { return nil }
        let stride = separatorLength + 1

        var letters = 1
        var position = start + stride
        while position < count,
            isSingleLetter(units, at: position, previous: units[position - 1].scalar)
        {
            letters += 1
            // Continue only when exactly the same separator follows.
            let next = position + 1
            guard next + separatorLength < count,
                (0..<separatorLength).allSatisfy({
                    units[next + $0].scalar == units[separatorStart + $0].scalar
                }),
                !isSeparator(units[next + separatorLength].scalar)
            else { break }
            position += stride
        }
        guard letters >= 3 else { return nil }

        let spaced = (0..<separatorLength).allSatisfy {
            ScalarClass.isWhitespace(units[separatorStart + $0].scalar)
        }
        let first = units[start].scalar
        if spaced, letters >= 4, first == 0x61 || first == 0x69 {  // "a" or "i" is a word
            return nil
        }
        return Run(first: start, letters: letters, stride: stride)
    }

    /// Whether the unit is an ASCII letter with no letter or digit on either side.
    @inline(__always)
    private static func isSingleLetter(_ units: UnsafeMutableBufferPointer<FoldUnit>, at index: Int, previous: UInt32?) -> Bool {
        guard ScalarClass.isASCIILetter(units[index].scalar) else { return false }
        if let previous, ScalarClass.isAlphanumeric(previous) { return false }
        let next = index + 1
        return next >= units.count || !ScalarClass.isAlphanumeric(units[next].scalar)
    }
}

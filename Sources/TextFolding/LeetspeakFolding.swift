/// Folds leetspeak digits and symbols that sit inside words: sh1t, $h!t, b1tch, p0rn, a$$hole.
///
/// Mapping: 0→o, 1→i, 3→e, 4→a, 5→s, 7→t, @→a, $→s, !→i. A single 1 is i (sh1t, b1tch, 1diot are
/// the usual spellings); two or more 1s in a row are l (ki11er, he11o), since "ll" is common in
/// English and "ii" is not.
///
/// A token is a run of non-space scalars. Nothing in a token is changed unless the token has at
/// least one letter, at least as many letters as leet characters, and no other digit (2, 6, 8, 9):
/// so "2024", "10:30", "$100", "4x4", "B2B", "COVID-19" and "0300-1234567" stay as they are. Within
/// such a token a run of leet characters is changed when it is
/// - inside a word: a letter on both sides (sh1t, a$$hole, b@stard). A ! is folded only when it is
///   alone, not between a lowercase and an uppercase letter, and has at most four letters before it
///   or at most two after it (sh!t, b!tch, bullsh!t), because "idiot!but", "invited!The" and
///   "you!!!!I" are sentence ends with the space missing;
/// - at the start of a word, before a letter: $ always ($hit); @ only in the @ss family (@ss,
///   @$$hole, @sshole), since a leading @ is otherwise a mention (@john stays); a digit run only when it is
///   the token's only digits, does not start with 4 ("for": 4chan, 4ever) and at least three letters
///   follow (1diot, 5hit, 0wned; not 1st, 3rd, 10th, 5pm, 4meter4);
/// - never at the end of a word: hello!, mp3, win7, windows10 keep their last characters.
/// An @ in a token with a dot after it is an address (name@example.com) and is kept.
enum LeetspeakFolding {
    /// Folds leetspeak in place; raw ranges are unchanged because each fold is one scalar for one.
    static func apply(_ units: UnsafeMutableBufferPointer<FoldUnit>) {
        var tokenStart = 0
        let count = units.count
        while tokenStart < count {
            // Skip ahead to the next leet character; only its token needs a closer look.
            var probe = tokenStart
            while probe < count, !isLeet(units[probe].scalar) { probe += 1 }
            guard probe < count else { return }
            tokenStart = probe
            while tokenStart > 0, !ScalarClass.isWhitespace(units[tokenStart - 1].scalar) { tokenStart -= 1 }
            var tokenEnd = tokenStart
            var letters = 0
            var leet = 0
            var otherDigits = 0
            while tokenEnd < count, !ScalarClass.isWhitespace(units[tokenEnd].scalar) {
                let value = units[tokenEnd].scalar
                if isLeet(value) {
                    leet += 1
                } else if ScalarClass.isASCIIDigit(value) {
                    otherDigits += 1
                } else if ScalarClass.isLetter(value) {
                    letters += 1
                }
                tokenEnd += 1
            }
            if leet > 0, letters > 0, letters >= leet, otherDigits == 0 {
                foldToken(units, tokenStart..<tokenEnd)
            }
            tokenStart = tokenEnd
        }
    }

    @inline(__always)
    static func isLeet(_ value: UInt32) -> Bool {
        switch value {
        case 0x30, 0x31, 0x33, 0x34, 0x35, 0x37, 0x40, 0x24, 0x21: return true  // 0 1 3 4 5 7 @ $ !
        default: return false
        }
    }

    private static func foldToken(_ units: UnsafeMutableBufferPointer<FoldUnit>, _ token: Range<Int>) {
        var runStart = token.lowerBound
        while runStart < token.upperBound {
            guard isLeet(units[runStart].scalar) else {
                runStart += 1
                continue
            }
            var runEnd = runStart
            while runEnd < token.upperBound, isLeet(units[runEnd].scalar) { runEnd += 1 }
            if shouldFold(units, run: runStart..<runEnd, token: token) {
                foldRun(units, runStart..<runEnd)
            }
            runStart = runEnd
        }
    }

    private static func shouldFold(_ units: UnsafeMutableBufferPointer<FoldUnit>, run: Range<Int>, token: Range<Int>) -> Bool {
        let letterBefore =
            run.lowerBound > token.lowerBound
            && ScalarClass.isLetter(units[run.lowerBound - 1].scalar)
        let letterAfter =
            run.upperBound < token.upperBound
            && ScalarClass.isLetter(units[run.upperBound].scalar)
        guard letterAfter else { return false }  // never at the end of a word
        if run.contains(where: { units[$0].scalar == 0x40 }) {
            // An @ followed somewhere by a dot is an address, not a letter.
            if units[run.upperBound..<token.upperBound].contains(where: { $0.scalar == 0x2E }) {
                return false
            }
        }
        if letterBefore {
            guard units[run].contains(where: { $0.scalar == 0x21 }) else { return true }
            // Between letters, ! is more often a sentence end with the space missing than an i.
            guard run.count == 1 else { return false }  // "you!!!!I"
            if !units[run.lowerBound - 1].wasUppercase, units[run.upperBound].wasUppercase {
                return false  // "invited!The"
            }
            return letters(units, before: run.lowerBound, in: token) <= 4  // sh!t, b!tch, d!ck
                || letters(units, from: run.upperBound, in: token) <= 2  // bullsh!t
        }
        let startsWord =
            run.lowerBound == token.lowerBound
            || !ScalarClass.isAlphanumeric(units[run.lowerBound - 1].scalar)
        guard startsWord else { return false }
        if units[run.lowerBound].scalar == 0x40 {
            // A leading @ is a mention unless an s-sound follows: @ss, @$$, @sshole.
            let next = run.lowerBound + 1
            return next + 1 < token.upperBound
                && [units[next].scalar, units[next + 1].scalar].allSatisfy { $0 == 0x73 || $0 == 0x24 }
                && units[run].allSatisfy { $0.scalar == 0x24 || $0.scalar == 0x40 }
        }
        if units[run].allSatisfy({ $0.scalar == 0x24 }) { return true }
        // Leading digits: only a lone digit run before a word of three or more letters, and never 4,
        // which reads "for" (4chan, 4ever, 4real).
        guard units[run].allSatisfy({ ScalarClass.isASCIIDigit($0.scalar) }),
            units[run.lowerBound].scalar != 0x34,
            !units[run.upperBound..<token.upperBound].contains(where: { ScalarClass.isASCIIDigit($0.scalar) }),
            !units[token.lowerBound..<run.lowerBound].contains(where: { ScalarClass.isASCIIDigit($0.scalar) })
        else { return false }
        return letters(units, from: run.upperBound, in: token) >= 3
    }

    /// The number of letters in a row starting at `start`.
    private static func letters(_ units: UnsafeMutableBufferPointer<FoldUnit>, from start: Int, in token: Range<Int>) -> Int {
        var index = start
        while index < token.upperBound, ScalarClass.isLetter(units[index].scalar) { index += 1 }
        return index - start
    }

    /// The number of letters in a row ending just before `end`.
    private static func letters(_ units: UnsafeMutableBufferPointer<FoldUnit>, before end: Int, in token: Range<Int>) -> Int {
        var index = end
        while index > token.lowerBound, ScalarClass.isLetter(units[index - 1].scalar) { index -= 1 }
        return end - index
    }

    private static func foldRun(_ units: UnsafeMutableBufferPointer<FoldUnit>, _ run: Range<Int>) {
        var previous: UInt32 = 0  // the unfolded scalar before `index` in this run
        for index in run {
            let value = units[index].scalar
            defer { previous = value }
            let folded: UInt32
            switch value {
            case 0x30: folded = 0x6F  // 0 → o
            case 0x31:  // 1 → i, but 11 → ll
                let doubled =
                    previous == 0x31
                    || (index + 1 < run.upperBound && units[index + 1].scalar == 0x31)
                folded = doubled ? 0x6C : 0x69
            case 0x33: folded = 0x65  // 3 → e
            case 0x34: folded = 0x61  // 4 → a
            case 0x35: folded = 0x73  // 5 → s
            case 0x37: folded = 0x74  // 7 → t
            case 0x40: folded = 0x61  // @ → a
            case 0x24: folded = 0x73  // $ → s
            case 0x21: folded = 0x69  // ! → i
            default: continue
            }
            units[index].scalar = folded
        }
    }
}

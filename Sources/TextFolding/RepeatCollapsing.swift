/// Collapses runs of three or more of one letter to one: fuuuuck → fuck, shiiiit → shit.
///
/// Runs of two are kept, so class, assassin, Scunthorpe, cocktail and Sussex are intact (a rule that
/// wants both spellings writes `fu+ck`). A run that is a whole word on its own is kept too: www (in
/// "www.example.com", which link rules match), xxx, zzz. Digits and punctuation are never collapsed
/// ("1000", "!!!"). The collapsed letter maps back to the whole raw run.
///
/// One exception: a long run of f, l, s or z collapses to two unless it starts the word, because
/// English doubles exactly these letters (the "floss" rule: off, kill, ass, jizz) and stretches them:
/// "kick your asss" → ass (not "as"), balllls → balls, killll → kill, but sssstupid → stupid and
/// fffuuuck → fuck. The price: a stretched plural or a stretched single f/l/s/z keeps two
/// (bitchesss → bitchess, yesss → yess, shifffft → shifft).
enum RepeatCollapsing {
    /// The shortest run of one letter that is collapsed.
    static let minimumRun = 3

    /// Collapses long runs in place; returns the new count.
    static func apply(_ units: UnsafeMutableBufferPointer<FoldUnit>) -> Int {
        let count = units.count
        guard count >= minimumRun else { return count }
        var write = 0
        var read = 0
        var previous: UInt32? = nil  // the unit before `read`, as it was before compaction
        while read < count {
            let value = units[read].scalar
            var runEnd = read + 1
            while runEnd < count, units[runEnd].scalar == value { runEnd += 1 }
            let length = runEnd - read
            if length >= minimumRun, ScalarClass.isLetter(value),
                !isWholeWord(units, read..<runEnd, previous: previous)
            {
                let startsWord = previous.map { !ScalarClass.isAlphanumeric($0) } ?? true
                if !startsWord, isDoubledInEnglish(value) {
                    // Two letters: the last raw letter, and all the ones before it.
                    let first = FoldUnit(
                        scalar: value, rawStart: units[read].rawStart,
                        rawEnd: units[runEnd - 2].rawEnd,
                        wasUppercase: units[read].wasUppercase)
                    let last = units[runEnd - 1]
                    units[write] = first
                    units[write + 1] = last
                    write += 2
                } else {
                    units[write] = FoldUnit(
                        scalar: value, rawStart: units[read].rawStart,
                        rawEnd: units[runEnd - 1].rawEnd,
                        wasUppercase: units[read].wasUppercase)
                    write += 1
                }
            } else {
                if write == read {
                    write = runEnd
                } else {
                    for index in read..<runEnd {
                        units[write] = units[index]
                        write += 1
                    }
                }
            }
            previous = value
            read = runEnd
        }
        return write
    }

    /// Whether English doubles the letter after a short vowel (f, l, s, z).
    @inline(__always)
    private static func isDoubledInEnglish(_ value: UInt32) -> Bool {
        value == 0x66 || value == 0x6C || value == 0x73 || value == 0x7A
    }

    @inline(__always)
    private static func isWholeWord(_ units: UnsafeMutableBufferPointer<FoldUnit>, _ run: Range<Int>, previous: UInt32?) -> Bool {
        if let previous, ScalarClass.isAlphanumeric(previous) { return false }
        return run.upperBound >= units.count || !ScalarClass.isAlphanumeric(units[run.upperBound].scalar)
    }
}

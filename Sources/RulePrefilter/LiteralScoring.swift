import Foundation

/// How selective a set of required literals is likely to be, in bits: minus the base-2 logarithm of
/// the chance that some member occurs at a given place of a comment, each character taken as
/// independent with a rough frequency (English letters by their frequency, symbols as measured, digits rare,
/// Arabic-script letters moderately common, emoji and other scripts rare), except that a literal
/// which is one of the commonest words of comments (``CommonWords``, measured) gets that word's
/// measured rate when it is lower: the letter model takes `my` or `going` for rare. Higher is more
/// selective.
enum LiteralScoring {
    /// The score of a required set in `view`.
    static func score(_ set: Set<ViewString>, view: PrefilterView) -> Double {
        guard !set.isEmpty else { return -.infinity }
        var chance = 0.0
        for string in set { chance += exp2(-bits(string, view: view)) }
        // Rounded to a millionth of a bit: a set's sum depends on its iteration order, which
        // changes with every process's hash seed, and equal sets must compare equal (a tie keeps
        // the first candidate) or the choice between them changes from one run to the next.
        return (-log2(chance) * 1e6).rounded() / 1e6
    }

    /// The bits of one literal: the sum of its characters' bits, or a common word's measured bits
    /// when lower.
    ///
    /// A plain-view word boundary marker inside a literal is implied by its neighbours and adds
    /// nothing; at either end it says the word starts or ends there (``boundaryBits``); beside a
    /// single character it takes that much off instead: `⟨b⟩y` or `a⟨b⟩` would be reported at most
    /// words of a scan, where `y` alone is a byte noted in passing. A common word is looked up without its markers.
    static func bits(_ string: ViewString, view: PrefilterView) -> Double {
        if view == .plain, string.contains(PrefilterView.boundaryCode) { return markedBits(string) }
        var total = 0.0
        for index in 0..<string.count { total += characterBits(string[index], view: view) }
        if string.count >= 2, string.count <= longestCommonWord, let measured = commonWords[view.rawValue][string] {
            return Swift.min(total, measured)
        }
        return total
    }

    /// ``bits(_:view:)`` of a plain-view literal with word boundary markers.
    private static func markedBits(_ string: ViewString) -> Double {
        let view = PrefilterView.plain
        let count = string.count
        // The characters between the edge markers (plain view).
        var start = 0
        var end = count
        let marker = PrefilterView.boundaryCode
        if count > 0, string[0] == marker { start = 1 }
        if end > start, string[end - 1] == marker { end -= 1 }
        var total = 0.0
        var characters = 0
        var spansWords = false
        for index in start..<end {
            let scalar = string[index]
            if scalar == marker {
                spansWords = true
                continue
            }
            total += characterBits(scalar, view: view)
            characters += 1
        }
        // Beside a single character a boundary counts against the literal: `⟨b⟩a` would be reported
        // at nearly every word (`a` alone is a byte noted in passing), so it must never win a tie.
        total += Double(start + count - end) * (characters >= 2 ? boundaryBits : -boundaryBits)
        // A common word is one word: looked up without its edge markers.
        if !spansWords, end - start >= 2, end - start <= longestCommonWord {
            let key = start == 0 && end == count ? string : string.prefix(end).suffix(end - start)
            if let measured = commonWords[view.rawValue][key] { return Swift.min(total, measured) }
        }
        return total
    }

    /// What a word boundary at a literal's start or end adds. Their frequency alone says two bits
    /// (about one place in four starts or ends a word), but a boundary is not independent of the
    /// characters beside it; at two bits weak plain sets (`⟨b⟩t`, `⟨b⟩y`) won over better
    /// requirements on the 2,000-rule workload, and their reports cost the scan more than it saved.
    static let boundaryBits = 1.0

    /// ``CommonWords`` seen through each view (folded, leet-mapped, skeleton), with every substring of
    /// two or more characters: a substring occurs at least as often as a word that holds it (else
    /// the algebra would pick `fro` out of `from`).
    private static let commonWords: [[ViewString: Double]] = PrefilterView.allCases.map { view in
        var table: [ViewString: Double] = [:]
        for (word, bits) in CommonWords.bits {
            let seen = ViewString(PrefilterFolding.literalText(word, view: view).unicodeScalars.map(\.value))
            guard seen.count >= 2 else { continue }
            for start in 0..<(seen.count - 1) {
                let tail = seen.suffix(seen.count - start)
                for length in 2...tail.count {
                    let key = tail.prefix(length)
                    table[key] = Swift.min(table[key] ?? .infinity, bits)
                }
            }
        }
        return table
    }

    private static let longestCommonWord = CommonWords.bits.keys.map(\.count).max() ?? 0

    /// Minus the base-2 logarithm of a character's rough frequency in comments.
    static func characterBits(_ scalar: UInt32, view: PrefilterView) -> Double {
        if scalar < 0x80 { return (view == .plain ? plainBits : mappedBits)[Int(scalar)] }
        switch scalar {
        case 0x660...0x669, 0x6F0...0x6F9: return 8
        case 0x600...0x6FF, 0x750...0x77F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return 5
        case 0x1F000...0x1FAFF: return 8
        default: return 14
        }
    }

    /// English letter frequencies, in percent of letters.
    private static let letterFrequency: [Character: Double] = [
        "a": 8.2, "b": 1.5, "c": 2.8, "d": 4.3, "e": 12.7, "f": 2.2, "g": 2.0, "h": 6.1, "i": 7.0, "j": 0.15,
        "k": 0.77, "l": 4.0, "m": 2.4, "n": 6.7, "o": 7.5, "p": 1.9, "q": 0.1, "r": 6.0, "s": 6.3, "t": 9.1,
        "u": 2.8, "v": 0.98, "w": 2.4, "x": 0.15, "y": 2.0, "z": 0.07,
    ]

    private static func table(mapped: Bool) -> [Double] {
        var table = [Double](repeating: 9, count: 128)
        for byte in 0x30...0x39 { table[byte] = 8 }
        // Symbols and white space as measured in real comments (``CommonWords/symbolBits``).
        for (byte, bits) in CommonWords.symbolBits { table[Int(byte)] = bits }
        var frequency = letterFrequency
        if mapped {
            // The leet map merges letters: the view's letter is as common as all of them.
            for (source, target) in [("l", "i"), ("v", "u")] {
                frequency[Character(target)]! += frequency[Character(source)]!
            }
        }
        for (letter, percent) in frequency {
            // Letters are about four fifths of a comment's characters.
            table[Int(letter.asciiValue!)] = -log2(percent / 100 * 0.8)
        }
        return table
    }

    private static let plainBits = table(mapped: false)
    private static let mappedBits = table(mapped: true)
}

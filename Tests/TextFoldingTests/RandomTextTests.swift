import TestSupport
import Testing

@testable import TextFolding

@Suite("Random text keeps the map's invariants")
struct RandomTextTests {
    /// Scalars chosen to hit every fold: separators, leet, marks, invisibles, Arabic, look-alikes.
    static let pool: [Unicode.Scalar] = {
        let parts: [String] = [
            "aAsSfuckil1!0$@3457. -_*\n\t x#",
            "ｆ𝐟ⓕ⒡🅵ﬁ",
            "\u{0430}\u{0441}\u{057D}\u{0399}\u{13DA}",
            "\u{200B}\u{200D}\u{202E}\u{00AD}\u{FE0F}\u{0301}\u{0336}\u{0327}\u{00B4}\u{00A8}",
            "\u{0627}\u{0653}\u{0654}\u{064E}\u{0640}\u{0643}\u{064A}\u{0647}\u{06BE}\u{06F2}",
            "\u{FEEB}\u{FDF2}\u{1100}\u{1161}\u{11A8}😀🏽\u{1F1F5}\u{1F1F0}İß",
        ]
        return parts.flatMap { Array($0.unicodeScalars) }
    }()

    @Test("folding random text never breaks the map", arguments: 0..<8)
    func randomTexts(_ seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 1)
        for _ in 0..<150 {
            let length = Int(generator.next() % 40)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length {
                scalars.append(Self.pool[Int(generator.next() % UInt64(Self.pool.count))])
            }
            let raw = String(scalars)
            let folded = FoldTesting.normalizer.fold(raw)
            let rawCount = raw.utf8.count
            #expect(folded.rawUTF8Count == rawCount)
            #expect(folded.foldedUTF8Count == folded.text.utf8.count)
            var previous = 0..<0
            for offset in 0..<folded.foldedUTF8Count {
                let range = folded.rawUTF8Range(forFolded: offset..<(offset + 1))
                #expect(
                    range.lowerBound >= previous.lowerBound && range.upperBound >= previous.upperBound,
                    "\(raw.debugDescription)")
                #expect(!range.isEmpty && range.upperBound <= rawCount, "\(raw.debugDescription)")
                previous = range
            }
            let whole = folded.rawUTF8Range(forFolded: 0..<folded.foldedUTF8Count)
            #expect(whole.upperBound <= rawCount)
        }
    }

    /// The seeded generator, so a failure can be replayed.
    typealias SplitMix64 = SeededRandom
}

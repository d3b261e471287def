import Testing

@testable import TextFolding

@Suite("Folded ranges map back to the exact raw range")
struct SpanMappingTests {
    @Test("a ligature that NFKC splits maps both letters to its three bytes")
    func ligature() {
        let raw = "\u{FB01}ne"  // ﬁne
        let folded = FoldTesting.normalizer.fold(raw)
        #expect(folded.text == "fine")
        #expect(folded.rawUTF8Range(forFolded: 0..<2) == 0..<3)  // "fi" → ﬁ
        #expect(folded.rawUTF8Range(forFolded: 0..<1) == 0..<3)  // "f" alone still needs all of ﬁ
        #expect(folded.rawUTF8Range(forFolded: 2..<4) == 3..<5)  // "ne"
    }

    @Test("fullwidth letters map to all twelve bytes")
    func fullwidth() {
        let raw = "ｆｕｃｋ"
        let folded = FoldTesting.normalizer.fold(raw)
        #expect(folded.text == "fuck")
        #expect(folded.rawUTF8Range(forFolded: 0..<4) == 0..<12)
        #expect(folded.rawUTF8Range(forFolded: 1..<2) == 3..<6)
    }

    @Test("a removed zero-width space is inside the span, not at its edges")
    func zeroWidthSpace() {
        let raw = "\u{200B}f\u{200B}uck\u{200B}"
        let folded = FoldTesting.normalizer.fold(raw)
        #expect(folded.text == "fuck")
        #expect(folded.rawUTF8Range(forFolded: 0..<4) == 3..<10)
        #expect(FoldTesting.rawText(raw, folded.rawUTF8Range(forFolded: 0..<4)) == "f\u{200B}uck")
    }

    @Test("a collapsed run maps to the whole run")
    func collapsedRun() {
        let raw = "fuuuuck"
        let folded = FoldTesting.normalizer.fold(raw)
        #expect(folded.text == "fuck")
        #expect(folded.rawUTF8Range(forFolded: 1..<2) == 1..<5)  // "u" → "uuuu"
        #expect(folded.rawUTF8Range(forFolded: 0..<4) == 0..<7)
    }

    @Test("joined letters map to the spelled-out run with its separators")
    func joinedLetters() {
        let raw = "you are a f.u.c.k ing"
        let folded = FoldTesting.normalizer.fold(raw)
        #expect(folded.text == "you are a fuck ing")
        let word = try! #require(FoldTesting.utf8Range(of: "fuck", in: folded.text))
        #expect(folded.rawUTF8Range(forFolded: word) == 10..<17)
        #expect(FoldTesting.rawText(raw, folded.rawUTF8Range(forFolded: word)) == "f.u.c.k")
        // The word after the run keeps its own position.
        let ing = try! #require(FoldTesting.utf8Range(of: "ing", in: folded.text))
        #expect(FoldTesting.rawText(raw, folded.rawUTF8Range(forFolded: ing)) == "ing")
    }

    @Test("look-alikes of other widths map to their own bytes")
    func lookAlikes() {
        let raw = "x \u{0430}ss \u{0570}i"  // Cyrillic а (2 bytes), Armenian հ (2 bytes)
        let folded = FoldTesting.normalizer.fold(raw)
        #expect(folded.text == "x ass hi")
        #expect(folded.rawUTF8Range(forFolded: 2..<5) == 2..<6)
        #expect(folded.rawUTF8Range(forFolded: 6..<7) == 7..<9)
    }

    @Test("composition maps the composed letter to the base and its mark")
    func composition() {
        let raw = "cafe\u{0301}!"
        let folded = FoldTesting.normalizer.fold(raw)
        #expect(folded.text == "caf\u{00E9}!")
        #expect(folded.rawUTF8Range(forFolded: 3..<5) == 3..<6)  // é (2 bytes) → e + U+0301
        #expect(folded.rawUTF8Range(forFolded: 5..<6) == 6..<7)  // "!"
    }

    @Test("removed harakat and tatweel are covered by the span around them")
    func arabicMarks() {
        let raw = "\u{0628}\u{064E}\u{062F}\u{0640}\u{0631}"  // بَدـر
        let folded = FoldTesting.normalizer.fold(raw)
        #expect(folded.text == "\u{0628}\u{062F}\u{0631}")
        #expect(folded.rawUTF8Range(forFolded: 0..<6) == 0..<10)
        #expect(folded.rawUTF8Range(forFolded: 2..<4) == 4..<6)  // د alone
    }

    @Test("leetspeak maps one to one")
    func leet() {
        let raw = "oh $h!t"
        let folded = FoldTesting.normalizer.fold(raw)
        #expect(folded.text == "oh shit")
        #expect(folded.rawUTF8Range(forFolded: 3..<7) == 3..<7)
    }

    @Test("empty ranges map to an empty raw range at the right place")
    func emptyRanges() {
        let raw = "\u{200B}ab\u{200B}"
        let folded = FoldTesting.normalizer.fold(raw)
        #expect(folded.text == "ab")
        #expect(folded.rawUTF8Range(forFolded: 0..<0) == 3..<3)
        #expect(folded.rawUTF8Range(forFolded: 1..<1) == 4..<4)
        #expect(folded.rawUTF8Range(forFolded: 2..<2) == 8..<8)
    }

    @Test("out-of-range bounds are clamped")
    func clamping() {
        let folded = FoldTesting.normalizer.fold("abc")
        #expect(folded.rawUTF8Range(forFolded: 0..<99) == 0..<3)
        #expect(folded.rawUTF8Range(forFolded: 7..<9) == 3..<3)
    }

    @Test(
        "every folded byte maps inside the raw text, in order",
        arguments: [
            "ｆｕｃｋ \u{FB01}ne f.u.c.k fuuuuck sh1t $h!t 𝐟𝐮𝐜𝐤 ⓕⓤⓒⓚ ⒡⒰⒞⒦",
            "\u{0628}\u{064E}\u{062F}\u{0640}\u{0631} ك ي ۲۰۲۴ \u{FDF2} ﻙ \u{0627}\u{0653}",
            "e\u{0301}\u{0327} İstanbul ß Ꮪ \u{1100}\u{1161}\u{11A8} 🇵🇰 👍🏽 \u{200D}",
        ])
    func monotonicMap(_ raw: String) {
        let folded = FoldTesting.normalizer.fold(raw)
        let rawCount = raw.utf8.count
        var previous = 0..<0
        for offset in 0..<folded.foldedUTF8Count {
            let range = folded.rawUTF8Range(forFolded: offset..<(offset + 1))
            #expect(range.lowerBound >= previous.lowerBound && range.upperBound >= previous.upperBound)
            #expect(range.upperBound <= rawCount && !range.isEmpty)
            previous = range
        }
        #expect(folded.rawUTF8Count == rawCount)
    }
}

import Testing

@testable import TextFolding

@Suite("Ordinary text is not damaged")
struct OrdinaryTextTests {
    /// Words that contain a profanity or a doubled letter: their fold is just the lowercase word.
    @Test(
        "Scunthorpe words fold to their lowercase form",
        arguments: [
            "assassin", "Scunthorpe", "class", "Dickens", "cocktail", "therapist", "Sussex",
            "grass", "Essex", "bassoon", "shiitake", "Matthew", "Mississippi", "bookkeeper",
        ])
    func scunthorpeWords(_ word: String) {
        #expect(FoldTesting.normalizer.fold(word).text == word.lowercased())
    }

    /// Text with digits, symbols and short words that must come out as typed (lowercased).
    @Test(
        "digits, symbols and short words keep their form",
        arguments: [
            ("B2B", "b2b"),
            ("4x4", "4x4"),
            ("COVID-19", "covid-19"),
            ("call 0300-1234567", "call 0300-1234567"),
            ("2024", "2024"),
            ("at 10:30 today", "at 10:30 today"),
            ("only $100!", "only $100!"),
            ("hello!", "hello!"),
            ("wow!!!", "wow!!!"),
            ("I am a man", "i am a man"),
            ("a b and e.g. i.e.", "a b and e.g. i.e."),
            ("the 1st, 3rd, 4th and 10th", "the 1st, 3rd, 4th and 10th"),
            ("mp3 win7 windows10 iphone15", "mp3 win7 windows10 iphone15"),
            ("5pm or 7am", "5pm or 7am"),
            ("mail name@example.com", "mail name@example.com"),
            ("@john thanks", "@john thanks"),
            ("you are invited!The first", "you are invited!the first"),
            ("idiot!but", "idiot!but"),
            ("4chan and 4ever", "4chan and 4ever"),
            ("r'n'b", "r'n'b"),
            ("don\u{00B4}t", "don\u{00B4}t"),
            ("passed, kissed, Mississauga", "passed, kissed, mississauga"),
            ("see www.c.test and http://a.test", "see www.c.test and http://a.test"),
            ("xxx zzz", "xxx zzz"),
            ("1000 !!! ...", "1000 !!! ..."),
            ("pakistan zindabad", "pakistan zindabad"),
            ("Pakistan Zindabad, yaar", "pakistan zindabad, yaar"),
            ("café naïve", "café naïve"),
        ])
    func keepsForm(_ raw: String, _ expected: String) {
        #expect(FoldTesting.normalizer.fold(raw).text == expected)
    }

    /// Urdu sentences keep their letters: they are already in canonical Urdu form.
    @Test(
        "Urdu sentences are unchanged",
        arguments: [
            "\u{067E}\u{0627}\u{06A9}\u{0633}\u{062A}\u{0627}\u{0646} \u{0632}\u{0646}\u{062F}\u{06C1} \u{0628}\u{0627}\u{062F}",
            "فوج نے دہشت گردوں کے خلاف کارروائی کی",
            "آپ کیسے ہیں؟",
            "یہ خبر 2024 کی ہے۔",
        ])
    func urduSentencesUnchanged(_ sentence: String) {
        #expect(FoldTesting.normalizer.fold(sentence).text == sentence)
    }

    @Test("Urdu letters are never folded to Latin look-alikes")
    func urduLettersStayArabicScript() {
        // UTS #39 lists ا as a look-alike of l and ہ/ھ/ه as look-alikes of o.
        let folded = FoldTesting.normalizer.fold("\u{0627} \u{06C1} \u{06BE} \u{0647} \u{0661}")
        #expect(folded.text == "\u{0627} \u{06C1} \u{06C1} \u{06C1} 1")
        #expect(!folded.text.unicodeScalars.contains { $0.properties.isAlphabetic && $0.isASCII })
    }

    @Test("line breaks and spacing are kept")
    func whitespaceIsKept() {
        #expect(FoldTesting.normalizer.fold("one\ntwo\tthree  four").text == "one\ntwo\tthree  four")
        #expect(FoldTesting.normalizer.fold("no\u{00A0}break").text == "no break")  // NFKC: NBSP → space
    }

    @Test("empty text folds to empty text")
    func emptyText() {
        let folded = FoldTesting.normalizer.fold("")
        #expect(folded.text.isEmpty)
        #expect(folded.rawUTF8Range(forFolded: 0..<0) == 0..<0)
    }
}

import Testing

@testable import TextFolding

@Suite("Urdu and Arabic script folding")
struct UrduFoldingTests {
    @Test("Arabic kaf and Urdu keheh fold the same")
    func kaf() {
        #expect(FoldTesting.normalizer.fold("\u{0643}").text == FoldTesting.normalizer.fold("\u{06A9}").text)
        #expect(FoldTesting.normalizer.fold("\u{0643}\u{062A}\u{0627}\u{0628}").text == "\u{06A9}\u{062A}\u{0627}\u{0628}")  // كتاب
    }

    @Test("Arabic yeh and alef maksura fold to Farsi yeh; yeh barree stays", arguments: ["\u{064A}", "\u{0649}"])
    func yeh(_ variant: String) {
        #expect(FoldTesting.normalizer.fold(variant).text == "\u{06CC}")
        #expect(FoldTesting.normalizer.fold("\u{06D2}").text == "\u{06D2}")
    }

    @Test("heh variants fold to heh goal", arguments: ["\u{0647}", "\u{06BE}", "\u{06C1}", "\u{06C2}", "\u{0629}", "\u{06C3}"])
    func heh(_ variant: String) {
        #expect(FoldTesting.normalizer.fold(variant).text == "\u{06C1}")
    }

    @Test("hamza forms of alef fold to alef; alef madda stays")
    func alef() {
        #expect(FoldTesting.normalizer.fold("\u{0623}\u{0625}\u{0671}").text == "\u{0627}\u{0627}\u{0627}")
        #expect(FoldTesting.normalizer.fold("\u{0622}\u{067E}").text == "\u{0622}\u{067E}")  // آپ
        #expect(FoldTesting.normalizer.fold("\u{0627}\u{0653}\u{067E}").text == "\u{0622}\u{067E}")  // decomposed آ
    }

    @Test("harakat are removed")
    func harakat() {
        // مُحَمَّد → محمد
        #expect(
            FoldTesting.normalizer.fold("\u{0645}\u{064F}\u{062D}\u{064E}\u{0645}\u{0651}\u{064E}\u{062F}").text
                == "\u{0645}\u{062D}\u{0645}\u{062F}")
        // superscript alef and Quranic marks: زکوٰۃ → زکوہ
        #expect(
            FoldTesting.normalizer.fold("\u{0632}\u{06A9}\u{0648}\u{0670}\u{06C3}").text == "\u{0632}\u{06A9}\u{0648}\u{06C1}")
    }

    @Test("tatweel is removed")
    func tatweel() {
        // پاکـــستان → پاکستان
        #expect(
            FoldTesting.normalizer.fold("\u{067E}\u{0627}\u{06A9}\u{0640}\u{0640}\u{0640}\u{0633}\u{062A}\u{0627}\u{0646}").text
                == "\u{067E}\u{0627}\u{06A9}\u{0633}\u{062A}\u{0627}\u{0646}")
    }

    @Test("Arabic-Indic and Extended Arabic-Indic digits become ASCII digits")
    func digits() {
        #expect(FoldTesting.normalizer.fold("\u{0662}\u{0660}\u{0662}\u{0664}").text == "2024")
        #expect(FoldTesting.normalizer.fold("\u{06F0}\u{06F3}\u{06F0}\u{06F0}-\u{06F1}\u{06F2}\u{06F3}").text == "0300-123")
    }

    @Test("presentation forms fold through NFKC to canonical Urdu letters")
    func presentationForms() {
        #expect(FoldTesting.normalizer.fold("\u{FED9}").text == "\u{06A9}")  // ﻙ → ك → ک
        #expect(FoldTesting.normalizer.fold("\u{FEEB}").text == "\u{06C1}")  // ﻫ → ه → ہ
        #expect(FoldTesting.normalizer.fold("\u{FEFB}").text == "\u{0644}\u{0627}")  // ﻻ → لا
    }

    @Test("an Arabic-keyboard spelling and the Urdu spelling fold the same")
    func keyboardVariants() {
        let arabicKeyboard = "\u{064A}\u{0647} \u{0643}\u{062A}\u{0627}\u{0628} \u{0647}\u{0648}"  // يه كتاب هو
        let urdu = "\u{06CC}\u{06C1} \u{06A9}\u{062A}\u{0627}\u{0628} \u{06C1}\u{0648}"  // یہ کتاب ہو
        #expect(FoldTesting.normalizer.fold(arabicKeyboard).text == FoldTesting.normalizer.fold(urdu).text)
    }
}

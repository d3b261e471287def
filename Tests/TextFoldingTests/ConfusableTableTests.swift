import Testing

@testable import TextFolding

@Suite("Confusables table from UTS #39")
struct ConfusableTableTests {
    let table = ConfusableTable.shared

    @Test("the bundled file loads with its Latin look-alikes")
    func loads() {
        #expect(table.count > 1_000)
        #expect(table.target(for: "\u{0430}") == "a")  // Cyrillic а
        #expect(table.target(for: "\u{0441}") == "c")  // Cyrillic с
        #expect(table.target(for: "\u{057D}") == "u")  // Armenian ս
        #expect(table.target(for: "\u{03BF}") == "o")  // Greek ο
        #expect(table.target(for: "\u{0412}") == "b")  // Cyrillic В (capital; prototype B, lowercased)
        #expect(table.target(for: "\u{13DA}") == "s")  // Cherokee Ꮪ
        #expect(table.target(for: "\u{0131}") == "i")  // dotless ı
    }

    @Test("ASCII and Arabic script are never sources")
    func excludedSources() {
        for ascii in ["m", "l", "I", "0", "1", "|"] {
            #expect(table.target(for: Unicode.Scalar(ascii)!) == nil)
        }
        for arabic: Unicode.Scalar in ["\u{0627}", "\u{0647}", "\u{06C1}", "\u{06BE}", "\u{0661}", "\u{06F5}", "\u{FEEB}"] {
            #expect(table.target(for: arabic) == nil)
        }
    }

    @Test("a prototype that stands for an ASCII letter folds to that letter")
    func prototypeOfASCIILetter() {
        let text = """
            \u{FEFF}# a tiny confusables.txt
            006D ;\t0072 006E ;\tMA\t# ( m → rn ) LATIN SMALL LETTER M → LATIN SMALL LETTER R, LATIN SMALL LETTER N
            11700 ;\t0072 006E ;\tMA\t# ( 𑜀 → rn ) AHOM LETTER KA → LATIN SMALL LETTER R, LATIN SMALL LETTER N
            0430 ;\t0061 ;\tMA\t# ( а → a ) CYRILLIC SMALL LETTER A → LATIN SMALL LETTER A
            0627 ;\t006C ;\tMA\t# ( ا → l ) ARABIC LETTER ALEF → LATIN SMALL LETTER L
            00C6 ;\t0041 0045 ;\tMA\t# ( Æ → AE ) LATIN CAPITAL LETTER AE → LATIN CAPITAL LETTER A, E
            2CA6 ;\t0442 ;\tMA\t# ( ⲧ → т ) not a Latin prototype
            """
        let small = ConfusableTable(parsing: text)
        #expect(small.count == 3)
        #expect(small.target(for: "\u{11700}") == "m")
        #expect(small.target(for: "\u{0430}") == "a")
        #expect(small.target(for: "\u{00C6}") == "ae")
        #expect(small.target(for: "\u{0627}") == nil)
        #expect(small.target(for: "m") == nil)
    }

    @Test("a normalizer can run with an explicit table")
    func explicitTable() {
        let empty = TextNormalizer(confusables: ConfusableTable(parsing: ""))
        #expect(empty.fold("fu\u{0441}k").text == "fu\u{0441}k")
        #expect(empty.fold("ｆｕｃｋ").text == "fuck")  // NFKC does not need the table
    }
}

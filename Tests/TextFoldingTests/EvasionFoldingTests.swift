import Testing

@testable import TextFolding

@Suite("Evasions fold to the plain word and map back to the evasive spelling")
struct EvasionFoldingTests {
    /// An evasive spelling, the plain word it must fold to, and the raw text the word maps back to.
    struct Evasion: Sendable, CustomTestStringConvertible {
        let raw: String
        let word: String
        let span: String
        let kind: String

        var testDescription: String { "\(kind): \(raw.debugDescription)" }
    }

    static let evasions: [Evasion] = [
        Evasion(raw: "ｆｕｃｋ you", word: "fuck", span: "ｆｕｃｋ", kind: "fullwidth"),
        Evasion(raw: "what the fսck", word: "fuck", span: "fսck", kind: "Armenian seh"),
        Evasion(raw: "f\u{200B}uck", word: "fuck", span: "f\u{200B}uck", kind: "zero-width space"),
        Evasion(raw: "f\u{200D}u\u{2060}ck", word: "fuck", span: "f\u{200D}u\u{2060}ck", kind: "joiners"),
        Evasion(raw: "you are a f.u.c.k ing", word: "fuck", span: "f.u.c.k", kind: "dots"),
        Evasion(raw: "f-u-c-k off", word: "fuck", span: "f-u-c-k", kind: "hyphens"),
        Evasion(raw: "f_u_c_k", word: "fuck", span: "f_u_c_k", kind: "underscores"),
        Evasion(raw: "f*u*c*k this", word: "fuck", span: "f*u*c*k", kind: "stars between letters"),
        Evasion(raw: "f u c k you", word: "fuck", span: "f u c k", kind: "spaces"),
        Evasion(raw: "what a f u c k", word: "a fuck", span: "a f u c k", kind: "spaces after 'a'"),
        Evasion(raw: "f . u . c . k", word: "fuck", span: "f . u . c . k", kind: "spaced dots"),
        Evasion(raw: "fuuuuck", word: "fuck", span: "fuuuuck", kind: "repeated letter"),
        Evasion(raw: "shiiiiit man", word: "shit", span: "shiiiiit", kind: "repeated letter"),
        Evasion(raw: "kick your asss", word: "ass", span: "asss", kind: "stretched double letter"),
        Evasion(raw: "my balllllls", word: "balls", span: "balllllls", kind: "stretched double letters"),
        Evasion(raw: "fffuuuuccckkk", word: "fuck", span: "fffuuuuccckkk", kind: "every letter stretched"),
        Evasion(raw: "this is sh1t", word: "shit", span: "sh1t", kind: "leet 1"),
        Evasion(raw: "bullsh!t", word: "bullshit", span: "bullsh!t", kind: "leet !"),
        Evasion(raw: "what a d!ck", word: "dick", span: "d!ck", kind: "leet !"),
        Evasion(raw: "$h!t happens", word: "shit", span: "$h!t", kind: "leet $ !"),
        Evasion(raw: "you b1tch", word: "bitch", span: "b1tch", kind: "leet 1"),
        Evasion(raw: "a$$hole", word: "asshole", span: "a$$hole", kind: "leet $$"),
        Evasion(raw: "@ss", word: "ass", span: "@ss", kind: "leet @"),
        Evasion(raw: "p0rn site", word: "porn", span: "p0rn", kind: "leet 0"),
        Evasion(raw: "ki11er", word: "killer", span: "ki11er", kind: "leet 11"),
        Evasion(raw: "b@stard", word: "bastard", span: "b@stard", kind: "leet @ inside"),
        Evasion(raw: "you 1diot", word: "idiot", span: "1diot", kind: "leading leet digit"),
        Evasion(raw: "ｓｈ１ｔ", word: "shit", span: "ｓｈ１ｔ", kind: "fullwidth leet"),
        Evasion(raw: "𝐟𝐮𝐜𝐤", word: "fuck", span: "𝐟𝐮𝐜𝐤", kind: "mathematical bold"),
        Evasion(raw: "𝓯𝓾𝓬𝓴", word: "fuck", span: "𝓯𝓾𝓬𝓴", kind: "mathematical script"),
        Evasion(raw: "ⓕⓤⓒⓚ", word: "fuck", span: "ⓕⓤⓒⓚ", kind: "circled"),
        Evasion(raw: "⒡⒰⒞⒦", word: "fuck", span: "⒡⒰⒞⒦", kind: "parenthesized"),
        Evasion(raw: "🅵🆄🅲🅺", word: "fuck", span: "🅵🆄🅲🅺", kind: "negative squared"),
        Evasion(raw: "kiss my \u{0430}ss", word: "ass", span: "\u{0430}ss", kind: "Cyrillic a"),
        Evasion(raw: "fu\u{0441}k", word: "fuck", span: "fu\u{0441}k", kind: "Cyrillic es"),
        Evasion(
            raw: "\u{0405}\u{0397}\u{0399}\u{03A4}", word: "shit", span: "\u{0405}\u{0397}\u{0399}\u{03A4}",
            kind: "Cyrillic and Greek capitals"),
        Evasion(
            raw: "\u{13DA}\u{13BB}\u{13A5}\u{13A2}", word: "shit", span: "\u{13DA}\u{13BB}\u{13A5}\u{13A2}",
            kind: "Cherokee"),
        Evasion(raw: "fu\u{00AD}ck", word: "fuck", span: "fu\u{00AD}ck", kind: "soft hyphen"),
        Evasion(raw: "f\u{202E}uck\u{202C}", word: "fuck", span: "f\u{202E}uck", kind: "RTL override"),
        Evasion(raw: "fu\u{FE0F}ck", word: "fuck", span: "fu\u{FE0F}ck", kind: "variation selector"),
        Evasion(
            raw: "f\u{0336}u\u{0336}c\u{0336}k\u{0336}", word: "fuck", span: "f\u{0336}u\u{0336}c\u{0336}k\u{0336}",
            kind: "combining overlay"),
        Evasion(raw: "FUCK", word: "fuck", span: "FUCK", kind: "capitals"),
    ]

    @Test("folds to contain the plain word", arguments: evasions)
    func foldsToPlainWord(_ evasion: Evasion) {
        let folded = FoldTesting.normalizer.fold(evasion.raw)
        #expect(folded.text.contains(evasion.word), "folded: \(folded.text.debugDescription)")
    }

    @Test("the plain word maps back to exactly the evasive spelling", arguments: evasions)
    func mapsBackToEvasiveSpelling(_ evasion: Evasion) {
        #expect(FoldTesting.rawSpan(of: evasion.word, in: evasion.raw) == evasion.span)
    }

    @Test("masking stars stay in the word")
    func maskingStarsAreKept() {
        #expect(FoldTesting.normalizer.fold("f*ck you").text == "f*ck you")
        #expect(FoldTesting.normalizer.fold("SH*T").text == "sh*t")
        #expect(FoldTesting.normalizer.fold("f**k").text == "f**k")
    }
}

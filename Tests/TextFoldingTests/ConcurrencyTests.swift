import Testing

@testable import TextFolding

@Suite("Folding is thread-safe")
struct ConcurrencyTests {
    static let samples = [
        "ｆｕｃｋ you", "you are a f.u.c.k ing", "sh1t and $h!t", "fuuuuck", "\u{FB01}ne",
        "kiss my \u{0430}ss", "f\u{200B}uck", "فوج نے دہشت گردوں کے خلاف کارروائی کی",
        "\u{0643}\u{062A}\u{0627}\u{0628}", "Scunthorpe assassin", "call 0300-1234567", "𝐟𝐮𝐜𝐤 ⓕⓤⓒⓚ",
    ]

    @Test("folding from many tasks at once gives the same results as folding serially")
    func concurrentFolds() async {
        let expected = Self.samples.map { FoldTesting.normalizer.fold($0) }
        let results = await withTaskGroup(of: [FoldedText].self) { group in
            for _ in 0..<32 {
                group.addTask {
                    // A fresh normalizer per task also exercises the shared table.
                    let local = TextNormalizer()
                    var folded: [FoldedText] = []
                    for _ in 0..<20 { folded = Self.samples.map { local.fold($0) } }
                    return folded
                }
            }
            var all: [[FoldedText]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 32)
        for result in results { #expect(result == expected) }
    }
}

import TestSupport
import Testing

@testable import RulePrefilter

/// The automaton scan against a naive search of every literal in every view of the text.
@Suite("Prefilter scan")
struct PrefilterScanTests {
    static func naiveCandidates(_ prefilter: LiteralPrefilter, _ text: String) -> [Int] {
        var out: [Int] = []
        let views = PrefilterView.allCases.map { PrefilterFolding.viewText(text, view: $0) }
        for (rule, requirement) in prefilter.requirements.enumerated() {
            guard let requirement else {
                out.append(rule)
                continue
            }
            let seen = views[requirement.view.rawValue]
            let literals = requirement.literals.map { PrefilterFolding.literalText($0, view: requirement.view) }
            if literals.contains(where: { seen.containsBytes($0) }) { out.append(rule) }
        }
        return out
    }

    static let patterns = [
        #"(?i)\b(?:idiot|moron|bloody\s+fool)\b"#, #"\d{3}-\d{4}"#, #"(?i)\bc[\s.*_-]?o[\s.*_-]?o[\s.*_-]?n\b"#,
        #"(?i)\b[b8]+[uv*]+[t7+]+[t7+]+\w{0,3}\b"#, #"\bم\p{Mn}*ف\p{Mn}*ل\b"#, #"(?i)\bſex\b"#, #"پاکستان"#,
        #"(?i)\br+a+n+d+a+a+p+\b"#, #"🖕"#, #"(?i)k"#, #"ab|abc|bc|c"#, #"(?i)\bstraße\b"#,
    ]

    static let texts = [
        "", "you bloody  fool", "c.o.o.n here", "B**tt!!", "8vtt", "مِفِل", "ſEX", "پاکستان زندہ باد",
        "raaandaaap", "🖕🏽", "KELVIN \u{212A}", "xabcx", "STRASSE straße", "Ⱥ ſ K ı İ", "555-1234",
    ]

    @Test("scan equals the naive search", arguments: texts)
    func scanMatchesNaive(_ text: String) {
        let prefilter = LiteralPrefilter(patterns: Self.patterns)
        #expect(prefilter.candidates(in: text) == Self.naiveCandidates(prefilter, text))
        // The folded-bytes entry point gives the same answer.
        var set = CandidateSet()
        var folded = PrefilterFolding.fold(text)
        folded.withUnsafeMutableBufferPointer { prefilter.candidates(inFolded: UnsafeBufferPointer($0), into: &set) }
        #expect(set.indices == prefilter.candidates(in: text))
    }

    @Test("random texts: scan equals the naive search")
    func randomTexts() {
        var rng = PrefilterRandom(state: 42)
        let prefilter = LiteralPrefilter(patterns: Self.patterns)
        var set = CandidateSet()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                (PrefilterRandomPatternTests.alphabet + ["c", "o", "n", "u", "v", "8", "ف", "م", "ل", "ِ"]).randomElement(
                    using: &rng)!
            }.joined()
            prefilter.candidates(in: text, into: &set)
            #expect(set.indices == Self.naiveCandidates(prefilter, text), "\(text.debugDescription)")
        }
    }

    @Test("literal sets in the plain view")
    func literalSets() {
        let prefilter = LiteralPrefilter(literalSets: [["idiot"], nil, ["Fool", "moron"], [], ["پاکستان"]])
        #expect(prefilter.alwaysRun == [1, 3])
        #expect(prefilter.candidates(in: "what an IDIOT") == [0, 1, 3])
        #expect(prefilter.candidates(in: "fool!") == [1, 2, 3])
        #expect(prefilter.candidates(in: "پاکستان") == [1, 3, 4])
        #expect(prefilter.candidates(in: "") == [1, 3])
    }

    @Test("a candidate set clears only what it used and iterates in order")
    func candidateSet() {
        var set = CandidateSet(ruleCount: 10)
        for rule in [700, 3, 64, 65, 3, 129] { set.insert(rule) }
        #expect(set.indices == [3, 64, 65, 129, 700])
        #expect(set.count == 5)
        #expect(set.contains(700) && !set.contains(701))
        set.removeAll()
        #expect(set.isEmpty && set.indices.isEmpty && !set.contains(3))
        set.insert(5)
        #expect(set.indices == [5])
    }

    @Test("a reused candidate set gives the same answers as a fresh one")
    func reuse() {
        let prefilter = LiteralPrefilter(patterns: Self.patterns)
        var reused = CandidateSet()
        for text in Self.texts + Self.texts.reversed() {
            prefilter.candidates(in: text, into: &reused)
            #expect(reused.indices == prefilter.candidates(in: text))
        }
    }
}

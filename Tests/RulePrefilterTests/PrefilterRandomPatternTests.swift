import PCRE2
import TestSupport
import Testing

@testable import RulePrefilter

/// The seeded generator, so that a failure can be replayed.
typealias PrefilterRandom = SeededRandom

/// Random patterns from the understood subset, on random texts over the same small alphabet:
/// whenever PCRE2 matches, some literal of every view must occur in that view of the text.
@Suite("Random patterns against PCRE2")
struct PrefilterRandomPatternTests {
    /// Characters that exercise folding, leetspeak, deletion and run caps.
    static let alphabet: [String] = [
        "a", "b", "s", "i", "l", "t", "o", "A", "S", "T", "1", "5", "0", "7", "$", "!", "|", "@", "+", "*", ".",
        "-", "_", " ", "é", "É", "ſ", "\u{212A}", "k", "ß", "ı", "İ", "ς", "σ", "Σ", "ب", "َ", "\u{345}", "ι",
        "👍", "\u{200B}", "٣", "۷", "Ⱥ",
    ]

    static let classItems = [
        "a", "b", "s", "t", "1", "5", "$", "!", "|", "@", "+", "*", ".", "\\-", "_", "é", "ß", "ς", "ب",
        "a-c", "0-9", "\\s", "\\W", "\\d", "\\w", "\\p{Mn}", "\\p{P}", "[:punct:]", "[:alpha:]",
    ]

    static func atom(_ rng: inout PrefilterRandom, depth: Int) -> String {
        switch Int.random(in: 0..<20, using: &rng) {
        case 0..<8:
            let character = alphabet.randomElement(using: &rng)!
            return ".$|*+?()[]{}\\^".contains(character) ? "\\" + character : character
        case 8..<11:
            let count = Int.random(in: 1...3, using: &rng)
            let items = (0..<count).map { _ in classItems.randomElement(using: &rng)! }.joined()
            return (Bool.random(using: &rng) && Int.random(in: 0..<4, using: &rng) == 0 ? "[^" : "[") + items + "]"
        case 11:
            return ["\\s", "\\W", "\\w", "\\d", ".", "\\p{Mn}", "\\R", "\\X"].randomElement(using: &rng)!
        case 12:
            return ["\\b", "\\B", "^", "$", "(?=a)", "(?!b)", "(?<=s)", "(?<!t)", "\\K", "(?=\\d)", "(?<=[ab]s)"].randomElement(
                using: &rng)!
        case 13..<17 where depth < 3:
            let branches = (0..<Int.random(in: 1...3, using: &rng)).map { _ in sequence(&rng, depth: depth + 1) }
            let open = ["(", "(?:", "(?>", "(?i:", "(?<g>"].randomElement(using: &rng)!
            return open + branches.joined(separator: "|") + ")"
        default:
            return "\\Q" + alphabet.randomElement(using: &rng)! + alphabet.randomElement(using: &rng)! + "\\E"
        }
    }

    static func quantified(_ rng: inout PrefilterRandom, depth: Int) -> String {
        let base = atom(&rng, depth: depth)
        guard Int.random(in: 0..<3, using: &rng) == 0 else { return base }
        let quantifier = ["*", "+", "?", "{2}", "{1,3}", "{2,}", "{0,2}", "{3}"].randomElement(using: &rng)!
        let suffix = ["", "", "?", "+"].randomElement(using: &rng)!
        return base + quantifier + suffix
    }

    static func sequence(_ rng: inout PrefilterRandom, depth: Int) -> String {
        (0..<Int.random(in: 1...5, using: &rng)).map { _ in quantified(&rng, depth: depth) }.joined()
    }

    static func text(_ rng: inout PrefilterRandom) -> String {
        (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    @Test("no view misses a PCRE2 match", arguments: 0..<8)
    func randomPatterns(seed: Int) throws {
        var rng = PrefilterRandom(state: UInt64(seed) &* 7919)
        let scratch = try MatchScratch()
        let texts = (0..<250).map { _ in Self.text(&rng) }
        var checked = 0
        for _ in 0..<300 {
            var source = Self.sequence(&rng, depth: 0)
            if Bool.random(using: &rng) { source = "(?i)" + source }
            if source.contains("(?<g>") && Bool.random(using: &rng) { source += "\\1" }
            for options: PatternOptions in [[], .caseless] {
                guard let pattern = try? Pattern(source, options: options) else { continue }
                for view in PrefilterView.allCases {
                    guard let literals = LiteralExtractor.literals(pattern: source, extended: false, view: view) else {
                        continue
                    }
                    for text in texts {
                        var copy = text
                        let matched = copy.withUTF8 { PrefilterReference.matches(pattern, $0, scratch) }
                        guard matched else { continue }
                        checked += 1
                        let seen = PrefilterFolding.viewText(text, view: view)
                        #expect(
                            literals.contains { seen.containsBytes(PrefilterFolding.literalText($0, view: view)) },
                            "\(source) [\(view)] literals \(literals.sorted()) miss \(text.debugDescription)")
                    }
                }
            }
        }
        #expect(checked > 100)
    }

    /// Whether a requirement lets `text` through: a literal in its view, or a plain alternative.
    static func admits(_ requirement: LiteralRequirement, _ text: String) -> Bool {
        let seen = PrefilterFolding.viewText(text, view: requirement.view)
        let plain = PrefilterFolding.viewText(text, view: .plain)
        return requirement.literals.contains { seen.containsBytes(PrefilterFolding.literalText($0, view: requirement.view)) }
            || requirement.plainAlternatives.contains { plain.containsBytes($0) }
    }

    @Test("the chosen requirement and the symbol split never miss a PCRE2 match", arguments: 0..<6)
    func randomRequirements(seed: Int) throws {
        var rng = PrefilterRandom(state: UInt64(seed) &* 104_723 &+ 5)
        let scratch = try MatchScratch()
        let texts = (0..<250).map { _ in Self.text(&rng) }
        var checked = 0
        var splits = 0
        for _ in 0..<300 {
            var source = Self.sequence(&rng, depth: 0)
            if Bool.random(using: &rng) { source = "(?i)" + source }
            guard let node = LiteralPatternParser.parse(source) else { continue }
            var requirements: [LiteralRequirement] = []
            if let chosen = LiteralExtractor.requirement(pattern: source, extended: false) { requirements.append(chosen) }
            if let split = LiteralExtractor.symbolSplit(node) {
                splits += 1
                requirements.append(
                    LiteralRequirement(
                        view: .skeleton,
                        literals: Set(
                            split.set.map { String(String.UnicodeScalarView($0.scalars.compactMap(Unicode.Scalar.init))) }),
                        plainAlternatives: Set(split.symbols.map { String(Unicode.Scalar(UInt8($0))) })))
            }
            for options: PatternOptions in [[], .caseless] {
                guard let pattern = try? Pattern(source, options: options) else { continue }
                for requirement in requirements {
                    for text in texts {
                        var copy = text
                        guard copy.withUTF8({ PrefilterReference.matches(pattern, $0, scratch) }) else { continue }
                        checked += 1
                        #expect(
                            Self.admits(requirement, text), "\(source) needs \(requirement) but matches \(text.debugDescription)")
                    }
                }
            }
        }
        #expect(checked > 100)
        #expect(splits > 20)
    }
}

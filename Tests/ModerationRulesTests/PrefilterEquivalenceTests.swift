import Foundation
import PCRE2
import TestSupport
import Testing

@testable import ModerationRules

@Suite("Prefiltered evaluation equals running every rule")
struct PrefilterEquivalenceTests {
    /// Generated comments in English, Urdu and Roman Urdu, half of them carrying a word of the shipped
    /// lists or a spam, link or threat snippet, often disguised (see ``WorkloadGenerator``).
    static let texts: [String] = {
        var generator = WorkloadGenerator(seed: 42_017)
        return generator.comments(4_000, hitRate: 0.5, disguise: 0.5)
    }()

    @Test("the shipped rules give identical verdicts with and without the prefilter on generated comments")
    func shippedRulesOnGeneratedComments() throws {
        let engine = try #require(shippedEngine)
        let scratch = try EngineScratch()
        var differences = 0
        var flagged = 0
        for text in Self.texts {
            let input = CommentInput(article: "a", name: "Reader", email: "reader@example.com", body: text)
            let fast = engine.evaluate(input, scratch: scratch)
            let reference = engine.evaluateWithoutPrefilter(input, scratch: scratch.match)
            if !reference.hits.isEmpty { flagged += 1 }
            if fast.hits != reference.hits || fast.decision != reference.decision {
                differences += 1
                if differences <= 5 {
                    Issue.record(
                        "differs on: \(text.debugDescription) — \(fast.hits.map(\.rule)) vs \(reference.hits.map(\.rule))")
                }
            }
        }
        #expect(differences == 0)
        // Not vacuous: many comments hit some shipped rule.
        #expect(flagged > 500)
    }

    @Test(
        "evasions that only normalized rules catch are still candidates",
        arguments: [
            "ｆｕｃｋ you", "f.u.c.k off", "you are a b1tch", "f\u{200B}uck this", "fuuuuck",
        ])
    func evasions(text: String) throws {
        let engine = try #require(shippedEngine)
        let input = CommentInput(name: "Reader", email: "reader@example.com", body: text)
        let fast = engine.evaluate(input, scratch: try EngineScratch())
        #expect(fast.hits == engine.evaluateWithoutPrefilter(input, scratch: try MatchScratch()).hits)
        #expect(fast.decision != .approve)
    }
}

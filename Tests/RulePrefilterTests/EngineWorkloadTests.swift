import PCRE2
import Testing

@testable import ModerationRules

/// The engine with its prefilter against the engine running every rule, on the generated workload.
@Suite("Engine verdicts with and without the prefilter on a generated workload")
struct EngineWorkloadTests {
    /// The generated patterns as score rules; every other one normalized, so both views are exercised.
    static func engine(_ patterns: [String]) throws -> ModerationEngine {
        let rules = try patterns.enumerated().map { index, source throws in
            Rule(
                id: "generated.\(index)", pattern: try Pattern(source), action: .score, score: 1,
                normalize: index.isMultiple(of: 2))
        }
        return ModerationEngine(ruleSet: RuleSet(policy: try Policy.standard(), rules: rules, version: "generated"))
    }

    @Test("hits with the prefilter equal hits without it, on generated and disguised comments")
    func sameHits() throws {
        let workload = PrefilterWorkload.generated
        let engine = try Self.engine(workload.patterns)
        let scratch = try EngineScratch()
        var hits = 0
        var differences = 0
        for text in workload.comments + PrefilterWorkload.disguised {
            let input = CommentInput(article: "a1", name: "Reader", email: "reader@example.com", body: text)
            let fast = engine.evaluate(input, scratch: scratch)
            let reference = engine.evaluateWithoutPrefilter(input, scratch: scratch.match)
            hits += reference.hits.count
            if fast.hits != reference.hits {
                differences += 1
                if differences <= 5 {
                    Issue.record("differs on \(text.debugDescription): \(fast.hits.map(\.rule)) vs \(reference.hits.map(\.rule))")
                }
            }
        }
        #expect(differences == 0)
        #expect(hits > 1_000)
    }
}

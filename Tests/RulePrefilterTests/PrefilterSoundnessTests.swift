import Foundation
import PCRE2
import Testing

@testable import RulePrefilter

/// Every rule PCRE2 matches on a text must be among the prefilter's candidates for that text.
@Suite("Prefilter soundness on a generated workload")
struct PrefilterSoundnessTests {
    /// The misses and the average candidate count of one prefilter over some texts.
    struct Outcome {
        var misses: [(rule: Int, text: Int)] = []
        var candidates = 0
        var matches = 0
        var texts = 0

        var averageCandidates: Double { Double(candidates) / Double(max(texts, 1)) }
    }

    /// Runs every pattern on every text (compiled with `options`) and checks the candidates.
    static func check(patterns sources: [String], texts: [String], options: PatternOptions = []) throws -> Outcome {
        let patterns = try sources.map { source throws(PCRE2Error) in try Pattern(source, options: options) }
        let prefilter = LiteralPrefilter(patterns: sources)
        let scratch = try MatchScratch()
        var set = CandidateSet(ruleCount: patterns.count)
        var outcome = Outcome()
        for (textIndex, text) in texts.enumerated() {
            prefilter.candidates(in: text, into: &set)
            outcome.candidates += set.count
            outcome.texts += 1
            var copy = text
            copy.withUTF8 { bytes in
                for (rule, pattern) in patterns.enumerated() where PrefilterReference.matches(pattern, bytes, scratch) {
                    outcome.matches += 1
                    if !set.contains(rule) { outcome.misses.append((rule, textIndex)) }
                }
            }
        }
        return outcome
    }

    static func describe(_ outcome: Outcome, _ patterns: [String], _ texts: [String]) -> String {
        outcome.misses.prefix(5).map { "rule \($0.rule) \(patterns[$0.rule]) on \(texts[$0.text].debugDescription)" }
            .joined(separator: "\n")
    }

    @Test("2,000 generated rules on 3,000 generated comments: no miss")
    func generatedWorkload() throws {
        let workload = PrefilterWorkload.generated
        #expect(workload.patterns.count == 2_000 && workload.comments.count == 3_000)
        let outcome = try Self.check(patterns: workload.patterns, texts: workload.comments)
        #expect(outcome.misses.isEmpty, "\(Self.describe(outcome, workload.patterns, workload.comments))")
        #expect(outcome.matches > 500)
    }

    @Test("the rules compiled caseless, on the generated comments: no miss")
    func generatedWorkloadCaseless() throws {
        let workload = PrefilterWorkload.generated
        // Only the rules that are not caseless already behave differently.
        let cased = workload.patterns.filter { !$0.hasPrefix("(?i)") }
        let outcome = try Self.check(patterns: cased, texts: workload.comments, options: [.caseless, .multiline, .dotall])
        #expect(outcome.misses.isEmpty, "\(Self.describe(outcome, cased, workload.comments))")
    }

    @Test("the generated rules on comments that all carry a disguised snippet: no miss")
    func disguisedComments() throws {
        let patterns = PrefilterWorkload.generated.patterns
        let texts = PrefilterWorkload.disguised
        let outcome = try Self.check(patterns: patterns, texts: texts)
        #expect(outcome.misses.isEmpty, "\(Self.describe(outcome, patterns, texts))")
        #expect(outcome.matches > 500)
    }

    @Test("candidates per comment shrink with the rule count's share")
    func candidatesPerComment() throws {
        let workload = PrefilterWorkload.generated
        var averages: [Int: Double] = [:]
        for count in [50, 500, 2_000] {
            let prefilter = LiteralPrefilter(patterns: Array(workload.patterns.prefix(count)))
            var set = CandidateSet()
            var total = 0
            for comment in workload.comments {
                prefilter.candidates(in: comment, into: &set)
                total += set.count
            }
            averages[count] = Double(total) / Double(workload.comments.count)
        }
        // Far fewer than the rules: a prefilter that lets everything through fails here.
        #expect(averages[2_000]! < 100)
        #expect(averages[500]! < 60)
    }
}

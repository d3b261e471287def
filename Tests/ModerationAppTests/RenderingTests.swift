import Foundation
import ModerationRules
import PCRE2
import Testing

@testable import ModerationApp

@Suite("Rendering and intake")
struct RenderingTests {
    func hit(_ spans: [[Int]], _ action: RuleAction = .hold) -> Hit {
        Hit(rule: "t.x", field: .body, action: action, mode: .enforce, score: nil, spans: spans, text: [])
    }

    @Test("highlights cover whole characters, including emoji and Urdu")
    func highlight() {
        let renderer = VerdictRenderer(color: false)
        #expect(renderer.highlight("a 👨‍👩‍👧‍👦 b", hits: [hit([[2, 3]])]) == "a [[👨‍👩‍👧‍👦]] b")
        #expect(renderer.highlight("وہ غدار ہے", hits: [hit([[3, 7]])]) == "وہ [[غدار]] ہے")
        #expect(renderer.highlight("abc", hits: []) == "abc")
    }

    @Test("intake refuses with one line a problem, and needs an article")
    func intake() throws {
        let intake = Intake(policy: try Policy.standard())
        let scratch = try EngineScratch()
        do {
            _ = try intake.accept(
                SubmissionLine(comment: CommentInput(body: String(repeating: "é", count: 1501))), scratch: scratch)
            Issue.record("accepted")
        } catch {
            #expect(error.status == .dataError)
            #expect(
                error.lines == [
                    "article: required, and missing or blank", "name: required, and missing or blank",
                    "email: required, and missing or blank", "body: 1,501 characters, the limit is 1,500",
                ])
        }
        let ok = try intake.accept(
            SubmissionLine(key: "k", comment: CommentInput(article: " a1 ", name: "R", email: "r@x.io", body: "hi")),
            scratch: scratch)
        #expect(ok.article == "a1")
        #expect(ok.key == "k")
    }
}

@Suite("Verdict JSON")
struct VerdictJSONTests {
    @Test("the hand-written line decodes to the same verdict as JSONEncoder's, escapes included")
    func sameAsEncoder() throws {
        let verdict = Verdict(
            id: "c\"1\\", decision: .hold, score: 4, rulesVersion: "abc",
            hits: [
                Hit(
                    rule: "t.x", field: .body, action: .score, mode: .shadow, score: 4, spans: [[0, 3], [5, 9]],
                    text: ["a\nb", "پاک 👨‍👩‍👧‍👦 \u{1}"])
            ],
            violations: [
                Violation(field: .body, problem: .tooLong, limit: 1500, count: 1501, unit: .characters),
                Violation(field: .email, problem: .required),
            ],
            errors: [EngineFailure(rule: "t.y", field: .name, message: "match limit", code: -47)], reason: "why \"so\"")
        let line = VerdictJSON.line(verdict)
        #expect(!line.contains("\n"))
        let decoded = try JSONDecoder().decode(Verdict.self, from: Data(line.utf8))
        #expect(decoded == verdict)
        let viaEncoder = try JSONSerialization.jsonObject(with: JSONEncoder().encode(verdict)) as? NSDictionary
        let viaHand = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary
        #expect(viaEncoder == viaHand)
    }

    @Test("check --stats names the costliest rules, each with what its prefilter needs")
    func runStats() throws {
        let rules = try ["a", "b", "c"].map { id in
            Rule(id: "t.\(id)", target: .body, pattern: try Pattern(id), minCount: 1, action: .hold, score: 0, mode: .enforce)
        }
        var counts = RuleRunCounts()
        counts.evaluations = 10
        counts.runs = [10, 2, 0]
        counts.hits = [1, 2, 0]
        counts.nanoseconds = [0, 0, 0]
        let lines = RunStatsReport.lines(counts, rules: rules, prefilter: { "needs \($0)" })
        #expect(
            lines == [
                "10 comments, 3 rules: 1.2 PCRE2 runs a comment (0.3 hit), instead of 3 a field without the prefilter",
                "rules run most often without a hit (runs, hits, share of comments):",
                "  t.a: 10 runs, 1 hits, 100%",
                "    prefilter: needs 0",
            ])
        #expect(!RunStatsReport.lines(counts, rules: rules).contains { $0.hasPrefix("    prefilter") })
    }
}

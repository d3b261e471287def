import Foundation
import PCRE2
import Testing

@testable import ModerationRules

@Suite("Engine and decisions")
struct EngineTests {
    static func rule(
        _ id: String, _ pattern: String, _ action: RuleAction, score: Int = 0, mode: RuleMode = .enforce,
        target: RuleTarget = .body, minCount: Int = 1
    ) throws -> Rule {
        Rule(
            id: id, target: target, pattern: try Pattern(pattern, options: .caseless), minCount: minCount, action: action,
            score: score, mode: mode)
    }

    static func engine(_ rules: [Rule], mode: ModerationMode = .postModeration) throws -> ModerationEngine {
        var policy = try Policy.standard()
        policy.mode = mode
        return ModerationEngine(ruleSet: RuleSet(policy: policy, rules: rules, version: "test"))
    }

    @Test("the seed comment is approved")
    func seed() throws {
        let engine = try Self.engine([try Self.rule("abuse.x", #"\bidiot\b"#, .reject)])
        let verdict = engine.evaluate(comment("long live Pakistan army"))
        #expect(verdict.decision == .approve)
        #expect(verdict.hits.isEmpty)
        #expect(verdict.rulesVersion == "test")
    }

    @Test(
        "precedence: reject, then hold, then approve, then score, then the mode",
        arguments: [
            ("R H A", Decision.reject), ("H A", .hold), ("A S5", .approve), ("S5", .hold), ("S5 S6", .reject), ("S4", .approve),
            ("", .approve),
        ])
    func precedence(text: String, expected: Decision) throws {
        let engine = try Self.engine([
            try Self.rule("t.reject", #"\bR\b"#, .reject), try Self.rule("t.hold", #"\bH\b"#, .hold),
            try Self.rule("t.approve", #"\bA\b"#, .approve), try Self.rule("t.four", #"\bS4\b"#, .score, score: 4),
            try Self.rule("t.five", #"\bS5\b"#, .score, score: 5), try Self.rule("t.six", #"\bS6\b"#, .score, score: 6),
        ])
        #expect(engine.evaluate(comment("x " + text)).decision == expected)
    }

    @Test("pre-moderation holds what nothing objects to")
    func preModeration() throws {
        let verdict = try Self.engine([], mode: .preModeration).evaluate(comment("hello"))
        #expect(verdict.decision == .hold)
    }

    @Test("shadow rules are reported and never change the decision")
    func shadow() throws {
        let engine = try Self.engine([try Self.rule("t.shadow", "spam", .reject, mode: .shadow)])
        let verdict = engine.evaluate(comment("spam spam"))
        #expect(verdict.decision == .approve)
        #expect(verdict.hits.map(\.mode) == [.shadow])
    }

    @Test(
        "a shadow rule that hits the match limit leaves the decision alone; the verdict shows its error and the would-be decision"
    )
    func shadowMatchLimit() throws {
        let engine = try Self.engine([
            try Self.rule("t.enforced", "zzz", .reject), try Self.rule("t.shadow", "^(a+)+$", .reject, mode: .shadow),
        ])
        let text = String(repeating: "a", count: 1000) + "!"
        let verdict = engine.evaluate(comment(text))
        #expect(verdict.decision == .approve)
        #expect(verdict.errors.isEmpty)
        #expect(verdict.shadowErrors.map(\.rule) == ["t.shadow"])
        #expect(verdict.reason == "no rule objected")
        #expect(verdict.wouldBe == .hold)
        #expect(engine.evaluateWithoutPrefilter(comment(text), scratch: try MatchScratch()) == verdict)

        let enforced = try Self.engine([try Self.rule("t.shadow", "^(a+)+$", .reject)]).evaluate(comment(text))
        #expect(enforced.decision == .hold, "the same rule enforced holds")
        #expect(enforced.wouldBe == nil)
    }

    @Test(
        "the would-be decision counts shadow hits as enforced, and is absent when no shadow rule hit",
        arguments: [
            ("spam", Decision.approve, Decision?.some(.reject)), ("hello", .approve, nil), ("spam H", .hold, .reject),
            ("S4 spam4", .approve, .hold), ("R spam", .reject, .reject),
        ])
    func wouldBe(text: String, decision: Decision, wouldBe: Decision?) throws {
        let engine = try Self.engine([
            try Self.rule("t.reject", #"\bR\b"#, .reject), try Self.rule("t.hold", #"\bH\b"#, .hold),
            try Self.rule("t.four", #"\bS4\b"#, .score, score: 4),
            try Self.rule("t.shadow", #"\bspam\b"#, .reject, mode: .shadow),
            try Self.rule("t.shadow-score", #"\bspam4\b"#, .score, score: 4, mode: .shadow),
        ])
        let verdict = engine.evaluate(comment("x " + text))
        #expect(verdict.decision == decision)
        #expect(verdict.wouldBe == wouldBe)
        #expect(verdict.score == (text.contains("S4") ? 4 : 0), "shadow scores are not counted")
    }

    @Test("violations reject and are listed with the hits")
    func violations() throws {
        let engine = try Self.engine([try Self.rule("t.hold", "spam", .hold)])
        var input = comment("spam")
        input.email = nil
        let verdict = engine.evaluate(input)
        #expect(verdict.decision == .reject)
        #expect(verdict.violations.map(\.field) == [.email])
        #expect(verdict.hits.count == 1)
    }

    @Test("a catastrophic pattern holds the comment with the error as the reason")
    func matchLimitHolds() throws {
        let engine = try Self.engine([try Self.rule("t.catastrophic", "^(a+)+$", .reject)])
        let verdict = engine.evaluate(comment(String(repeating: "a", count: 5000) + "!"))
        #expect(verdict.decision == .hold)
        #expect(verdict.errors.first?.rule == "t.catastrophic")
        #expect(verdict.reason.contains("t.catastrophic"))
    }

    @Test("an approve rule cannot let a failing comment through")
    func failureBeatsApprove() throws {
        let engine = try Self.engine([try Self.rule("t.ok", "a", .approve), try Self.rule("t.bad", "^(a+)+$", .reject)])
        #expect(engine.evaluate(comment(String(repeating: "a", count: 5000) + "!")).decision == .hold)
    }

    @Test("spans are character offsets into the raw text, with the raw matched text")
    func spans() throws {
        let engine = try Self.engine([try Self.rule("t.spam", "spam", .hold)])
        let verdict = engine.evaluate(comment("👨‍👩‍👧‍👦 é SPAM پاک spam"))
        let hit = try #require(verdict.hits.first)
        #expect(hit.spans == [[4, 8], [13, 17]])
        #expect(hit.text == ["SPAM", "spam"])
    }

    @Test("a match inside a grapheme cluster highlights the whole character")
    func spanRounding() throws {
        let engine = try Self.engine([try Self.rule("t.e", "e", .hold)])
        let hit = try #require(engine.evaluate(comment("ae\u{301}b")).hits.first)
        #expect(hit.spans == [[1, 2]])
        #expect(hit.text == ["e\u{301}"])
    }

    @Test("min_count needs that many matches")
    func minCount() throws {
        let engine = try Self.engine([try Self.rule("t.links", #"https?://\S+"#, .reject, minCount: 3)])
        #expect(engine.evaluate(comment("http://a http://b")).decision == .approve)
        #expect(engine.evaluate(comment("http://a http://b http://c")).decision == .reject)
    }

    @Test("field any reads every field; field name reads only the name")
    func fields() throws {
        let engine = try Self.engine([
            try Self.rule("t.any", "casino", .hold, target: .any),
            try Self.rule("t.name", "casino", .reject, target: .name),
        ])
        var input = comment("hello")
        input.name = "Casino King"
        let verdict = engine.evaluate(input)
        #expect(verdict.hits.map(\.rule) == ["t.any", "t.name"])
        #expect(verdict.hits.map(\.field) == [.name, .name])
        #expect(verdict.decision == .reject)
    }

    @Test("the verdict encodes with the contract's keys")
    func json() throws {
        let engine = try Self.engine([try Self.rule("t.spam", "spam", .hold)])
        let data = try JSONEncoder().encode(engine.evaluate(comment("spam"), id: "c1"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["id"] as? String == "c1")
        #expect(object["decision"] as? String == "hold")
        #expect(object["rules_version"] as? String == "test")
        let hit = try #require((object["hits"] as? [[String: Any]])?.first)
        #expect(hit["rule"] as? String == "t.spam")
        #expect(hit["spans"] as? [[Int]] == [[0, 4]])
    }

    @Test("one engine evaluates concurrently with identical verdicts")
    func concurrency() async throws {
        let engine = try Self.engine([try Self.rule("t.spam", #"\bspam\b"#, .hold), try Self.rule("t.urdu", "غدار", .reject)])
        let inputs = (0..<200).map { comment($0 % 2 == 0 ? "spam \($0)" : "وہ غدار ہے \($0)") }
        let expected = inputs.map { engine.evaluate($0).decision }
        let results = await withTaskGroup(of: [Decision].self) { group in
            for _ in 0..<8 { group.addTask { inputs.map { engine.evaluate($0).decision } } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
        #expect(Set(expected) == [.hold, .reject])
    }
}

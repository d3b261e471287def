import Foundation
import PCRE2
import Testing

@testable import ModerationRules

/// The repository's own `Rules/` folder.
let shippedRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Rules")

/// One example written inside a shipped rule.
struct ShippedExample: CustomTestStringConvertible, Sendable {
    let rule: String
    let text: String
    let shouldMatch: Bool
    var testDescription: String { "\(rule) \(shouldMatch ? "matches" : "does not match") \(text.prefix(50))" }
}

/// The shipped engine, loaded once.
let shippedEngine: ModerationEngine? = try? ModerationEngine(ruleSet: RulesLoader(directory: shippedRules).load())

@Suite("Shipped rules")
struct ShippedRulesTests {
    static let examples: [ShippedExample] = (shippedEngine?.ruleSet.rules ?? []).flatMap { rule in
        rule.examples.match.map { ShippedExample(rule: rule.id, text: $0, shouldMatch: true) }
            + rule.examples.noMatch.map { ShippedExample(rule: rule.id, text: $0, shouldMatch: false) }
    }

    @Test("the shipped rules load, and every rule carries tests")
    func loads() throws {
        do {
            let set = try RulesLoader(directory: shippedRules).load()
            #expect(!set.rules.isEmpty)
            for rule in set.rules { #expect(!rule.examples.match.isEmpty, "\(rule.id) has no match tests") }
        } catch {
            Issue.record("shipped rules do not load:\n\(error)")
        }
    }

    @Test("each example written in a shipped rule", arguments: examples)
    func example(_ example: ShippedExample) throws {
        let engine = try #require(shippedEngine)
        let rule = try #require(engine.ruleSet.rules.first { $0.id == example.rule })
        let hit = try engine.hit(of: rule, in: example.text, field: rule.target.fields.first ?? .body, scratch: MatchScratch())
        #expect((hit != nil) == example.shouldMatch, "\(hit?.text ?? [])")
    }

    @Test("the seed comment passes the shipped rules")
    func seed() throws {
        let engine = try #require(shippedEngine)
        let verdict = engine.evaluate(comment("long live Pakistan army"))
        #expect(verdict.decision == .approve, "\(verdict.reason)")
    }
}

import Foundation
import Testing

@Suite("moderate check and rules, end to end")
struct CheckAndRulesTests {
    @Test("the seed comment gets an approve verdict")
    func seed() throws {
        let cli = try CLI()
        let result = try cli.run([
            "check", "--article", "a1", "--name", "Reader", "--email", "reader@example.com",
            "--body", "long live Pakistan army",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let verdict = object(result.stdout)
        #expect(verdict["decision"] as? String == "approve")
        #expect((verdict["rules_version"] as? String)?.count == 16)
    }

    @Test("check --jsonl: one verdict a line in order, ids echoed, text as body, a bad line reported and the rest go on")
    func jsonl() throws {
        let cli = try CLI()
        let input = """
            {"id":"c1","name":"R","email":"r@example.com","body":"long live Pakistan army"}
            {"id":"c2","name":"R","email":"r@example.com","text":"hello there"}
            {not json
            {"id":"c4","name":"R","body":"no email"}
            """
        let result = try cli.run(["check", "--jsonl", "-"], stdin: Data(input.utf8))
        #expect(result.status == 0)
        let lines = result.lines.map(object)
        #expect(lines.count == 4)
        #expect(lines[0]["id"] as? String == "c1")
        #expect(lines[1]["id"] as? String == "c2")
        #expect(lines[1]["decision"] as? String == "approve")
        #expect(lines[2]["error"] as? String == "malformed JSON")
        #expect(lines[3]["decision"] as? String == "reject")
        #expect((lines[3]["violations"] as? [[String: Any]])?.first?["field"] as? String == "email")
    }

    @Test("rules lint names the broken rule and the offset, and exits non-zero")
    func lint() throws {
        let cli = try CLI()
        let policy = try String(contentsOf: CLI.root.appendingPathComponent("Rules/policy.yaml"), encoding: .utf8)
        _ = try cli.write("rules/policy.yaml", Data(policy.utf8))
        _ = try cli.write(
            "rules/bad.yaml",
            Data("rules:\n  - id: test.broken\n    pattern: '(abc'\n    action: hold\n    tests: { match: [abc] }\n".utf8))
        let result = try cli.run(["rules", "lint", cli.directory.appendingPathComponent("rules").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("test.broken"))
        #expect(result.stderr.contains("offset 4"))
        #expect(!result.stderr.contains("Fatal"))
    }

    @Test("the shipped rules lint clean and their own tests pass")
    func shippedRules() throws {
        let cli = try CLI()
        let lint = try cli.run(["rules", "lint"])
        #expect(lint.status == 0, "\(lint.stderr)")
        let test = try cli.run(["rules", "test"])
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout.contains(" passed, 0 failed"))
    }

    @Test("rules explain highlights the match and says why")
    func explain() throws {
        let cli = try CLI()
        let policy = try String(contentsOf: CLI.root.appendingPathComponent("Rules/policy.yaml"), encoding: .utf8)
        _ = try cli.write("rules/policy.yaml", Data(policy.utf8))
        _ = try cli.write(
            "rules/spam.yaml",
            Data("rules:\n  - id: spam.casino\n    pattern: 'casino'\n    flags: [caseless]\n    action: hold\n".utf8))
        let result = try cli.run([
            "rules", "explain", "--rules", cli.directory.appendingPathComponent("rules").path, "--name", "R",
            "--email", "r@example.com", "--body", "best CASINO here", "--no-color",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("decision: HOLD"))
        #expect(result.stdout.contains("best [[CASINO]] here"))
        #expect(result.stdout.contains("hold rule: spam.casino"))
    }

    @Test("a pattern that hits the match limit holds the comment, quickly")
    func catastrophic() throws {
        let cli = try CLI()
        let policy = try String(contentsOf: CLI.root.appendingPathComponent("Rules/policy.yaml"), encoding: .utf8)
        _ = try cli.write("rules/policy.yaml", Data(policy.utf8))
        _ = try cli.write(
            "rules/bad.yaml", Data("rules:\n  - id: test.catastrophic\n    pattern: '^(a+)+$'\n    action: reject\n".utf8))
        let body = String(repeating: "a", count: 5000) + "!"
        let started = Date()
        let result = try cli.run([
            "check", "--rules", cli.directory.appendingPathComponent("rules").path, "--name", "R",
            "--email", "r@example.com", "--body", body,
        ])
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(object(result.stdout)["decision"] as? String == "hold")
    }

    @Test("unknown commands and bad options exit 64; a missing input file exits 66")
    func exitCodes() throws {
        let cli = try CLI()
        #expect(try cli.run(["check", "--bogus"]).status == 64)
        #expect(try cli.run(["check", "--jsonl", "/nonexistent/file.jsonl"]).status == 66)
    }
}

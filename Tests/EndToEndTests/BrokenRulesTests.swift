import Foundation
import Testing

@Suite("broken rules files, end to end")
struct BrokenRulesTests {
    static let reader = ["--article", "a1", "--name", "Reader", "--email", "reader@example.com"]

    /// A copy of the shipped rules in the run's folder, used by every command of `cli`.
    static func copyRules(_ cli: inout CLI) throws -> URL {
        let rules = cli.directory.appendingPathComponent("rules")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Rules"), to: rules)
        cli.environment["MODERATE_RULES"] = rules.path
        return rules
    }

    /// Appends a rule whose pattern does not compile to `spam.yaml`; returns the line of its pattern.
    static func breakSpam(_ rules: URL) throws -> Int {
        let url = rules.appendingPathComponent("spam.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
        try (text + "  - id: spam.typo\n    pattern: '(unclosed'\n    action: hold\n").write(
            to: url, atomically: true, encoding: .utf8)
        return lines + 2
    }

    @Test(
        "with a broken rules file, submit stores comments, a fresh worker decides them with the last good set and says so, lint exits 65"
    )
    func brokenRulesFile() throws {
        var cli = try CLI()
        let rules = try Self.copyRules(&cli)
        let warmup = try cli.run(["worker", "--once"])
        #expect(warmup.status == 0, "\(warmup.stderr)")
        let version = try #require(
            try cli.run(["rules", "lint"]).stdout.split(separator: " ").last.map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines)
            })

        let line = try Self.breakSpam(rules)
        let single = try cli.run(["submit"] + Self.reader + ["--body", "you are a fucking idiot"])
        #expect(single.status == 0, "\(single.stderr)")
        let id = single.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(id) != nil)
        let jsonl = try cli.run(
            ["submit", "--jsonl", "-"],
            stdin: Data(
                """
                {"article":"a1","name":"R","email":"r@example.com","body":"long live Pakistan army"}
                {"article":"a1","name":"R","email":"r@example.com","body":"hello there"}

                """.utf8))
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        #expect(jsonl.lines.count == 2)
        #expect(jsonl.lines.allSatisfy { object($0)["id"] != nil }, "\(jsonl.stdout)")

        let worker = try cli.run(["worker", "--once"])
        #expect(worker.status == 0, "\(worker.stderr)")
        #expect(worker.stderr.contains("spam.yaml:\(line)"), "\(worker.stderr)")
        #expect(worker.stderr.contains(version), "\(worker.stderr)")
        #expect(worker.stderr.lowercased().contains("error"), "\(worker.stderr)")
        let all = try cli.run(["queue", "list", "--state", "all", "--format", "json"]).lines.map(object)
        #expect(all.count == 3)
        #expect(all.allSatisfy { $0["state"] as? String != "pending" })
        let shown = object(try cli.run(["queue", "show", id, "--format", "json"]).stdout)
        #expect((shown["verdict"] as? [String: Any])?["rules_version"] as? String == version)

        let lint = try cli.run(["rules", "lint"])
        #expect(lint.status == 65)
        #expect(lint.stderr.contains("spam.yaml:\(line)"), "\(lint.stderr)")
    }

    @Test("a worker with broken rules and no stored set refuses to start (78) and leaves comments pending")
    func noStoredSet() throws {
        var cli = try CLI()
        let rules = try Self.copyRules(&cli)
        let line = try Self.breakSpam(rules)
        #expect(try cli.run(["submit"] + Self.reader + ["--body", "hello"]).status == 0)
        let worker = try cli.run(["worker", "--once"])
        #expect(worker.status == 78)
        #expect(worker.stderr.contains("spam.yaml:\(line)"), "\(worker.stderr)")
        #expect(worker.stderr.contains("no last good rules set"), "\(worker.stderr)")
        let pending = try cli.run(["queue", "list", "--state", "pending", "--format", "json"]).lines
        #expect(pending.count == 1)
    }

    @Test("a broken policy.yaml refuses intake with 78 naming the file and line; an empty rules file fails lint")
    func brokenPolicy() throws {
        var cli = try CLI()
        let rules = try Self.copyRules(&cli)
        let policy = rules.appendingPathComponent("policy.yaml")
        let text = try String(contentsOf: policy, encoding: .utf8)
        try text.replacingOccurrences(of: "max_length", with: "maxlength").write(to: policy, atomically: true, encoding: .utf8)
        let submit = try cli.run(["submit"] + Self.reader + ["--body", "hello"])
        #expect(submit.status == 78)
        #expect(submit.stderr.contains("policy.yaml:"), "\(submit.stderr)")
        #expect(submit.stderr.contains("maxlength"), "\(submit.stderr)")
        try text.write(to: policy, atomically: true, encoding: .utf8)

        try Data().write(to: rules.appendingPathComponent("abuse.yaml"))
        let lint = try cli.run(["rules", "lint"])
        #expect(lint.status == 65)
        #expect(lint.stderr.contains("abuse.yaml: the file is empty"), "\(lint.stderr)")
        #expect(try cli.run(["submit"] + Self.reader + ["--body", "hello"]).status == 0)
    }
}

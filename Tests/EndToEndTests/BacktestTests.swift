import Foundation
import Testing

/// `rules backtest` on stored comments, with moderators' decisions as labels.
@Suite("rules backtest, end to end")
struct BacktestTests {
    @Test(
        "a candidate with one more rule: the decisions it changes, the rule behind them, agreement with moderators, the CI threshold"
    )
    func candidateRule() throws {
        let cli = try CLI()
        let bodies = [
            "the museum is free on Sundays", "free speech matters in this debate", "a thoughtful article, thank you",
            "you stupid idiot", "what an idiot the minister is",
        ]
        let lines = bodies.enumerated().map { index, body in
            #"{"article":"a1","name":"R\#(index)","email":"r\#(index)@example.com","body":"\#(body)"}"#
        }.joined(separator: "\n")
        #expect(try cli.run(["submit", "--jsonl", "-"], stdin: Data(lines.utf8)).status == 0)
        #expect(try cli.run(["worker", "--once"]).status == 0)
        // Moderators: comment 4 is abuse; comment 5 is fair criticism (both held by the rules).
        let states = try cli.run(["queue", "list", "--state", "all", "--format", "json"]).lines.map(object)
        #expect(states.map { $0["state"] as? String } == ["approved", "approved", "approved", "held", "held"])
        #expect(try cli.run(["queue", "reject", "4", "--moderator", "sana"]).status == 0)
        #expect(try cli.run(["queue", "approve", "5", "--moderator", "sana"]).status == 0)

        // The candidate: the shipped rules and two broad rules that reject any "free" and any "idiot".
        let candidate = cli.directory.appendingPathComponent("candidate")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Rules"), to: candidate)
        let extra = """
              - id: spam.free-word
                description: the word free
                pattern: '\\bfree\\b'
                flags: [caseless]
                action: reject
                tests:
                  match: ["get it free now"]
                  no_match: ["freedom"]
              - id: spam.idiot-word
                description: the word idiot
                pattern: '\\bidiot\\b'
                flags: [caseless]
                action: reject
                tests:
                  match: ["an idiot"]
                  no_match: ["idiotic"]

            """
        let spam = candidate.appendingPathComponent("spam.yaml")
        let text = try String(contentsOf: spam, encoding: .utf8)
        try (text.hasSuffix("\n") ? text : text + "\n").appending(extra).write(to: spam, atomically: true, encoding: .utf8)

        let result = try cli.run(["rules", "backtest", candidate.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = object(result.stdout)
        #expect(report["replayed"] as? Int == 5)
        #expect(report["changed"] as? Int == 4)
        #expect((report["changes"] as? [String: Int]) == ["approve → reject": 2, "hold → reject": 2])
        let rules = report["rules"] as? [[String: Any]] ?? []
        #expect(rules.first { $0["rule"] as? String == "spam.free-word" }?["newly_caught"] as? Int == 2, "\(rules)")
        #expect(rules.first { $0["rule"] as? String == "spam.idiot-word" } == nil, "it changes no approved comment")
        #expect(report["moderated"] as? Int == 2)
        let before = report["before"] as? [String: Any]
        let after = report["after"] as? [String: Any]
        #expect(before?["caught"] as? Int == 1)
        #expect(before?["approved_but_rejected"] as? Int == 0)
        #expect(after?["caught"] as? Int == 1)
        #expect(after?["false_alarms"] as? Int == 1)
        #expect(after?["approved_but_rejected"] as? Int == 1)
        #expect(report["newly_rejected_approved_share"] as? Double == 1)

        let table = try cli.run(["rules", "backtest", candidate.path, "--last", "3"])
        #expect(table.stdout.contains("3 stored comments replayed"), "\(table.stdout)")

        // As a CI gate: the moderator-approved comment 5 would newly be rejected.
        let gated = try cli.run(["rules", "backtest", candidate.path, "--max-newly-rejected-approved", "1"])
        #expect(gated.status == 1)
        #expect(gated.stderr.contains("100.00% of moderator-approved comments would newly be rejected"), "\(gated.stderr)")
        let loose = try cli.run(["rules", "backtest", candidate.path, "--max-newly-rejected-approved", "100"])
        #expect(loose.status == 0)
        #expect(try cli.run(["rules", "backtest", candidate.path, "--since", "yesterday"]).status == 64)
    }
}

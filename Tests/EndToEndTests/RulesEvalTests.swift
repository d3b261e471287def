import Foundation
import Testing

/// What a rules maintainer asks of `rules eval`, `rules explain` and `check` about the rules alone.
@Suite("rules eval, explain and check for rules maintainers, end to end")
struct RulesEvalTests {
    /// A small labeled corpus: two clean rows the profanity rule hits (one also an insult), one clean
    /// row nothing hits, and toxic rows caught and missed.
    static let corpus = """
        {"text":"the film was a damn masterpiece, idiot critics aside","label":"clean"}
        {"text":"what a lovely article, thank you","label":"clean"}
        {"text":"this asshole of a referee ruined it","label":"clean"}
        {"text":"you stupid idiot","label":"toxic"}
        {"text":"go away and never come back","label":"toxic"}
        """

    @Test("--show false-positives --rule lists the negatives that rule hits, with their lines")
    func falsePositives() throws {
        let cli = try CLI()
        let path = try cli.write("corpus.jsonl", Data(Self.corpus.utf8))
        let result = try cli.run([
            "rules", "eval", "--corpus", path, "--positive", "toxic", "--negative", "clean", "--show", "false-positives",
            "--rule", "abuse.profanity-en",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("false-positives of abuse.profanity-en"))
        let shown = result.lines.filter { $0.hasPrefix("    L") }
        #expect(shown.count == 2, "\(result.stdout)")
        #expect(shown.first?.hasPrefix("    L1 clean →") == true)
        #expect(shown.last?.hasPrefix("    L3 clean →") == true)
        #expect(!result.stdout.contains("lovely article"))

        let misses = try cli.run([
            "rules", "eval", "--corpus", path, "--positive", "toxic", "--negative", "clean", "--show", "misses",
        ])
        #expect(misses.lines.filter { $0.hasPrefix("    L") }.map { String($0.prefix(18)) } == ["    L5 toxic → app"])
    }

    @Test("a label no corpus has is an error listing the labels found; JSON is one document for every corpus")
    func labelsAndJSON() throws {
        let cli = try CLI()
        let path = try cli.write("corpus.jsonl", Data(Self.corpus.utf8))
        let typo = try cli.run(["rules", "eval", "--corpus", path, "--positive", "toxic", "--negative", "clena"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("clena: no row has this label"), "\(typo.stderr)")
        #expect(typo.stderr.contains("clean (3), toxic (2)"), "\(typo.stderr)")

        let json = try cli.run(["rules", "eval", "--corpus", path, "--corpus", path, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.lines.count == 1)
        let document = object(json.stdout)
        #expect(document["schema"] as? Int == 2)
        let corpora = document["corpora"] as? [[String: Any]]
        #expect(corpora?.count == 2)
        #expect((corpora?.first?["labels"] as? [String: Int]) == ["clean": 3, "toxic": 2])
    }

    @Test("--rules-only: check and explain give the rules' verdict on a text without name or email")
    func rulesOnly() throws {
        let cli = try CLI()
        let plain = try cli.run(["check", "--body", "you stupid idiot"])
        #expect(object(plain.stdout)["decision"] as? String == "reject", "the form policy refuses it: no name or email")
        let rules = try cli.run(["check", "--body", "you stupid idiot", "--rules-only"])
        #expect(object(rules.stdout)["decision"] as? String == "hold", "\(rules.stdout)")
        #expect((object(rules.stdout)["violations"] as? [Any])?.isEmpty == true)

        let explained = try cli.run(["rules", "explain", "--body", "you stupid idiot", "--no-color"])
        #expect(explained.stdout.contains("the form policy decides this one"))
        let alone = try cli.run(["rules", "explain", "--body", "you stupid idiot", "--no-color", "--rules-only"])
        #expect(alone.stdout.contains("decision: HOLD"))
        #expect(!alone.stdout.contains("the form policy decides"))
    }
}

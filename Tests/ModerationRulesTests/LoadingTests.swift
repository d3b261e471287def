import Foundation
import Testing

@testable import ModerationRules

@Suite("Loading rules files")
struct LoadingTests {
    static let good = """
        rules:
          - id: spam.link-flood
            description: Three or more links
            pattern: '(?:https?://|www\\.)\\S+'
            flags: [caseless]
            min_count: 3
            action: reject
            tests:
              match: ["see http://a.test and http://b.test or www.c.test"]
              no_match: ["long live Pakistan army"]
        """

    @Test("a good file loads with every key read")
    func goodFile() throws {
        let set = try RulesFixture(["spam.yaml": Self.good]).load()
        let rule = try #require(set.rules.first)
        #expect(rule.id == "spam.link-flood")
        #expect(rule.minCount == 3)
        #expect(rule.action == .reject)
        #expect(rule.pattern.options == .caseless)
        #expect(rule.examples.match.count == 1)
        #expect(rule.location == RuleLocation(file: "spam.yaml", line: 2))
        #expect(set.version.count == 16)
    }

    @Test("a pattern that does not compile names the rule and the offset")
    func badPattern() throws {
        let problems = try RulesFixture(["bad.yaml": "rules:\n  - id: x.broken\n    pattern: '(abc'\n    action: hold\n"])
            .problems()
        #expect(problems.count == 1)
        #expect(problems.first?.ruleID == "x.broken")
        #expect(problems.first?.pcre2?.patternOffset == 4)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.description.contains("at offset 4") == true)
    }

    @Test(
        "every problem is reported, not only the first",
        arguments: [
            ("rules:\n  - id: a.one\n    patern: 'x'\n    action: hold\n", "unknown key 'patern'"),
            ("rules:\n  - id: a.one\n    pattern: 'x'\n    action: delete\n", "'delete' is not one of"),
            ("rules:\n  - id: a.one\n    pattern: 'x'\n", "missing 'action'"),
            ("rules:\n  - id: a.one\n    action: hold\n", "missing 'pattern' or 'words'"),
            ("rules:\n  - id: a.one\n    pattern: 'x'\n    words: lists/x.txt\n    action: hold\n", "not both"),
            ("rules:\n  - id: a.one\n    pattern: 'x'\n    action: score\n", "needs a 'score'"),
            ("rules:\n  - id: a.one\n    pattern: 'x'\n    action: hold\n    score: 3\n", "only goes with action: score"),
            ("rules:\n  - id: a.one\n    pattern: 'x'\n    action: hold\n    flags: [global]\n", "unknown flag 'global'"),
            ("rules:\n  - id: a.one\n    pattern: 'x'\n    action: hold\n    min_count: 0\n", "at least 1"),
            ("rules:\n  - id: a.one\n    pattern: 'x'\n    action: hold\n    tests: { matches: [x] }\n", "unknown key 'matches'"),
            ("rules:\n  - id: NoCategory\n    pattern: 'x'\n    action: hold\n", "category.name"),
            ("rules:\n  - id: a.one\n    words: lists/missing.txt\n    action: hold\n", "cannot read the file"),
            ("rules:\n  - id: a.one\n    words: ../../etc/passwd\n    action: hold\n", "inside the rules folder"),
            ("rulez: []\n", "unknown key 'rulez'"),
            ("rules: [\n", "malformed YAML"),
            ("- just a list\n", "expected a mapping"),
        ])
    func problems(yaml: String, expected: String) throws {
        let problems = try RulesFixture(["r.yaml": yaml]).problems()
        #expect(problems.contains { $0.description.contains(expected) }, "\(problems)")
    }

    @Test("several broken rules give several problems")
    func manyProblems() throws {
        let yaml =
            "rules:\n  - id: a.one\n    pattern: '(x'\n    action: hold\n  - id: a.two\n    pattern: 'y'\n    action: nope\n"
        let problems = try RulesFixture(["r.yaml": yaml]).problems()
        #expect(Set(problems.compactMap(\.ruleID)) == ["a.one", "a.two"])
    }

    @Test("duplicate ids across files are an error naming the first definition")
    func duplicates() throws {
        let rule = "rules:\n  - id: a.same\n    pattern: 'x'\n    action: hold\n"
        let problems = try RulesFixture(["one.yaml": rule, "two.yaml": rule]).problems()
        #expect(problems.count == 1)
        #expect(problems.first?.description.contains("duplicate id: already defined at one.yaml:2") == true)
    }

    @Test("a folder without policy.yaml, or a broken policy, does not load")
    func policyProblems() throws {
        #expect(try RulesFixture([:], policy: false).problems().first?.file == "policy.yaml")
        let badPolicy = "mode: post-moderation\nlength_unit: bytes\nfields: {}\n"
        #expect(
            try RulesFixture(["policy.yaml": badPolicy]).problems().first?.description.contains("'bytes' is not one of") == true)
        let typo = "mode: post-moderation\nfields:\n  body: { required: true, maxlength: 10 }\n"
        #expect(try RulesFixture(["policy.yaml": typo]).problems().first?.description.contains("unknown key 'maxlength'") == true)
    }

    @Test("a words list compiles to a caseless whole-word rule")
    func wordsRule() throws {
        let fixture = try RulesFixture([
            "abuse.yaml": "rules:\n  - id: abuse.words\n    words: lists/words.txt\n    action: hold\n",
            "lists/words.txt": "# header: source and license\nidiot\nbloody fool\nحرامی\n",
        ])
        let engine = try fixture.engine()
        let rule = try #require(engine.ruleSet.rules.first)
        #expect(try engine.hit(of: rule, in: "you IDIOT!", field: .body, scratch: .init()) != nil)
        #expect(try engine.hit(of: rule, in: "a bloody   fool", field: .body, scratch: .init())?.text == ["bloody   fool"])
        #expect(try engine.hit(of: rule, in: "وہ حرامی ہے", field: .body, scratch: .init()) != nil)
        #expect(try engine.hit(of: rule, in: "idiots and idiotic", field: .body, scratch: .init()) == nil)
    }

    @Test("the rules version changes when a file changes")
    func version() throws {
        let one = try RulesFixture(["spam.yaml": Self.good]).load().version
        let same = try RulesFixture(["spam.yaml": Self.good]).load().version
        let other = try RulesFixture(["spam.yaml": Self.good + "\n"]).load().version
        #expect(one == same)
        #expect(one != other)
    }

    @Test(
        "an empty rules file, one with only comments, one without 'rules' and an empty list are errors naming the file",
        arguments: [
            ("", "the file is empty"), ("\n\n", "the file is empty"), ("# rules to come\n", "the file is empty"),
            ("{}\n", "missing 'rules:' list"), ("rules: []\n", "'rules' is an empty list"),
            ("rules:\n", "'rules' must be a list"),
        ])
    func emptyFiles(yaml: String, expected: String) throws {
        let problems = try RulesFixture([
            "abuse.yaml": Self.good.replacingOccurrences(of: "spam.", with: "abuse."), "spam.yaml": yaml,
        ])
        .problems()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.file == "spam.yaml")
        #expect(problems.first?.description.contains(expected) == true, "\(problems)")
    }

    @Test("an empty policy.yaml is an error naming it")
    func emptyPolicy() throws {
        let problems = try RulesFixture(["policy.yaml": "", "spam.yaml": Self.good]).problems()
        #expect(problems.map(\.file) == ["policy.yaml"])
        #expect(problems.first?.description.contains("the file is empty") == true)
    }

    @Test("a symbolic link to a rules file outside the folder is an error naming the file")
    func symlinkedRulesFileOutside() throws {
        let outside = try RulesFixture(["spam.yaml": Self.good])
        let fixture = try RulesFixture([:])
        try FileManager.default.createSymbolicLink(
            at: fixture.directory.appendingPathComponent("spam.yaml"),
            withDestinationURL: outside.directory.appendingPathComponent("spam.yaml"))
        let problems = fixture.problems()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.file == "spam.yaml")
        #expect(problems.first?.description.contains("resolves outside the rules folder") == true)
    }

    @Test("a symbolic link inside the folder to a file inside it loads")
    func symlinkInside() throws {
        let fixture = try RulesFixture(["real/spam.txt": Self.good])
        try FileManager.default.createSymbolicLink(
            at: fixture.directory.appendingPathComponent("spam.yaml"),
            withDestinationURL: fixture.directory.appendingPathComponent("real/spam.txt"))
        #expect(try fixture.load().rules.map(\.id) == ["spam.link-flood"])
    }

    @Test("a words list that is a symbolic link out of the folder is an error naming it and the rule")
    func symlinkedWordsOutside() throws {
        let outside = try RulesFixture(["words.txt": "idiot\n"], policy: false)
        let fixture = try RulesFixture([
            "abuse.yaml": "rules:\n  - id: abuse.words\n    words: lists/words.txt\n    action: hold\n"
        ])
        try FileManager.default.createDirectory(
            at: fixture.directory.appendingPathComponent("lists"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: fixture.directory.appendingPathComponent("lists/words.txt"),
            withDestinationURL: outside.directory.appendingPathComponent("words.txt"))
        let problems = fixture.problems()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.file == "lists/words.txt")
        #expect(problems.first?.ruleID == "abuse.words")
        #expect(problems.first?.description.contains("resolves outside the rules folder") == true)
    }

    @Test("a set loads again from the file texts it keeps, with the same version and rules")
    func loadsFromKeptTexts() throws {
        let fixture = try RulesFixture([
            "spam.yaml": Self.good,
            "abuse.yaml": "rules:\n  - id: abuse.words\n    words: lists/words.txt\n    action: hold\n",
            "lists/words.txt": "idiot\n",
        ])
        let set = try fixture.load()
        #expect(Set(set.files.keys) == ["policy.yaml", "spam.yaml", "abuse.yaml", "lists/words.txt"])
        let again = try RulesLoader(files: set.files).load()
        #expect(again.version == set.version)
        #expect(again.rules.map(\.id) == set.rules.map(\.id))
        #expect(again.files == set.files)
    }

    @Test("the policy loads alone: a broken rules file does not stop it, a broken policy names its line")
    func policyAlone() throws {
        let broken = try RulesFixture(["spam.yaml": "rules:\n  - id: x.broken\n    pattern: '(unclosed'\n    action: hold\n"])
        #expect(!broken.problems().isEmpty)
        #expect(try RulesLoader(directory: broken.directory).loadPolicy().fields[.email]?.required == true)
        let typo = try RulesFixture(["policy.yaml": "mode: post-moderation\nfields:\n  body: { required: true, maxlength: 10 }\n"]
        )
        #expect(throws: RulesLoadError.self) { try RulesLoader(directory: typo.directory).loadPolicy() }
        do {
            _ = try RulesLoader(directory: typo.directory).loadPolicy()
        } catch {
            #expect(error.problems.first?.file == "policy.yaml")
            #expect(error.problems.first?.line == 3)
        }
    }
}

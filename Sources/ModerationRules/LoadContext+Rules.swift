import Foundation
import PCRE2
import Yams

extension LoadContext {
    /// The keys a rule may have; any other key is an error, so a typo never passes silently.
    static let ruleKeys: Set<String> = [
        "id", "description", "field", "pattern", "words", "flags", "min_count",
        "action", "score", "normalize", "mode", "tests",
    ]

    /// Whether an id is `category.name`: dot-separated parts of lowercase letters, digits, `-` and `_`,
    /// each starting with a letter or digit, at least two parts.
    static func isValidID(_ id: String) -> Bool {
        let parts = id.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count >= 2
            && parts.allSatisfy { part in
                guard let first = part.first, (0x61...0x7A).contains(first) || (0x30...0x39).contains(first) else { return false }
                return part.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F }
            }
    }

    /// Reads one rules file: a mapping with a `rules:` list.
    mutating func loadRules(file: String) -> [Rule] {
        guard let text = read(file) else { return [] }
        guard let root = compose(text, file: file) else { return [] }
        var reader = MappingReader(node: root, file: file, ruleID: nil, allowed: ["rules"])
        defer { problems += reader.problems }
        guard reader.isMapping else { return [] }
        guard let list = reader.node("rules") else {
            reader.problem("missing 'rules:' list", at: root)
            return []
        }
        guard case .sequence(let entries) = list else {
            reader.problem("'rules' must be a list of rules", at: list)
            return []
        }
        if entries.isEmpty {
            reader.problem("'rules' is an empty list; to retire the file's rules, delete the file", at: list)
            return []
        }
        return entries.compactMap { loadRule($0, file: file) }
    }

    /// Reads and compiles one rule entry; nil when it has problems (recorded).
    mutating func loadRule(_ node: Node, file: String) -> Rule? {
        let id = node["id"]?.string
        var reader = MappingReader(node: node, file: file, ruleID: id, allowed: Self.ruleKeys)
        defer { problems += reader.problems }
        guard reader.isMapping else { return nil }
        let before = reader.problems.count
        if id == nil {
            reader.problem("missing 'id'", at: node)
        } else if let id, !Self.isValidID(id) {
            reader.problem("id must be category.name in lowercase letters, digits, '-' and '_'", at: node["id"])
        }
        let target = reader.enumeration("field", RuleTarget.self) ?? .body
        let action = reader.enumeration("action", RuleAction.self)
        if reader.node("action") == nil { reader.problem("missing 'action' (reject, hold, approve or score)", at: node) }
        let mode = reader.enumeration("mode", RuleMode.self) ?? .enforce
        let minCount = reader.int("min_count", minimum: 1) ?? 1
        let score = reader.int("score", minimum: 1)
        if action == .score, score == nil, reader.node("score") == nil {
            reader.problem("action: score needs a 'score'", at: node)
        }
        if action != .score, action != nil, reader.node("score") != nil {
            reader.problem("'score' only goes with action: score", at: reader.node("score"))
        }
        let normalize = reader.bool("normalize") ?? false
        var options: PatternOptions = []
        for flag in reader.strings("flags") ?? [] {
            switch flag {
            case "caseless": options.insert(.caseless)
            case "multiline": options.insert(.multiline)
            case "dotall": options.insert(.dotall)
            case "extended": options.insert(.extended)
            default:
                reader.problem(
                    "flags: unknown flag '\(flag)'; allowed: caseless, multiline, dotall, extended", at: reader.node("flags"))
            }
        }
        let examples = readExamples(&reader)
        let patternSource = reader.string("pattern")
        let wordsFile = reader.string("words")
        var source: String?
        switch (patternSource, wordsFile) {
        case (let pattern?, nil):
            source = pattern
        case (nil, let words?):
            if let words = loadWords(words, ruleID: id, line: reader.node("words")?.mark?.line, reader: &reader) {
                source = WordList.pattern(for: words)
                options.insert(.caseless)
            }
        case (.some, .some):
            reader.problem("give either 'pattern' or 'words', not both", at: node)
        case (nil, nil):
            reader.problem("missing 'pattern' or 'words'", at: node)
        }
        var compiled: Pattern?
        if let source {
            do {
                compiled = try Pattern(source, options: options)
            } catch {
                let what = wordsFile == nil ? "pattern" : "the words list"
                reader.problem(
                    "\(what) does not compile: \(error)", at: reader.node("pattern") ?? reader.node("words"), pcre2: error)
            }
        }
        guard reader.problems.count == before, let id, let action, let compiled else { return nil }
        return Rule(
            id: id, description: reader.string("description") ?? "", target: target, pattern: compiled,
            wordsFile: wordsFile, minCount: minCount, action: action, score: score ?? 0, normalize: normalize,
            mode: mode, examples: examples, location: RuleLocation(file: file, line: node.mark?.line))
    }

    /// Reads a rule's `tests:` mapping.
    private mutating func readExamples(_ reader: inout MappingReader) -> RuleExamples {
        guard let node = reader.node("tests") else { return RuleExamples() }
        var tests = MappingReader(
            node: node, file: reader.file, ruleID: reader.ruleID, allowed: ["match", "no_match"], path: "tests")
        let examples = RuleExamples(match: tests.strings("match") ?? [], noMatch: tests.strings("no_match") ?? [])
        reader.problems.append(contentsOf: tests.problems)
        return examples
    }

    /// Reads a words file named by a rule: relative to the rules folder and inside it.
    private mutating func loadWords(_ path: String, ruleID: String?, line: Int?, reader: inout MappingReader) -> [String]? {
        if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            reader.problem("words: '\(path)' must be a path inside the rules folder", at: reader.node("words"))
            return nil
        }
        guard let text = read(path, line: line, ruleID: ruleID) else { return nil }
        let words = WordList.parse(text)
        if words.isEmpty {
            reader.problem("words: '\(path)' lists no words", at: reader.node("words"))
            return nil
        }
        return words
    }
}

extension Yams.Node.Mapping {
    /// The value for a string key.
    subscript(key: String) -> Node? {
        self[Node(key)]
    }
}

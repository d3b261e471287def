import Foundation
import PCRE2
import TextFolding
import Yams

/// Reads a rules folder (`policy.yaml`, rule files `*.yaml`, word lists) into a compiled ``RuleSet``.
///
/// Loading is strict: unknown keys, wrong types, duplicate ids, missing files, empty rules files and
/// patterns that do not compile are all errors, and every one is reported, not only the first. Every
/// file read must resolve (symbolic links followed) inside the rules folder.
///
/// A loader reads either a folder on disk or the file texts of a set loaded before (``RuleSet/files``,
/// as the worker keeps the last good set in its database): the same texts give the same set and version.
public struct RulesLoader: Sendable {
    /// Where the files come from.
    enum Source: Sendable {
        case folder(URL)
        case files([String: String])
    }

    /// The rules folder (for a loader of stored texts, a placeholder naming where they came from).
    public var directory: URL
    let source: Source

    /// Creates a loader for a folder.
    public init(directory: URL) {
        self.directory = directory
        self.source = .folder(directory)
    }

    /// Creates a loader for the file texts of a set loaded before (relative path → text).
    public init(files: [String: String]) {
        self.directory = URL(fileURLWithPath: "/")
        self.source = .files(files)
    }

    /// The names of the folder's top-level YAML files, sorted; nil when the folder cannot be listed.
    private func yamlFiles() -> [String]? {
        let names: [String]
        switch source {
        case .folder(let url):
            guard let listed = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return nil }
            names = listed
        case .files(let files):
            names = files.keys.filter { !$0.contains("/") }
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    private var unreadableFolder: RulesLoadError {
        RulesLoadError(problems: [
            RulesProblem(file: directory.path, message: "cannot read the rules folder: it is missing or not a folder")
        ])
    }

    /// Loads `policy.yaml` alone: what intake needs. A broken rules file does not affect it.
    /// - Throws: ``RulesLoadError`` with every problem of `policy.yaml`.
    public func loadPolicy() throws(RulesLoadError) -> Policy {
        var context = LoadContext(source: source)
        guard let files = yamlFiles() else { throw unreadableFolder }
        guard files.contains("policy.yaml") else {
            throw RulesLoadError(problems: [
                RulesProblem(file: "policy.yaml", message: "missing: every rules folder needs a policy.yaml")
            ])
        }
        guard let policy = context.loadPolicy(file: "policy.yaml"), context.problems.isEmpty else {
            throw RulesLoadError(problems: context.problems)
        }
        return policy
    }

    /// Loads and compiles the folder.
    /// - Throws: ``RulesLoadError`` with every problem found.
    public func load() throws(RulesLoadError) -> RuleSet {
        var context = LoadContext(source: source)
        guard let files = yamlFiles() else { throw unreadableFolder }
        var policy: Policy?
        if files.contains("policy.yaml") {
            policy = context.loadPolicy(file: "policy.yaml")
        } else {
            context.problems.append(RulesProblem(file: "policy.yaml", message: "missing: every rules folder needs a policy.yaml"))
        }
        var rules: [Rule] = []
        for file in files where file != "policy.yaml" {
            rules += context.loadRules(file: file)
        }
        var seen: [String: RuleLocation] = [:]
        for rule in rules {
            if let first = seen[rule.id] {
                context.problems.append(
                    RulesProblem(
                        file: rule.location.file, line: rule.location.line, ruleID: rule.id,
                        message: "duplicate id: already defined at \(first)"))
            } else {
                seen[rule.id] = rule.location
            }
        }
        if rules.contains(where: \.normalize), !ConfusableTable.shared.isAvailable {
            context.problems.append(
                RulesProblem(
                    file: "normalize",
                    message:
                        "rules use normalize: true, but Unicode's confusables data is missing beside the binary (moderate_TextFolding.resources)"
                ))
        }
        guard context.problems.isEmpty, let policy else {
            throw RulesLoadError(problems: context.problems)
        }
        return RuleSet(policy: policy, rules: rules, version: context.hash.hex, files: context.texts)
    }
}

/// A file's bytes, or why it could not be read.
enum FileRead {
    case bytes(Data)
    case problem(String)
}

/// The mutable state of one load: problems found so far and the running content hash.
struct LoadContext {
    let source: RulesLoader.Source
    var problems: [RulesProblem] = []
    var hash = ContentHash()
    /// The text of every file read, by its path relative to the folder.
    var texts: [String: String] = [:]

    init(source: RulesLoader.Source) {
        self.source = source
    }

    /// The bytes of a file of the folder, or the problem that stops it being read. A path that
    /// resolves outside the folder (through `..` or a symbolic link) is refused.
    private func data(_ file: String) -> FileRead {
        switch source {
        case .files(let files):
            guard let text = files[file] else { return .problem("cannot read the file") }
            return .bytes(Data(text.utf8))
        case .folder(let directory):
            let root = directory.standardizedFileURL.resolvingSymlinksInPath().path
            let url = directory.appendingPathComponent(file).standardizedFileURL.resolvingSymlinksInPath()
            let prefix = root.hasSuffix("/") ? root : root + "/"
            guard url.path.hasPrefix(prefix) else {
                return .problem("resolves outside the rules folder (to \(url.path)); every rules file must be inside it")
            }
            guard let data = FileManager.default.contents(atPath: url.path) else { return .problem("cannot read the file") }
            return .bytes(data)
        }
    }

    /// Reads a file of the folder as UTF-8 text and mixes it into the hash; nil (with a problem) on failure.
    mutating func read(_ file: String, line: Int? = nil, ruleID: String? = nil) -> String? {
        let data: Data
        switch self.data(file) {
        case .bytes(let bytes): data = bytes
        case .problem(let message):
            problems.append(RulesProblem(file: file, line: line, ruleID: ruleID, message: message))
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            problems.append(RulesProblem(file: file, line: line, ruleID: ruleID, message: "the file is not valid UTF-8"))
            return nil
        }
        hash.combine(file.utf8)
        hash.combine([0])
        data.withUnsafeBytes { hash.combine($0) }
        hash.combine([0])
        texts[file] = text
        return text
    }

    /// Parses YAML text into a node; nil (with a problem naming the line) when it is malformed.
    ///
    /// Plain scalars are not resolved to YAML 1.1 types (the default resolver runs several regular
    /// expressions on every scalar, most of the cost of loading thousands of rules): the readers
    /// construct numbers and booleans from the text of the keys that hold them.
    mutating func compose(_ text: String, file: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else {
                problems.append(RulesProblem(file: file, message: "the file is empty (no YAML document in it)"))
                return nil
            }
            return node
        } catch let error as YamlError {
            problems.append(RulesProblem(file: file, line: error.line, message: "malformed YAML: \(error.problem)"))
        } catch {
            problems.append(RulesProblem(file: file, message: "malformed YAML: \(error)"))
        }
        return nil
    }
}

extension YamlError {
    /// The line YAML reported, when it did.
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            mark.line
        default:
            nil
        }
    }

    /// The problem without the echoed document.
    var problem: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        case .reader(let problem, _, _, _):
            problem
        default:
            "\(self)"
        }
    }
}

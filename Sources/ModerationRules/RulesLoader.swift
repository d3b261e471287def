import Foundation
import PCRE2
import TextFolding
import Yams

/// Reads a rules folder (`policy.yaml`, rule files `*.yaml`, word lists) into a compiled ``RuleSet``.
///
/// Loading is strict: unknown keys, wrong types, duplicate ids, missing files and patterns that do
/// not compile are all errors, and every one is reported, not only the first.
public struct RulesLoader: Sendable {
    /// The rules folder.
    public var directory: URL

    /// Creates a loader for a folder.
    public init(directory: URL) {
        self.directory = directory
    }

    /// Loads and compiles the folder.
    /// - Throws: ``RulesLoadError`` with every problem found.
    public func load() throws(RulesLoadError) -> RuleSet {
        var context = LoadContext(directory: directory)
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .sorted()
        } catch {
            throw RulesLoadError(problems: [
                RulesProblem(file: directory.path, message: "cannot read the rules folder: it is missing or not a folder")
            ])
        }
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
        return RuleSet(policy: policy, rules: rules, version: context.hash.hex)
    }
}

/// The mutable state of one load: problems found so far and the running content hash.
struct LoadContext {
    let directory: URL
    var problems: [RulesProblem] = []
    var hash = ContentHash()

    init(directory: URL) {
        self.directory = directory
    }

    /// Reads a file of the folder as UTF-8 text and mixes it into the hash; nil (with a problem) on failure.
    mutating func read(_ file: String, line: Int? = nil, ruleID: String? = nil) -> String? {
        let url = directory.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            problems.append(RulesProblem(file: file, line: line, ruleID: ruleID, message: "cannot read the file"))
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
        return text
    }

    /// Parses YAML text into a node; nil (with a problem naming the line) when it is malformed.
    ///
    /// Plain scalars are not resolved to YAML 1.1 types (the default resolver runs several regular
    /// expressions on every scalar, most of the cost of loading thousands of rules): the readers
    /// construct numbers and booleans from the text of the keys that hold them.
    mutating func compose(_ text: String, file: String) -> Node? {
        do {
            return try Yams.compose(yaml: text, .basic)
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

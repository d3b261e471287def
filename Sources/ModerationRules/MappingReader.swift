import PCRE2
import Yams

/// Reads typed values out of one YAML mapping, recording a problem for every wrong type and every
/// key it was not told about.
struct MappingReader {
    let file: String
    let ruleID: String?
    let path: String?
    private let mapping: Node.Mapping?
    /// The mapping's values by key text (Yams' own lookup compares whole nodes, tags included).
    private let values: [String: Node]
    private let line: Int?
    var problems: [RulesProblem] = []

    /// Wraps `node`, which must be a mapping whose keys are all in `allowed`.
    init(node: Node, file: String, ruleID: String?, allowed: Set<String>, path: String? = nil) {
        self.file = file
        self.ruleID = ruleID
        self.path = path
        self.line = node.mark?.line
        if case .mapping(let mapping) = node {
            self.mapping = mapping
            var values: [String: Node] = [:]
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                if values[name] == nil { values[name] = value }
            }
            self.values = values
            for key in mapping.keys {
                let name = key.string ?? "?"
                if !allowed.contains(name) {
                    problem(
                        "unknown key '\(name)'\(path.map { " in \($0)" } ?? ""); allowed: \(allowed.sorted().joined(separator: ", "))",
                        at: key)
                }
            }
        } else {
            self.mapping = nil
            self.values = [:]
            problem("expected a mapping of keys\(path.map { " for \($0)" } ?? "")", at: node)
        }
    }

    /// Whether the node was a mapping.
    var isMapping: Bool { mapping != nil }

    /// Records a problem at a node's line.
    mutating func problem(_ message: String, at node: Node?, pcre2: PCRE2Error? = nil) {
        problems.append(RulesProblem(file: file, line: node?.mark?.line ?? line, ruleID: ruleID, message: message, pcre2: pcre2))
    }

    /// The raw node for a key.
    func node(_ key: String) -> Node? {
        values[key]
    }

    private func name(_ key: String) -> String {
        path.map { "\($0).\(key)" } ?? key
    }

    /// A string value (scalars of any plain type are accepted as their text).
    mutating func string(_ key: String) -> String? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node else {
            problem("\(name(key)) must be a string", at: node)
            return nil
        }
        return scalar.string
    }

    /// A whole number no smaller than `minimum`.
    mutating func int(_ key: String, minimum: Int) -> Int? {
        guard let node = node(key) else { return nil }
        guard let value = node.int, case .scalar = node else {
            problem("\(name(key)) must be a whole number", at: node)
            return nil
        }
        guard value >= minimum else {
            problem("\(name(key)) must be at least \(minimum), not \(value)", at: node)
            return nil
        }
        return value
    }

    /// A true/false value.
    mutating func bool(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        guard let value = node.bool, case .scalar = node else {
            problem("\(name(key)) must be true or false", at: node)
            return nil
        }
        return value
    }

    /// One of an enumeration's raw values.
    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E?
    where E.RawValue == String {
        guard let text = string(key) else { return nil }
        guard let value = E(rawValue: text) else {
            problem("\(name(key)): '\(text)' is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))", at: node(key))
            return nil
        }
        return value
    }

    /// A list of strings.
    mutating func strings(_ key: String) -> [String]? {
        guard let node = node(key) else { return nil }
        guard case .sequence(let sequence) = node else {
            problem("\(name(key)) must be a list", at: node)
            return nil
        }
        var values: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item else {
                problem("\(name(key)) must hold only strings", at: item)
                continue
            }
            values.append(scalar.string)
        }
        return values
    }

    /// A nested mapping.
    mutating func mapping(_ key: String) -> Node.Mapping? {
        guard let node = node(key) else { return nil }
        guard case .mapping(let value) = node else {
            problem("\(name(key)) must be a mapping", at: node)
            return nil
        }
        return value
    }
}

extension ModerationMode: CaseIterable {
    /// Both modes.
    public static let allCases: [ModerationMode] = [.postModeration, .preModeration]
}

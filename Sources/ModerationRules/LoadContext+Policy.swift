import PCRE2
import Yams

extension LoadContext {
    /// Reads `policy.yaml`; nil when it has problems (recorded).
    mutating func loadPolicy(file: String) -> Policy? {
        guard let text = read(file), let root = compose(text, file: file) else { return nil }
        var reader = MappingReader(node: root, file: file, ruleID: nil, allowed: ["mode", "length_unit", "fields", "scores"])
        defer { problems += reader.problems }
        guard reader.isMapping else { return nil }
        let before = problems.count + reader.problems.count
        let mode = reader.enumeration("mode", ModerationMode.self) ?? .postModeration
        let unit = reader.enumeration("length_unit", LengthUnit.self) ?? .characters
        var fields: [CommentField: FieldPolicy] = [:]
        if let fieldsNode = reader.mapping("fields") {
            for (key, value) in fieldsNode {
                guard let name = key.string, let field = CommentField(rawValue: name) else {
                    reader.problem(
                        "fields: unknown field \(key.string.map { "'\($0)'" } ?? "key"); known: name, email, body, url", at: key)
                    continue
                }
                var fieldReader = MappingReader(
                    node: value, file: file, ruleID: nil, allowed: ["required", "max_length", "max_bytes", "pattern"],
                    path: "fields.\(name)")
                let required = fieldReader.bool("required") ?? false
                let maxLength = fieldReader.int("max_length", minimum: 1)
                let maxBytes = fieldReader.int("max_bytes", minimum: 1)
                var pattern: Pattern?
                if let source = fieldReader.string("pattern") {
                    do {
                        pattern = try Pattern(source)
                    } catch {
                        fieldReader.problem("fields.\(name).pattern does not compile: \(error)", at: value, pcre2: error)
                    }
                }
                reader.problems += fieldReader.problems
                fields[field] = FieldPolicy(required: required, maxLength: maxLength, maxBytes: maxBytes, pattern: pattern)
            }
        } else {
            reader.problem("fields: missing; the policy must list the form's fields", at: root)
        }
        var scores = ScoreThresholds(hold: 5, reject: 10)
        if let scoresNode = reader.node("scores") {
            var scoreReader = MappingReader(
                node: scoresNode, file: file, ruleID: nil, allowed: ["hold", "reject"], path: "scores")
            scores = ScoreThresholds(
                hold: scoreReader.int("hold", minimum: 1) ?? 5, reject: scoreReader.int("reject", minimum: 1) ?? 10)
            if scores.reject < scores.hold {
                scoreReader.problem("scores: reject (\(scores.reject)) must not be below hold (\(scores.hold))", at: scoresNode)
            }
            reader.problems += scoreReader.problems
        }
        guard problems.count + reader.problems.count == before else { return nil }
        return Policy(mode: mode, lengthUnit: unit, fields: fields, scores: scores)
    }
}

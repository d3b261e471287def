import Foundation

@testable import ModerationRules

/// A rules folder written to a fresh temporary directory.
struct RulesFixture {
    let directory: URL

    static let policy = """
        mode: post-moderation
        length_unit: characters
        fields:
          name:  { required: true,  max_length: 100 }
          email: { required: true,  max_length: 254, pattern: '\\A[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\z' }
          body:  { required: true,  max_length: 1500 }
          url:   { required: false, max_length: 2000, pattern: '\\Ahttps?://\\S+\\z' }
        scores: { hold: 5, reject: 10 }
        """

    /// Writes `files` (relative path → text); a policy is added unless given or `policy` is false.
    init(_ files: [String: String], policy: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var all = files
        if policy, all["policy.yaml"] == nil { all["policy.yaml"] = Self.policy }
        for (path, text) in all {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func load() throws(RulesLoadError) -> RuleSet {
        try RulesLoader(directory: directory).load()
    }

    func engine() throws -> ModerationEngine {
        ModerationEngine(ruleSet: try load())
    }

    /// The problems of a folder that must fail to load.
    func problems() -> [RulesProblem] {
        do {
            _ = try load()
            return []
        } catch {
            return error.problems
        }
    }
}

/// A comment that passes the policy, with the given body.
func comment(_ body: String) -> CommentInput {
    CommentInput(article: "a1", name: "Reader", email: "reader@example.com", body: body)
}

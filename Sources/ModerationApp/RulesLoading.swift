import Foundation
import ModerationRules

extension Settings {
    /// Loads and compiles the rules folder, turning load problems into a usage-free data error.
    public func loadEngine(directory: String? = nil) throws(AppError) -> ModerationEngine {
        ModerationEngine(ruleSet: try loadRuleSet(directory: directory))
    }

    /// Loads and compiles the rules folder (policy and rules) without building an engine's matching
    /// plan: for commands that only apply the policy, such as `submit`.
    public func loadRuleSet(directory: String? = nil) throws(AppError) -> RuleSet {
        let folder = directory ?? rules
        do {
            return try RulesLoader(directory: URL(fileURLWithPath: folder)).load()
        } catch {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw AppError(.noInput, "\(folder): no such rules folder")
            }
            throw AppError(.dataError, error.problems.map { "\(folder)/\($0)" })
        }
    }
}

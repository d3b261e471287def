import Foundation
import ModerationRules

extension Settings {
    /// Loads and compiles the rules folder, turning load problems into a usage-free data error.
    public func loadEngine(directory: String? = nil) throws(AppError) -> ModerationEngine {
        ModerationEngine(ruleSet: try loadRuleSet(directory: directory))
    }

    /// Loads `policy.yaml` alone, for intake (`submit`): the rules files are not read, so a broken
    /// one never refuses or delays a comment. A broken policy is a configuration error (exit 78)
    /// naming the file and line.
    public func loadPolicy(directory: String? = nil) throws(AppError) -> Policy {
        let folder = directory ?? rules
        do {
            return try RulesLoader(directory: URL(fileURLWithPath: folder)).loadPolicy()
        } catch {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw AppError(.config, "\(folder): no such rules folder")
            }
            throw AppError(.config, error.problems.map { "\(folder)/\($0)" })
        }
    }

    /// Loads and compiles the rules folder (policy and rules).
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

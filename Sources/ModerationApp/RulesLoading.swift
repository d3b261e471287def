import Foundation
import ModerationRules

extension Settings {
    /// Loads and compiles the rules folder, turning load problems into a usage-free data error.
    public func loadEngine(directory: String? = nil) throws(AppError) -> ModerationEngine {
        let folder = directory ?? rules
        do {
            let ruleSet = try RulesLoader(directory: URL(fileURLWithPath: folder)).load()
            return ModerationEngine(ruleSet: ruleSet)
        } catch {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw AppError(.noInput, "\(folder): no such rules folder")
            }
            throw AppError(.dataError, error.problems.map { "\(folder)/\($0)" })
        }
    }
}

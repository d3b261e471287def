import Foundation
import Logging
import ModerationRules

/// Holds the engine the worker uses, and swaps in a new one when the rules files change and load.
/// A rules set that fails to load leaves the last good engine in place.
public actor RulesProvider {
    /// Loads and compiles the rules.
    public typealias Loader = @Sendable () throws -> ModerationEngine

    private let load: Loader
    private let directory: URL?
    private let logger: Logger
    private var fingerprint: String
    /// The engine in use.
    public private(set) var engine: ModerationEngine

    /// Creates a provider with an engine already loaded; `directory` is watched for changes.
    public init(engine: ModerationEngine, directory: URL?, logger: Logger, load: @escaping Loader) {
        self.engine = engine
        self.directory = directory
        self.logger = logger
        self.load = load
        self.fingerprint = directory.map(RulesProvider.fingerprint(of:)) ?? ""
    }

    /// Reloads when the files changed since the last load (or always, when `force`); true when a new engine is in use.
    @discardableResult
    public func reloadIfChanged(force: Bool = false) -> Bool {
        let current = directory.map(RulesProvider.fingerprint(of:)) ?? ""
        guard force || current != fingerprint else { return false }
        fingerprint = current
        do {
            let next = try load()
            let previous = engine.ruleSet.version
            engine = next
            logger.notice(
                "rules reloaded",
                metadata: [
                    "rules.version": "\(next.ruleSet.version)", "rules.previous": "\(previous)",
                    "rules.count": "\(next.ruleSet.rules.count)",
                ])
            return true
        } catch {
            logger.error(
                "rules failed to load; keeping the last good rules",
                metadata: [
                    "rules.version": "\(engine.ruleSet.version)", "error": "\(error)",
                ])
            return false
        }
    }

    /// Names, sizes and modification times of every file under the folder: cheap to compute, changes on any edit.
    static func fingerprint(of directory: URL) -> String {
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey]
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: keys) else { return "" }
        var entries: [String] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: Set(keys))
            let time = values?.contentModificationDate?.timeIntervalSince1970 ?? 0
            entries.append("\(url.path)|\(values?.fileSize ?? -1)|\(time)")
        }
        return entries.sorted().joined(separator: "\n")
    }
}

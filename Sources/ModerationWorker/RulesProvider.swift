import Foundation
import Logging
import ModerationRules
import ModerationStore

/// Holds the engine the worker uses, and swaps in a new one when the rules files change and load.
/// A rules set that fails to load leaves the last good engine in place; every set that loads is
/// kept in the store (when given) as the last good set, for a worker that starts on broken files.
public actor RulesProvider {
    /// Loads and compiles the rules.
    public typealias Loader = @Sendable () throws -> ModerationEngine

    private let load: Loader
    private let directory: URL?
    private let logger: Logger
    private let store: (any ModerationStore)?
    private var fingerprint: String
    /// The engine in use.
    public private(set) var engine: ModerationEngine

    /// Creates a provider with an engine already loaded; `directory` is watched for changes, and
    /// each set that loads is kept in `store` as the last good set.
    public init(
        engine: ModerationEngine, directory: URL?, logger: Logger, store: (any ModerationStore)? = nil,
        load: @escaping Loader
    ) {
        self.engine = engine
        self.directory = directory
        self.logger = logger
        self.store = store
        self.load = load
        self.fingerprint = directory.map(RulesProvider.fingerprint(of:)) ?? ""
    }

    /// A provider for a worker that starts: the rules on disk when they load (kept in the store as
    /// the last good set), else the last good set kept in the store, with an error-level log naming
    /// each problem and the version and time of the set in use.
    /// - Throws: ``RulesUnavailable`` when the files do not load and the store keeps no set: the
    ///   worker must not start (comments stay pending).
    public static func starting(
        directory: URL?, store: any ModerationStore, logger: Logger, now: Date = Date(), load: @escaping Loader
    ) async throws -> RulesProvider {
        let fingerprint = directory.map(RulesProvider.fingerprint(of:)) ?? ""
        do {
            let engine = try load()
            let provider = RulesProvider(engine: engine, directory: directory, logger: logger, store: store, load: load)
            await provider.keep(engine.ruleSet, now: now)
            return provider
        } catch {
            let problems = "\(error)"
            guard let kept = try await store.lastGoodRules() else {
                logger.critical(
                    "rules failed to load and no last good rules set is stored; the worker does not start",
                    metadata: ["error": "\(problems)"])
                throw RulesUnavailable(problems: problems)
            }
            let set: RuleSet
            do {
                set = try RulesLoader(files: kept.files).load()
            } catch {
                throw RulesUnavailable(
                    problems: problems + "\nthe stored rules set \(kept.version) does not load either: \(error)")
            }
            let at = ISO8601DateFormatter().string(from: kept.storedAt)
            logger.error(
                "rules failed to load; running the last good rules set \(set.version) stored at \(at) until the files are fixed",
                metadata: ["error": "\(problems)", "rules.version": "\(set.version)", "rules.stored_at": "\(at)"])
            let provider = RulesProvider(
                engine: ModerationEngine(ruleSet: set), directory: directory, logger: logger, store: store, load: load)
            await provider.setFingerprint(fingerprint)
            return provider
        }
    }

    private func setFingerprint(_ value: String) {
        fingerprint = value
    }

    /// Keeps a set that loaded as the store's last good set; a failure is logged, not fatal.
    private func keep(_ set: RuleSet, now: Date) async {
        guard let store, !set.files.isEmpty else { return }
        do {
            try await store.saveLastGoodRules(StoredRules(version: set.version, files: set.files, storedAt: now))
        } catch {
            logger.warning(
                "could not store the rules as the last good set",
                metadata: ["rules.version": "\(set.version)", "error": "\(error)"])
        }
    }

    /// Reloads when the files changed since the last load (or always, when `force`); true when a new engine is in use.
    @discardableResult
    public func reloadIfChanged(force: Bool = false) async -> Bool {
        let current = directory.map(RulesProvider.fingerprint(of:)) ?? ""
        guard force || current != fingerprint else { return false }
        fingerprint = current
        do {
            let next = try load()
            let previous = engine.ruleSet.version
            engine = next
            await keep(next.ruleSet, now: Date())
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

/// The worker cannot start: the rules files do not load and the store keeps no last good set.
public struct RulesUnavailable: Error, Sendable, CustomStringConvertible {
    /// Every load problem, one a line.
    public var problems: String

    /// Creates the error.
    public init(problems: String) {
        self.problems = problems
    }

    /// The problems, then why the worker stops.
    public var description: String {
        problems
            + "\nno last good rules set is stored in the database: the worker does not start (comments stay pending); fix the rules (moderate rules lint) and start it again"
    }
}

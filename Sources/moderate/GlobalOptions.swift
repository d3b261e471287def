import ArgumentParser
import Foundation
import ModerationApp

/// The options every command accepts after its name.
struct GlobalOptions: ParsableArguments {
    @Option(help: "The config file (default: Config/moderate.yaml when present; env MODERATE_CONFIG).")
    var config: String?

    @Option(help: "The database: a SQLite path or postgres://user:pass@host:port/db (env MODERATE_DATABASE).")
    var database: String?

    @Option(help: "The rules folder (default: Rules; env MODERATE_RULES).")
    var rules: String?

    /// Settings from these flags, the environment, the config file and the defaults, in that order.
    func settings(extra: [String: String] = [:]) throws(AppError) -> Settings {
        var flags = extra
        if let database { flags["database"] = database }
        if let rules { flags["rules"] = rules }
        return try Settings.resolve(config: config, flags: flags, environment: ProcessInfo.processInfo.environment)
    }
}

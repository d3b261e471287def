import ArgumentParser
import Foundation
import ModerationApp
import ModerationStore

extension Rules {
    /// `moderate rules backtest DIR`: what a candidate rules folder would do to the stored comments.
    struct Backtest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backtest",
            abstract:
                "Replay stored comments through a candidate rules folder: decisions that change, rules that catch more or less, agreement with moderators.",
            discussion: """
                Example: moderate rules backtest candidate/ --last 20000 --max-newly-rejected-approved 1
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The candidate rules folder.") var candidate: String
        @Option(help: "Only comments submitted at or after this time (ISO 8601, e.g. 2026-11-01T00:00:00Z).") var since: String?
        @Option(help: "Only comments submitted before this time (ISO 8601).") var until: String?
        @Option(help: "Only the most recent N stored comments.") var last: Int?
        @Option(help: "table or json.") var format = "table"
        @Option(
            help:
                "Exit 1 when more than this percentage of moderator-approved comments would newly be rejected (for CI)."
        )
        var maxNewlyRejectedApproved: Double?

        func validate() throws {
            if !["table", "json"].contains(format) { throw ValidationError("--format is table or json.") }
            if let last, last < 1 { throw ValidationError("--last must be at least 1.") }
            for (name, value) in [("--since", since), ("--until", until)] {
                if let value, Self.date(value) == nil {
                    throw ValidationError("\(name) is a time in ISO 8601, such as 2026-11-01T00:00:00Z.")
                }
            }
        }

        static func date(_ text: String) -> Date? {
            let formatter = ISO8601DateFormatter()
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withFullDate]
            return formatter.date(from: text)
        }

        func run() async throws {
            try await reporting {
                let settings = try global.settings()
                let engine = try settings.loadEngine(directory: candidate)
                let scope = ModerationApp.Backtest.Scope(
                    since: since.flatMap(Self.date), until: until.flatMap(Self.date), last: last)
                let report = try await withStore(global, readOnly: true) { store, _ in
                    try await ModerationApp.Backtest(candidate: engine).run(on: store, scope: scope)
                }
                print(format == "json" ? JSONOutput.line(report) : ModerationApp.Backtest.text(report))
                if let limit = maxNewlyRejectedApproved, report.newlyRejectedApprovedShare * 100 > limit {
                    printError(
                        String(
                            format:
                                "backtest: %.2f%% of moderator-approved comments would newly be rejected, over the %.2f%% allowed",
                            report.newlyRejectedApprovedShare * 100, limit))
                    throw ExitCode.failure
                }
            }
        }
    }
}

import ArgumentParser
import ModerationApp

/// `moderate worker`: process the queue as a long-lived service.
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract:
            "Process the queue: claim, decide with the rules, record. SIGTERM/SIGINT finish the comments in hand, then exit 0.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Drain the queue, then exit.") var once = false
    @Option(help: "Comments claimed at once.") var batch: Int?
    @Option(help: "Claim loops in this process.") var concurrency: Int?

    func run() async throws {
        try await reporting {
            var extra: [String: String] = [:]
            if let batch { extra["worker.batch"] = String(batch) }
            if let concurrency { extra["worker.concurrency"] = String(concurrency) }
            let settings = try global.settings(extra: extra)
            if let summary = try await WorkerRun.run(settings: settings, once: once) { printError(summary) }
        }
    }
}

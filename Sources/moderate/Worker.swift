import ArgumentParser
import Foundation
import ModerationApp
import ModerationStore
import ModerationWorker
import ServiceLifecycle

/// `moderate worker`: process the queue as a long-lived service.
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Process the queue: claim, decide with the rules, record. SIGTERM/SIGINT finish the comments in hand, then exit 0.")

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
            let logger = LogSetup.logger(label: "moderate.worker", level: settings.logLevel)
            let engine = try settings.loadEngine()
            let store = try await StoreOpener.open(settings.database, logger: logger)
            let provider = RulesProvider(engine: engine, directory: URL(fileURLWithPath: settings.rules), logger: logger) {
                try settings.loadEngine()
            }
            let configuration = WorkerConfiguration(batch: settings.workerBatch, concurrency: settings.workerConcurrency,
                                                    leaseSeconds: settings.leaseSeconds, pollSeconds: settings.pollSeconds,
                                                    maxAttempts: settings.maxAttempts, once: once)
            let worker = QueueWorker(store: store, rules: provider, configuration: configuration, logger: logger)
            var services = [ServiceGroupConfiguration.ServiceConfiguration(
                service: worker, successTerminationBehavior: .gracefullyShutdownGroup)]
            if !once {
                services.append(.init(service: RulesReloader(provider: provider, interval: settings.reloadSeconds, logger: logger)))
            }
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            do {
                try await group.run()
            } catch let error as StoreError {
                await StoreOpener.close(store)
                throw AppError(error)
            }
            if once, let counts = try? await store.stateCounts() {
                printError("decided \(await worker.decided); queue: " + CommentState.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", "))
            }
            await StoreOpener.close(store)
        }
    }
}

import Foundation
import ModerationStore
import ModerationWorker
import ServiceLifecycle

/// What `moderate worker` does: the queue worker and the rules reloader as one service group.
public enum WorkerRun {
    /// Runs the worker until SIGTERM or SIGINT (or, with `once`, until the queue is drained).
    /// Returns a summary line for standard error when `once` is set.
    public static func run(settings: Settings, once: Bool) async throws -> String? {
        let logger = LogSetup.logger(label: "moderate.worker", level: settings.logLevel)
        // A service worker waits for its database (started before PostgreSQL, or during an outage);
        // `--once` is a command a person or a script runs, and fails at once.
        let store: any ModerationStore
        if once {
            store = try await StoreOpener.open(settings, logger: logger)
        } else {
            store = try await StoreOpener.openWaiting(settings, logger: logger, maximumWait: settings.startupWaitSeconds)
        }
        // The rules on disk, else the last good set kept in the database (logged at error level);
        // with neither, the worker does not start and comments stay pending.
        let provider: RulesProvider
        do {
            provider = try await RulesProvider.starting(
                directory: URL(fileURLWithPath: settings.rules), store: store, logger: logger
            ) { try settings.loadEngine() }
        } catch let error as RulesUnavailable {
            await StoreOpener.close(store)
            throw AppError(.config, error.description)
        } catch let error as StoreError {
            await StoreOpener.close(store)
            throw AppError(error)
        }
        let configuration = WorkerConfiguration(
            batch: settings.workerBatch, concurrency: settings.workerConcurrency,
            leaseSeconds: settings.leaseSeconds, pollSeconds: settings.pollSeconds,
            maxAttempts: settings.maxAttempts, once: once)
        let worker = QueueWorker(
            store: store, rules: provider, configuration: configuration, logger: logger, encodeVerdict: VerdictJSON.line)
        var services = [
            ServiceGroupConfiguration.ServiceConfiguration(
                service: worker, successTerminationBehavior: .gracefullyShutdownGroup)
        ]
        if !once {
            services.append(.init(service: RulesReloader(provider: provider, interval: settings.reloadSeconds, logger: logger)))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as StoreError {
            await StoreOpener.close(store)
            throw AppError(error)
        }
        var summary: String?
        if once, let counts = try? await store.stateCounts() {
            summary =
                "decided \(await worker.decided); queue: "
                + CommentState.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        }
        await StoreOpener.close(store)
        return summary
    }
}

import Foundation
import Logging
import ModerationRules
import ModerationStore
import ServiceLifecycle

/// The queue worker: claims batches under a lease, decides them with the rules, writes the verdicts.
///
/// On graceful shutdown (SIGTERM/SIGINT through a `ServiceGroup`) each loop finishes the batch in
/// hand and returns. A worker that dies loses nothing: its leases run out and another worker takes
/// the comments; the store writes each verdict once.
public struct QueueWorker: Service {
    private let store: any ModerationStore
    private let rules: RulesProvider
    private let configuration: WorkerConfiguration
    private let logger: Logger
    private let encodeVerdict: @Sendable (Verdict) -> String
    private let counter = DecisionCounter()

    /// Creates a worker. `encodeVerdict` writes the verdict stored with each decision (the app's
    /// JSON wire format; the worker does not define it).
    public init(
        store: any ModerationStore, rules: RulesProvider, configuration: WorkerConfiguration, logger: Logger,
        encodeVerdict: @escaping @Sendable (Verdict) -> String
    ) {
        self.store = store
        self.rules = rules
        self.configuration = configuration
        self.logger = logger
        self.encodeVerdict = encodeVerdict
    }

    /// Comments this worker has decided so far.
    public var decided: Int {
        get async { await counter.value }
    }

    /// Runs the claim loops until the queue is drained (`once`) or a graceful shutdown.
    public func run() async throws {
        logger.info(
            "worker started",
            metadata: [
                "worker.id": "\(configuration.workerID)", "worker.batch": "\(configuration.batch)",
                "worker.concurrency": "\(configuration.concurrency)",
            ])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<max(1, configuration.concurrency) {
                group.addTask { try await self.loop(lane: lane) }
            }
            try await group.waitForAll()
        }
        let decided = await counter.value
        logger.info("worker stopped", metadata: ["worker.id": "\(configuration.workerID)", "worker.decided": "\(decided)"])
    }

    /// One claim loop.
    private func loop(lane: Int) async throws {
        let owner = configuration.concurrency > 1 ? "\(configuration.workerID)#\(lane)" : configuration.workerID
        var backoff = 0.1
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let batch: [StoredComment]
            do {
                batch = try await store.claim(
                    owner: owner, limit: configuration.batch,
                    leaseDuration: configuration.leaseSeconds, now: Date())
                backoff = 0.1
            } catch let error as StoreError where error.kind == .busy || (error.kind == .unavailable && !configuration.once) {
                logger.warning(
                    "claim failed; retrying",
                    metadata: ["worker.id": "\(owner)", "error": "\(error)", "retry.seconds": "\(backoff)"])
                let delay = backoff
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(delay)) }
                backoff = min(backoff * 2, 10)
                continue
            }
            if batch.isEmpty {
                if configuration.once { return }
                let store = store
                let timeout = configuration.pollSeconds
                await cancelWhenGracefulShutdown { await store.waitForWork(timeout: timeout) }
                continue
            }
            try await process(batch, owner: owner)
        }
    }

    /// Decides one claimed batch and writes it in one transaction; retries the write while the store is busy.
    func process(_ batch: [StoredComment], owner: String) async throws {
        let engine = await rules.engine
        let bans = try await store.bans()
        let verdicts = BatchDecider(
            engine: engine, bans: bans, maxAttempts: configuration.maxAttempts, logger: logger, encode: encodeVerdict
        ).decide(batch)
        var delay = 0.05
        while true {
            do {
                let written = try await store.complete(verdicts, owner: owner, now: Date())
                await counter.add(written.count)
                if written.count < verdicts.count {
                    logger.warning(
                        "lease lost before the verdict was written; another worker decides these",
                        metadata: ["worker.id": "\(owner)", "comments.lost": "\(verdicts.count - written.count)"])
                }
                logger.debug("batch decided", metadata: ["worker.id": "\(owner)", "comments.count": "\(written.count)"])
                return
            } catch let error as StoreError where error.kind == .busy || error.kind == .unavailable {
                guard delay < configuration.leaseSeconds else { throw error }
                logger.warning("writing verdicts failed; retrying", metadata: ["error": "\(error)", "retry.seconds": "\(delay)"])
                try await Task.sleep(for: .seconds(delay))
                delay *= 2
            }
        }
    }
}

/// A running count shared by the claim loops.
actor DecisionCounter {
    private(set) var value = 0

    func add(_ count: Int) {
        value += count
    }
}

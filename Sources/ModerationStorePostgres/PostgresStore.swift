import Foundation
import Logging
import ModerationStore
import PostgresNIO

/// A ``ModerationStore`` on PostgreSQL, for many workers on many machines sharing one queue.
///
/// Workers claim with `FOR UPDATE SKIP LOCKED`, submissions wake idle workers with `NOTIFY moderate_work`, and
/// every write is one transaction. Create it with ``connect(url:logger:)`` and end it with ``shutdown()``:
///
/// ```swift
/// let store = try await PostgresStore.connect(url: "postgres://moderate:secret@db:5432/moderate")
/// defer { Task { await store.shutdown() } }      // or: try await PostgresStore.withStore(url: …) { store in … }
/// ```
///
/// The store owns the background tasks it needs: the connection pool's `run()` and the work listener. They are
/// not exposed as a swift-service-lifecycle `Service` because the store is also used by short CLI commands
/// that run no service group; a long-lived worker calls ``shutdown()`` when its service group tells it to stop.
///
/// A connection lost in the middle of a call is logged and the call retried with exponential back-off
/// (``RetryPolicy``), so a server restart costs callers a pause, not an error. A call that lost its connection
/// while committing is retried only where a second run is harmless; otherwise it throws `.unavailable`,
/// saying the outcome is unknown.
public final class PostgresStore: ModerationStore {
    /// Where the store is connected.
    public let configuration: Configuration
    /// The migration versions this store applied when it connected (empty when the schema was up to date).
    public let migrationsApplied: [Int]

    let client: PostgresClient
    let logger: Logger
    let signal: WorkSignal
    private let runTask: Task<Void, Never>
    private let listenerTask: Task<Void, Never>?

    private init(
        configuration: Configuration, migrationsApplied: [Int], client: PostgresClient, logger: Logger,
        signal: WorkSignal, runTask: Task<Void, Never>, listenerTask: Task<Void, Never>?
    ) {
        self.configuration = configuration
        self.migrationsApplied = migrationsApplied
        self.client = client
        self.logger = logger
        self.signal = signal
        self.runTask = runTask
        self.listenerTask = listenerTask
    }

    deinit {
        // A store dropped without `shutdown()` still stops its background work.
        listenerTask?.cancel()
        runTask.cancel()
    }

    /// Connects to the database a `postgres://` URL names and brings its schema up to date.
    ///
    /// Throws `StoreError` with kind `.unavailable` at once when the server cannot be reached.
    public static func connect(url: String, logger: Logger = Logger(label: "moderate.store.postgres")) async throws
        -> PostgresStore
    {
        try await connect(configuration: Configuration(url: url), logger: logger)
    }

    /// Connects with an explicit configuration and brings the schema up to date.
    ///
    /// Throws `StoreError` with kind `.unavailable` at once when the server cannot be reached.
    public static func connect(
        configuration: Configuration,
        logger: Logger = Logger(label: "moderate.store.postgres")
    ) async throws -> PostgresStore {
        try configuration.validate()
        var logger = logger
        logger[metadataKey: "db.target"] = "\(configuration.redactedDescription)"

        // A direct connection first: it fails fast when nothing listens (the pool would keep retrying for a
        // minute), and it runs the migrations under their advisory lock.
        let applied: [Int]
        do {
            let connection = try await PostgresConnection.connect(
                on: PostgresClient.defaultEventLoopGroup.any(),
                configuration: configuration.connectionConfiguration,
                id: 0,
                logger: logger
            ).get()
            do {
                applied = try await PostgresMigrator(createsSchema: configuration.schema != nil, logger: logger)
                    .migrate(on: connection)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            let failure = PostgresFailure(error)
            logger.warning("cannot open the PostgreSQL store", metadata: ["db.error": "\(failure.error)"])
            throw failure.error
        }

        let client = PostgresClient(configuration: configuration.clientConfiguration, backgroundLogger: logger)
        let runTask = Task { await client.run() }
        let signal = WorkSignal()
        var listenerTask: Task<Void, Never>?
        if configuration.listensForWork {
            let listener = WorkListener(configuration: configuration, signal: signal, logger: logger)
            listenerTask = Task { await listener.run() }
            // Once `connect` returns, a submission by anyone wakes this store's `waitForWork`.
            await signal.waitUntilListening(timeout: configuration.connectTimeout)
        }
        logger.debug("PostgreSQL store ready", metadata: ["db.migrations.applied": "\(applied)"])
        return PostgresStore(
            configuration: configuration, migrationsApplied: applied, client: client, logger: logger,
            signal: signal, runTask: runTask, listenerTask: listenerTask)
    }

    /// Connects, runs `body` with the store, and shuts the store down however `body` ends.
    public static func withStore<Result: Sendable>(
        url: String, logger: Logger = Logger(label: "moderate.store.postgres"),
        _ body: (PostgresStore) async throws -> Result
    ) async throws -> Result {
        try await withStore(configuration: Configuration(url: url), logger: logger, body)
    }

    /// ``withStore(url:logger:_:)`` with an explicit configuration.
    public static func withStore<Result: Sendable>(
        configuration: Configuration, logger: Logger = Logger(label: "moderate.store.postgres"),
        _ body: (PostgresStore) async throws -> Result
    ) async throws -> Result {
        let store = try await connect(configuration: configuration, logger: logger)
        do {
            let result = try await body(store)
            await store.shutdown()
            return result
        } catch {
            await store.shutdown()
            throw error
        }
    }

    /// Stops listening, closes every connection and ends the background tasks. Calls made afterwards fail.
    public func shutdown() async {
        listenerTask?.cancel()
        await listenerTask?.value
        runTask.cancel()
        await runTask.value
    }

    /// Waits until a submission is stored (by any process) or `timeout` passes.
    ///
    /// A notification that arrived since the last wait returns at once, and so does the first wait after the
    /// listener reconnected, since notifications sent while it was away are lost: at worst a worker claims once
    /// for nothing. A timeout longer than a day waits a day.
    public func waitForWork(timeout: TimeInterval) async {
        guard timeout > 0 else { return }
        let limit = Duration.seconds(min(timeout, 86_400))  // a day at most: `.infinity` is not a Duration
        if configuration.listensForWork {
            await signal.wait(timeout: limit)
        } else {
            try? await Task.sleep(for: limit)
        }
    }
}

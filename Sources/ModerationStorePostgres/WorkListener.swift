import Foundation
import Logging
import ModerationStore
import PostgresNIO

/// Keeps one connection outside the pool listening on the `moderate_work` channel, reconnecting with
/// exponential back-off when it is lost, and forwards notifications for this store's schema to a ``WorkSignal``.
///
/// Submissions notify with the submitting connection's `current_schema()` as payload, so stores that share a
/// database but not a schema (tests, several deployments) wake only for their own work.
struct WorkListener: Sendable {
    /// The channel submissions notify.
    static let channel = "moderate_work"

    let configuration: PostgresStore.Configuration
    let signal: WorkSignal
    let logger: Logger

    /// Listens until the surrounding task is cancelled.
    func run() async {
        var failures = 0
        var everListened = false
        while !Task.isCancelled {
            do {
                try await listenOnce(afterReconnect: everListened) {
                    everListened = true
                    failures = 0
                }
            } catch {
                if Task.isCancelled { break }
                failures += 1
                let failure = PostgresFailure(error)
                let delay = backoff(failures)
                logger.warning(
                    "work listener lost its PostgreSQL connection; reconnecting",
                    metadata: [
                        "db.error": "\(failure.error)",
                        "db.listener.attempt": "\(failures)",
                        "retry.delay_ms": "\(Int(delay / .milliseconds(1)))",
                    ])
                await signal.listenerLost()
                try? await Task.sleep(for: delay)
            }
        }
        await signal.listenerLost()
    }

    /// Back-off between reconnection attempts: 100 ms doubling, capped at 5 s, so a listener recovers soon
    /// after the server does and never hammers it.
    private func backoff(_ failures: Int) -> Duration {
        let delay = Duration.milliseconds(100) * (1 << min(failures - 1, 10))
        return min(delay, .seconds(5))
    }

    private func listenOnce(afterReconnect: Bool, onListening: () -> Void) async throws {
        let connection = try await PostgresConnection.connect(
            on: PostgresClient.defaultEventLoopGroup.any(),
            configuration: configuration.connectionConfiguration,
            id: Int.random(in: 1...Int(Int32.max)),
            logger: logger
        ).get()
        do {
            var schema = ""
            for try await name in try await connection.query("SELECT coalesce(current_schema(), '')", logger: logger)
                .decode(String.self)
            {
                schema = name
            }
            try await connection.listen(on: Self.channel) { notifications in
                await signal.listenerReady(afterReconnect: afterReconnect)
                onListening()
                logger.debug("listening for new work", metadata: ["db.channel": "\(Self.channel)"])
                for try await notification in notifications where notification.payload.isEmpty || notification.payload == schema {
                    await signal.notify()
                }
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
        if !Task.isCancelled {
            // The sequence ended without an error: the connection went away quietly. Reconnect.
            throw StoreError(.unavailable, "the work listener's connection closed")
        }
    }
}

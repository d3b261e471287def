import Logging
import ModerationStore
import PostgresNIO

extension PostgresStore {
    /// How a call touches the database, which decides when it may be retried.
    enum Access {
        /// Reads only: always safe to run again.
        case read
        /// One statement outside an explicit transaction; `retrySafe` when running it twice does no harm.
        case statement(retrySafe: Bool)
        /// Several statements in one transaction; `retrySafe` when running it twice does no harm, so that a
        /// connection lost while committing (outcome unknown) may be retried.
        case transaction(retrySafe: Bool)
    }

    /// Runs `body` on a pooled connection, inside `BEGIN … COMMIT` for `.transaction`, retrying lost
    /// connections and serialization failures as ``RetryPolicy`` says, and maps every failure to `StoreError`.
    func perform<T: Sendable>(
        _ operation: String, _ access: Access,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let policy = configuration.retry
        var attempt = 1
        while true {
            var sent = false
            do {
                return try await client.withConnection { connection in
                    switch access {
                    case .read:
                        return try await body(connection)
                    case .statement:
                        sent = true
                        return try await body(connection)
                    case .transaction:
                        try await connection.query("BEGIN", logger: logger)
                        let value: T
                        do {
                            value = try await body(connection)
                        } catch {
                            // A lost connection has rolled back on the server already, and a query written to a
                            // closed PostgresNIO connection can wait forever: roll back live connections only.
                            if PostgresFailure(error).cause != .connection, !connection.isClosed {
                                _ = try? await connection.query("ROLLBACK", logger: logger)
                            }
                            throw error
                        }
                        sent = true
                        try await connection.query("COMMIT", logger: logger)
                        return value
                    }
                }
            } catch {
                let failure = PostgresFailure(error)
                let outcomeUnknown = sent && failure.cause == .connection && !failure.serverReported
                let retryable: Bool
                switch (failure.cause, access) {
                case (.permanent, _): retryable = false
                case (.contention, _): retryable = true
                case (.connection, .read): retryable = true
                case (.connection, .statement(let safe)), (.connection, .transaction(let safe)):
                    retryable = !outcomeUnknown || safe
                }
                guard retryable, attempt < policy.maximumAttempts else {
                    if outcomeUnknown, !retryable {
                        throw StoreError(
                            .unavailable,
                            "the PostgreSQL connection was lost while \(operation) was committing;"
                                + " it may or may not have been applied", code: failure.error.code)
                    }
                    throw failure.error
                }
                let delay = policy.delay(afterAttempt: attempt)
                logger.warning(
                    failure.cause == .connection
                        ? "PostgreSQL connection lost; retrying" : "PostgreSQL transaction conflict; retrying",
                    metadata: [
                        "store.operation": "\(operation)",
                        "db.error": "\(failure.error)",
                        "retry.attempt": "\(attempt)",
                        "retry.delay_ms": "\(Int(delay / .milliseconds(1)))",
                    ])
                try await Task.sleep(for: delay)
                attempt += 1
            }
        }
    }
}

extension PostgresConnection {
    /// Runs a query and returns all its rows, so that an error sent after the first row is thrown here.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }

    /// Runs a statement and discards its rows, throwing any error the server sends.
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        try await self.query(query, logger: logger).drain()
    }
}

import Foundation
import Logging
import ModerationStore
import PostgresNIO

@testable import ModerationStorePostgres

/// The PostgreSQL server the tests use, from `MODERATE_TEST_POSTGRES_URL`; every test works in its own schema,
/// so tests run in parallel and leave nothing behind.
enum TestDatabase {
    static let environment = ProcessInfo.processInfo.environment
    /// The server's URL, or nil: then every database test is skipped.
    static let url = environment["MODERATE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// Whether database tests run.
    static let isAvailable = url != nil
    /// Whether the test that restarts the server runs (`MODERATE_TEST_POSTGRES_RESTART=1`; it disturbs others).
    static let restartEnabled = isAvailable && environment["MODERATE_TEST_POSTGRES_RESTART"] == "1"
    /// The command that restarts the server.
    static let restartCommand = environment["MODERATE_TEST_POSTGRES_RESTART_COMMAND"] ?? "pg_ctlcluster 15 main restart"

    static let logger: Logger = {
        var logger = Logger(label: "moderate.store.postgres.tests")
        logger.logLevel = environment["MODERATE_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }()

    /// A schema name no other test uses.
    static func newSchemaName() -> String {
        "moderate_test_" + UUID().uuidString.lowercased().filter { $0 != "-" }.prefix(20)
    }

    /// The store configuration for `schema`.
    static func configuration(schema: String?, applicationName: String = "moderate-test") throws -> PostgresStore.Configuration {
        guard let url else { throw StoreError(.unavailable, "MODERATE_TEST_POSTGRES_URL is not set") }
        var configuration = try PostgresStore.Configuration(url: url)
        configuration.schema = schema
        configuration.applicationName = applicationName
        configuration.maximumConnections = 4
        return configuration
    }

    /// Runs `body` with a new schema name, and drops the schema afterwards.
    static func withSchema<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        let schema = newSchemaName()
        do {
            let result = try await body(schema)
            try await dropSchema(schema)
            return result
        } catch {
            try? await dropSchema(schema)
            throw error
        }
    }

    /// Runs `body` with a store on a fresh schema, then shuts it down and drops the schema.
    static func withStore<Result: Sendable>(
        applicationName: String = "moderate-test",
        _ body: (PostgresStore) async throws -> Result
    ) async throws -> Result {
        try await withSchema { schema in
            try await PostgresStore.withStore(
                configuration: configuration(schema: schema, applicationName: applicationName), logger: logger, body)
        }
    }

    /// Runs `body` with `count` stores connected at once to a fresh schema, then shuts them all down
    /// (however `body` ends) and drops the schema.
    static func withStores<Result>(_ count: Int, _ body: ([PostgresStore]) async throws -> Result) async throws -> Result {
        try await withSchema { schema in
            let stores = try await connectStores(count, schema: schema)
            do {
                let result = try await body(stores)
                for store in stores { await store.shutdown() }
                return result
            } catch {
                for store in stores { await store.shutdown() }
                throw error
            }
        }
    }

    /// Opens `count` stores on one schema at the same time.
    static func connectStores(_ count: Int, schema: String) async throws -> [PostgresStore] {
        try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await PostgresStore.connect(
                        configuration: configuration(schema: schema, applicationName: "moderate-test-\(index)"), logger: logger)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Runs `body` on a direct connection whose search path is `schema` (or the default when nil).
    static func withConnection<Result>(schema: String?, _ body: (PostgresConnection) async throws -> Result) async throws
        -> Result
    {
        let connection = try await PostgresConnection.connect(
            on: PostgresClient.defaultEventLoopGroup.any(),
            configuration: configuration(schema: schema, applicationName: "moderate-test-admin").connectionConfiguration,
            id: 1, logger: logger
        ).get()
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// A single integer from a query in `schema`.
    static func count(_ query: PostgresQuery, schema: String) async throws -> Int {
        try await withConnection(schema: schema) { connection in
            var value = 0
            for try await count in try await connection.query(query, logger: logger).decode(Int.self) { value = count }
            return value
        }
    }

    /// Ends every server process of connections named `applicationName`, as a crash or a failover would.
    static func terminateConnections(applicationName: String) async throws -> Int {
        try await withConnection(schema: nil) { connection in
            try await connection.query(
                """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE application_name = \(applicationName) AND pid <> pg_backend_pid()
                """, logger: logger
            ).collect().count
        }
    }

    private static func dropSchema(_ schema: String) async throws {
        _ = try await withConnection(schema: schema) { connection in
            // The name is a bind-free identifier taken from the search path, as in the migrator.
            try await connection.query(
                """
                DO $$ BEGIN
                    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', current_setting('search_path'));
                END $$
                """, logger: logger
            ).collect()
        }
    }
}

/// Comments for tests.
enum Fixture {
    /// A fixed instant in whole seconds, so that it survives PostgreSQL's microsecond timestamps exactly.
    static let epoch = Date(timeIntervalSince1970: 1_750_000_000)

    static func comment(_ index: Int = 0, article: String = "a1", key: String? = nil, body: String? = nil) -> NewComment {
        NewComment(
            article: article, name: "Reader \(index)", email: "reader\(index)@example.com",
            body: body ?? "Comment number \(index)", key: key,
            submittedAt: epoch.addingTimeInterval(TimeInterval(index)))
    }

    static func verdict(_ state: CommentState, rules: [String] = [], reason: String? = nil) -> VerdictRecord {
        VerdictRecord(
            state: state, score: rules.count, rulesVersion: "rules-v1", ruleIDs: rules,
            json: #"{"decision":"\#(state.rawValue)","rules":\#(rules.count)}"#, reason: reason)
    }

    /// Submits `count` comments and lets a worker hold them all; moderators decide only decided comments.
    static func held(_ count: Int, in store: PostgresStore) async throws -> [Int64] {
        let ids = try await store.submit(batch: (0..<count).map { comment($0) }).map(\.id)
        _ = try await store.claim(owner: "holder", limit: count, leaseDuration: 60, now: epoch)
        let written = try await store.complete(
            ids.map { CompletedVerdict(commentID: $0, verdict: verdict(.held)) },
            owner: "holder", now: epoch)
        guard written == Set(ids) else { throw StoreError(.backend, "fixture: not every comment was held") }
        return ids
    }
}

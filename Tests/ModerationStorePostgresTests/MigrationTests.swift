import ModerationStore
import Testing

@testable import ModerationStorePostgres

@Suite(
    "PostgreSQL migrations", .enabled(if: TestDatabase.isAvailable, "MODERATE_TEST_POSTGRES_URL is not set"),
    .timeLimit(.minutes(1)))
struct MigrationTests {
    @Test("four stores connecting at once to a fresh schema apply each migration exactly once")
    func concurrentConnectsMigrateOnce() async throws {
        try await TestDatabase.withSchema { schema in
            let stores = try await TestDatabase.connectStores(4, schema: schema)
            let applied = stores.flatMap(\.migrationsApplied).sorted()
            for store in stores { await store.shutdown() }

            let versions = PostgresMigration.all.map(\.version)
            #expect(applied == versions)
            #expect(try await TestDatabase.count("SELECT count(*) FROM schema_migrations", schema: schema) == versions.count)

            let later = try await PostgresStore.connect(
                configuration: TestDatabase.configuration(schema: schema), logger: TestDatabase.logger)
            #expect(later.migrationsApplied.isEmpty)
            let result = try await later.submit(Fixture.comment())
            #expect(result.created)
            await later.shutdown()
        }
    }

    @Test("migration versions are numbered 1, 2, 3 … without gaps")
    func versionsAreSequential() {
        let versions = PostgresMigration.all.map(\.version)
        #expect(versions == Array(1...versions.count))
    }

    @Test("the audit log refuses updates and deletes")
    func auditLogIsAppendOnly() async throws {
        try await TestDatabase.withStore { store in
            let schema = try #require(store.configuration.schema)
            let id = try #require(try await Fixture.held(1, in: store).first)
            _ = try await store.decide([id], state: .approved, moderator: "mod", reason: nil, now: Fixture.epoch)
            await #expect(throws: (any Error).self) {
                try await TestDatabase.withConnection(schema: schema) { connection in
                    try await connection.query("DELETE FROM audit_events", logger: TestDatabase.logger).collect()
                }
            }
            #expect(try await store.history(of: id).count == 2)
        }
    }
}

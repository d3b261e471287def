import ModerationStore
import Testing

@testable import ModerationStorePostgres

@Suite("PostgreSQL store configuration")
struct ConfigurationTests {
    @Test("a URL gives host, port, user, password, database and options")
    func parsesURL() throws {
        let configuration = try PostgresStore.Configuration(
            url: "postgres://mod%40erate:p%3Ass@db.example:6543/moderation?sslmode=disable&schema=queue_1&application_name=w1")
        #expect(configuration.host == "db.example")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "mod@erate")
        #expect(configuration.password == "p:ss")
        #expect(configuration.database == "moderation")
        #expect(configuration.schema == "queue_1")
        #expect(configuration.applicationName == "w1")
        #expect(configuration.redactedDescription.contains("p:ss") == false)
    }

    @Test("defaults: port 5432, no password, no schema")
    func defaults() throws {
        let configuration = try PostgresStore.Configuration(url: "postgresql://moderate@localhost/moderate_test")
        #expect(configuration.port == 5432)
        #expect(configuration.password == nil)
        #expect(configuration.schema == nil)
    }

    @Test(
        "unusable URLs are refused",
        arguments: [
            "mysql://u@h/db", "postgres://h/db", "postgres://u@h", "postgres://u@h/db?sslmode=require",
            "postgres://u@h/db?schema=Bad-Name", "postgres://u@h/db?schema=1abc",
        ])
    func refusesBadURLs(url: String) {
        #expect(throws: StoreError.self) { try PostgresStore.Configuration(url: url) }
    }

    @Test("retry delays double up to the maximum")
    func retryDelays() {
        let policy = RetryPolicy(maximumAttempts: 5, initialDelay: .milliseconds(100), maximumDelay: .milliseconds(300))
        #expect(policy.delay(afterAttempt: 1) <= .milliseconds(100))
        #expect(policy.delay(afterAttempt: 1) >= .milliseconds(80))
        #expect(policy.delay(afterAttempt: 2) >= .milliseconds(160))
        #expect(policy.delay(afterAttempt: 10) <= .milliseconds(300))
    }

    @Test("SQLSTATEs map to the kinds callers act on")
    func sqlStates() {
        #expect(PostgresFailure.fromSQLState("40001", message: "m").error.kind == .busy)
        #expect(PostgresFailure.fromSQLState("40001", message: "m").cause == .contention)
        #expect(PostgresFailure.fromSQLState("55P03", message: "m").error.kind == .busy)
        #expect(PostgresFailure.fromSQLState("57P01", message: "m").error.kind == .unavailable)
        #expect(PostgresFailure.fromSQLState("08006", message: "m").cause == .connection)
        let unique = PostgresFailure.fromSQLState("23505", message: "m")
        #expect(unique.error.kind == .backend && unique.error.code == "23505" && unique.cause == .permanent)
    }
}

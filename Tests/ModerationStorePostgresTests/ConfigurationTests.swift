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
        #expect(throws: PostgresStore.ConfigurationError.self) { try PostgresStore.Configuration(url: url) }
    }

    @Test("ports 1 to 65535 only; IPv6 hosts in brackets; percent-encoding in every part")
    func strictParts() throws {
        #expect(try PostgresStore.Configuration(url: "postgres://u@h:1/d").port == 1)
        #expect(try PostgresStore.Configuration(url: "postgres://u@h:65535/d").port == 65535)
        for port in ["0", "65536", "99999", "notaport", "", "-1", "+5432", "5432x", "0x10", "١٢"] {
            #expect(throws: PostgresStore.ConfigurationError.self, "port \(port)") {
                try PostgresStore.Configuration(url: "postgres://u:pw@h:\(port)/d")
            }
        }
        let ipv6 = try PostgresStore.Configuration(url: "postgresql://u:p%2Fw%20x@[::1]:6000/my%20db?application_name=a%26b")
        #expect(ipv6.host == "::1" && ipv6.port == 6000 && ipv6.password == "p/w x" && ipv6.database == "my db")
        #expect(ipv6.applicationName == "a&b")
        let plain = try PostgresStore.Configuration(url: "POSTGRES://u:!x*@/d?sslmode=disable")
        #expect(plain.host == "127.0.0.1" && plain.password == "!x*")
        #expect(try PostgresStore.Configuration(url: "postgres://u:@h/d").password == "")
        #expect(try PostgresStore.Configuration(url: "postgres://u:a@b@h/d").password == "a@b", "the last @ ends the password")
    }

    @Test("sslmode: disable (and allow, prefer) connect without TLS; the others are refused saying why")
    func sslModes() throws {
        for mode in ["disable", "allow", "prefer"] {
            _ = try PostgresStore.Configuration(url: "postgres://u@h/d?sslmode=\(mode)")
        }
        for mode in ["require", "verify-ca", "verify-full"] {
            let error = #expect(throws: PostgresStore.ConfigurationError.self) {
                try PostgresStore.Configuration(url: "postgres://u@h/d?sslmode=\(mode)")
            }
            #expect(error?.message.contains("without TLS") == true)
        }
        let unknown = #expect(throws: PostgresStore.ConfigurationError.self) {
            try PostgresStore.Configuration(url: "postgres://u@h/d?sslmode=always")
        }
        #expect(unknown?.message.contains("is not one of disable") == true)
    }

    /// URLs whose every failure must keep the password `S3cretPw!x` (or a decoded form of it) out of the message.
    static let leakyURLs = [
        "postgres://probe:S3cretPw!x@localhost:notaport/probe",
        "postgres://probe:S3cretPw!x@localhost:99999/probe",
        "postgres://probe:S3cretPw!x@localhost:0/probe",
        "postgres://probe:S3cretPw!x@localhost:/probe",
        "postgres://probe:S3cretPw!x@localhost/",
        "postgres://:S3cretPw!x@localhost/probe",
        "postgres://probe:S3cretPw!x%zz@localhost/probe",
        "postgres://probe:S3cretPw!x%FF@localhost/probe",
        "postgres://pro%zzbe:S3cretPw!x@localhost/probe",
        "postgres://probe:S3cretPw!x@[::1/probe",
        "postgres://probe:S3cretPw!x@[::1]x/probe",
        "postgres://probe:S3cretPw!x@local host/probe",
        "postgres://probe:S3cretPw!x@localhost/pr%zzobe",
        "postgres://probe:S3cretPw!x@localhost/probe?sslmode=require",
        "postgres://probe:S3cretPw!x@localhost/probe?sslmode=S3cretPw!x",
        "postgres://probe:S3cretPw!x@localhost/probe?schema=Bad-Name",
        "postgres://probe:S3cretPw!x@localhost/probe?application_name=",
        "postgres://probe:S3cretPw!x@localhost/probe?schema",
        "postgres://probe:S3cret/Pw!x@localhost/probe",
        "postgres://probe:S3cret?Pw!x@localhost/probe",
        "postgres://probe:S3cret#Pw!x@localhost:5432/probe",
    ]

    @Test("no failure message holds the password, as written or decoded", arguments: leakyURLs)
    func messagesHideThePassword(url: String) {
        var message = ""
        do {
            _ = try PostgresStore.Configuration(url: url)
            Issue.record("accepted \(url)")
        } catch {
            message = PostgresStore.Configuration.scrubbing(error.message, passwordOf: url)
            #expect(!error.message.contains("S3cret"), "\(error.message)")
        }
        // A password repeated elsewhere in the URL (a parameter) is scrubbed too.
        let redacted = PostgresStore.Configuration.scrubbing(PostgresStore.Configuration.redacting(url), passwordOf: url)
        #expect(!redacted.contains("S3cret") && !redacted.contains("Pw!x"), "\(redacted)")
        #expect(!message.contains("S3cret"))
    }

    @Test("redacting keeps the rest of the URL and leaves other text alone")
    func redacting() {
        #expect(PostgresStore.Configuration.redacting("postgres://u:pw@h:1/d?x=y") == "postgres://u:***@h:1/d?x=y")
        #expect(PostgresStore.Configuration.redacting("postgres://u@h/d") == "postgres://u@h/d")
        #expect(PostgresStore.Configuration.redacting("var/db:x@y.sqlite") == "var/db:x@y.sqlite")
        #expect(
            PostgresStore.Configuration.scrubbing("failed for p%40ss and p@ss", passwordOf: "postgres://u:p%40ss@h/d")
                == "failed for *** and ***")
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

import Foundation
import Testing

/// What an operator meets when the database setting or the database itself is wrong.
@Suite("Database faults, end to end")
struct DatabaseFaultTests {
    @Test(
        "a malformed PostgreSQL URL is a usage error (64) whose output never shows the password",
        arguments: [
            "postgres://u:secret@h:notaport/d", "postgres://u:secret@h:99999/d", "postgres://u:secret@h:0/d",
            "postgres://u:secret@h/d?sslmode=verify-full", "postgres://u:secret%zz@h/d",
            "postgresql://u:secret@h/d?schema=Not-Plain", "postgres://u:sec/ret@h/d",
        ])
    func malformedURL(url: String) throws {
        let cli = try CLI()
        for arguments in [["queue", "list"], ["worker", "--once"], ["comments", "--article", "a1"]] {
            let result = try cli.run(arguments + ["--database", url], limit: .seconds(60))
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("secret"), "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("sec/ret"))
            #expect(result.stderr.contains("database postgres"), "the message names the setting: \(result.stderr)")
        }
        let submit = try cli.run(
            ["submit", "--article", "a1", "--name", "R", "--email", "r@example.com", "--body", "hello"],
            extraEnvironment: ["MODERATE_DATABASE": url], limit: .seconds(60))
        #expect(submit.status == 64, "\(submit.stderr)")
        #expect(!(submit.stdout + submit.stderr).contains("secret"))
    }
}

/// A service worker started before its database.
@Suite("Worker start-up without a database, end to end", .timeLimit(.minutes(3)))
struct WorkerStartupTests {
    /// Waits, at most `limit`, until `condition` holds; returns whether it did.
    static func eventually(limit: Duration = .seconds(60), _ condition: () -> Bool) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    @Test("with nothing listening, the service worker retries with warnings, then exits 69 naming the target")
    func givesUp() throws {
        let cli = try CLI()
        let proxy = try DelayedProxy()  // bound, never listening: every connection is refused
        defer { proxy.stop() }
        let url = "postgres://moderate:Hidden-Pw9@127.0.0.1:\(proxy.port)/moderate_test"
        let result = try cli.run(
            ["worker"], extraEnvironment: ["MODERATE_DATABASE": url, "MODERATE_WORKER_STARTUP_WAIT_SECONDS": "1.5"],
            limit: .seconds(90))
        #expect(result.status == 69, "\(result.stderr)")
        let retries = result.stderr.components(separatedBy: "database unavailable at start-up; retrying").count - 1
        #expect(retries >= 2, "\(result.stderr)")
        #expect(result.stderr.contains("warning"))
        #expect(result.stderr.contains("postgres://moderate:***@127.0.0.1:\(proxy.port)/moderate_test"), "\(result.stderr)")
        #expect(result.stderr.contains("still unreachable"))
        #expect(!result.stderr.contains("Hidden-Pw9"))
    }

    @Test("worker --once does not wait: it exits 69 at once")
    func onceDoesNotWait() throws {
        let cli = try CLI()
        let proxy = try DelayedProxy()
        defer { proxy.stop() }
        let result = try cli.run(
            ["worker", "--once"],
            extraEnvironment: [
                "MODERATE_DATABASE": "postgres://moderate@127.0.0.1:\(proxy.port)/moderate_test",
                "MODERATE_WORKER_STARTUP_WAIT_SECONDS": "600",
            ], limit: .seconds(90))
        #expect(result.status == 69, "\(result.stderr)")
        #expect(!result.stderr.contains("retrying"))
    }

    @Test(
        "the service worker connects once the server answers, and stops cleanly on SIGTERM",
        .enabled(if: Backend.postgres.isConfigured, "MODERATE_TEST_POSTGRES_URL is not set"))
    func connectsWhenServerComes() throws {
        let proxy = try DelayedProxy()
        defer { proxy.stop() }
        let url = try #require(CLI.database(.postgres, in: URL(fileURLWithPath: "/")))
        var components = try #require(URLComponents(string: url))
        let serverPort = UInt16(components.port ?? 5432)
        components.host = "127.0.0.1"
        components.port = Int(proxy.port)
        let cli = try CLI()
        let worker = try cli.startLogged(
            ["worker"], log: "worker.log",
            extraEnvironment: [
                "MODERATE_DATABASE": try #require(components.string), "MODERATE_WORKER_STARTUP_WAIT_SECONDS": "120",
            ])
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }
        #expect(Self.eventually { cli.log("worker.log").contains("retrying") }, "\(cli.log("worker.log"))")
        #expect(!cli.log("worker.log").contains("worker started"))
        proxy.start(forwardingTo: serverPort)
        #expect(Self.eventually { cli.log("worker.log").contains("worker started") }, "\(cli.log("worker.log"))")
        worker.terminate()
        #expect(waitForExit(worker, limit: .seconds(30)))
        #expect(worker.terminationStatus == 0, "\(cli.log("worker.log"))")
    }
}

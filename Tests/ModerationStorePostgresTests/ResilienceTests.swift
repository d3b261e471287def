import Foundation
import ModerationStore
import Testing

@testable import ModerationStorePostgres

@Suite(
    "PostgreSQL failures: lost connections, restarts",
    .enabled(if: TestDatabase.isAvailable, "MODERATE_TEST_POSTGRES_URL is not set"), .timeLimit(.minutes(2)))
struct ResilienceTests {
    @Test("a store keeps working after the server drops all its connections")
    func survivesTerminatedConnections() async throws {
        let name = "moderate-test-kill-\(UUID().uuidString.prefix(8))"
        try await TestDatabase.withStore(applicationName: name) { store in
            // Keys make the submissions safe to retry even when a connection dies mid-statement.
            let before = try await store.submit(batch: (0..<5).map { Fixture.comment($0, key: "kill-\($0)") })
            #expect(try await TestDatabase.terminateConnections(applicationName: name) >= 1)

            let after = try await store.submit(batch: (5..<10).map { Fixture.comment($0, key: "kill-\($0)") })
            #expect(after.allSatisfy { $0.created })
            #expect(try await store.stateCounts()[.pending] == 10)
            let claimed = try await store.claim(owner: "w", limit: 10, leaseDuration: 60, now: Fixture.epoch)
            #expect(Set(claimed.map(\.id)) == Set((before + after).map(\.id)))

            // The work listener reconnects too: a later submission from another store still wakes this one.
            let other = try await PostgresStore.connect(
                configuration: TestDatabase.configuration(schema: store.configuration.schema), logger: TestDatabase.logger)
            try await Task.sleep(for: .milliseconds(500))
            await store.waitForWork(timeout: 0.1)  // consumes the wake-up a reconnection gives
            let clock = ContinuousClock()
            let started = clock.now
            async let waited: Void = store.waitForWork(timeout: 10)
            try await Task.sleep(for: .milliseconds(200))
            _ = try await other.submit(Fixture.comment(99))
            await waited
            await other.shutdown()
            #expect(clock.now - started < .seconds(120))  // a guard against hanging, not a speed claim: CI machines are loaded
        }
    }

    @Test("a transaction whose connection dies before COMMIT is retried and applied exactly once")
    func retriesTransactionLostMidway() async throws {
        let name = "moderate-test-midway-\(UUID().uuidString.prefix(8))"
        try await TestDatabase.withStore(applicationName: name) { store in
            let schema = try #require(store.configuration.schema)
            let id = try #require(try await Fixture.held(1, in: store).first)
            try await TestDatabase.withConnection(schema: schema) { locker in
                // Hold the comment's row lock, so the decision blocks inside its transaction.
                try await locker.query("BEGIN", logger: TestDatabase.logger)
                _ = try await locker.query("SELECT id FROM comments WHERE id = \(id) FOR UPDATE", logger: TestDatabase.logger)
                    .collect()
                async let decided = store.decide([id], state: .approved, moderator: "sana", reason: nil, now: Fixture.epoch)
                try await Task.sleep(for: .milliseconds(500))
                #expect(try await TestDatabase.terminateConnections(applicationName: name) >= 1)
                try await Task.sleep(for: .milliseconds(300))
                try await locker.query("COMMIT", logger: TestDatabase.logger)
                let events = try await decided
                #expect(events.map(\.commentID) == [id])
            }
            #expect(try await store.history(of: id).map(\.kind) == [.automatic, .moderator])
            #expect(try await store.comment(id: id)?.state == .approved)
        }
    }

    /// Restarts the whole server (`MODERATE_TEST_POSTGRES_RESTART_COMMAND`, default `pg_ctlcluster 15 main restart`),
    /// which breaks every other test's connections: run it alone, e.g.
    /// `MODERATE_TEST_POSTGRES_RESTART=1 swift test --filter survivesServerRestart`.
    @Test(
        "a store survives a server restart and loses nothing (MODERATE_TEST_POSTGRES_RESTART=1)",
        .enabled(if: TestDatabase.restartEnabled, "MODERATE_TEST_POSTGRES_RESTART=1 is not set, or no server"))
    func survivesServerRestart() async throws {
        try await TestDatabase.withStore { store in
            let before = try await store.submit(batch: (0..<50).map { Fixture.comment($0) })
            _ = try await store.claim(owner: "w", limit: 10, leaseDuration: 600, now: Fixture.epoch)

            // Submit one comment after another while the server restarts underneath. Keys make every
            // submission safe to retry, so none may fail and none may be stored twice.
            let finished = Flag()
            let restart = Task.detached {
                let outcome = Result { try Self.run(TestDatabase.restartCommand) }
                await finished.set()
                try outcome.get()
            }
            var during: [SubmitResult] = []
            var index = 1_000
            while true {
                let restarted = await finished.value
                if restarted && during.count >= 200 { break }
                during.append(try await store.submit(Fixture.comment(index, key: "restart-\(index)")))
                index += 1
            }
            try await restart.value

            let after = try await store.submit(batch: (50..<100).map { Fixture.comment($0) })
            #expect(after.allSatisfy { $0.created })
            #expect(during.allSatisfy { $0.created })
            #expect(Set(during.map(\.id)).count == during.count)

            let claimed = try await store.claim(owner: "w2", limit: 10_000, leaseDuration: 600, now: Fixture.epoch)
            #expect(claimed.count == 90 + during.count)
            let written = try await store.complete(
                claimed.map { CompletedVerdict(commentID: $0.id, verdict: Fixture.verdict(.approved)) },
                owner: "w2", now: Fixture.epoch)
            #expect(written.count == claimed.count)
            #expect(try await store.stateCounts() == [.pending: 10, .approved: claimed.count, .held: 0, .rejected: 0])
            let stored = Set(try await store.comments(matching: CommentFilter()).map(\.id))
            #expect(stored == Set((before + during + after).map(\.id)))
        }
    }

    /// Runs a shell command and waits for it. posix_spawn and waitpid rather than Foundation's `Process`, whose
    /// `waitUntilExit` was seen never to return here once the command had exited.
    private static func run(_ command: String) throws {
        let strings: [String] = ["/bin/sh", "-c", command]
        let arguments = strings.map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        var argv = arguments + [nil]
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ)
        guard spawned == 0 else { throw StoreError(.backend, "cannot run `\(command)` (errno \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { throw StoreError(.backend, "`\(command)` failed with status \(status)") }
    }
}

/// A flag one task raises and another reads.
private actor Flag {
    private(set) var value = false
    func set() { value = true }
}

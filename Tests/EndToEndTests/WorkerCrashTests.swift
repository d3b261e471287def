import Foundation
import ModerationStore
import ModerationStorePostgres
import ModerationStoreSQLite
import Testing

@Suite("workers that die, and workers side by side", .serialized, .timeLimit(.minutes(5)))
struct WorkerCrashTests {
    /// `count` comments as JSONL, a mix of clean, spam and abuse.
    static func batch(_ count: Int, offset: Int = 0) -> Data {
        let bodies = [
            "long live Pakistan army", "Check out my channel http://a.test http://b.test http://c.test",
            "you are an idiot", "The TTP attack in Peshawar was condemned by everyone", "پاکستان زندہ باد",
        ]
        var text = ""
        for index in offset..<(offset + count) {
            text +=
                "{\"article\":\"a\(index % 7)\",\"name\":\"Reader \(index)\",\"email\":\"r\(index)@example.com\",\"body\":\"\(bodies[index % bodies.count]) \(index)\"}\n"
        }
        return Data(text.utf8)
    }

    @Test(
        "comments submitted; a worker SIGKILLed mid-drain; others drain the rest; each decided exactly once; all exit 0 on SIGTERM (SQLite)"
    )
    func killAndDrain() async throws {
        try await Self.killAndDrain(backend: .sqlite, total: 5000, survivors: 2)
    }

    @Test(
        "comments submitted; a worker SIGKILLed mid-drain; others drain the rest; each decided exactly once; all exit 0 on SIGTERM (PostgreSQL)",
        .enabled(if: Backend.postgres.isConfigured, "MODERATE_TEST_POSTGRES_URL is not set"))
    func killAndDrainPostgres() async throws {
        try await Self.killAndDrain(backend: .postgres, total: 5000, survivors: 4)
    }

    static func killAndDrain(backend: Backend, total: Int, survivors: Int) async throws {
        let cli = try CLI(backend: backend)
        let slow = ["MODERATE_WORKER_LEASE_SECONDS": "2", "MODERATE_WORKER_BATCH": "20", "MODERATE_WORKER_POLL_SECONDS": "0.2"]
        let path = cli.environment["MODERATE_DATABASE"]!
        // Rounds: submit a batch, start a worker that decides one comment a transaction, SIGKILL it once it
        // has decided some. On a loaded machine the test may look too late (the victim already drained the
        // batch); then another batch and another victim, until one is killed mid-drain.
        var submittedTotal = 0
        var killedMidDrain = false
        var openedStore: (any ModerationStore)?
        for round in 0..<5 where !killedMidDrain {
            let submitted = try cli.run(["submit", "--jsonl", "-"], stdin: Self.batch(total, offset: round * total))
            #expect(submitted.status == 0, "\(submitted.stderr.prefix(500))")
            #expect(submitted.lines.count == total)
            submittedTotal += total
            if openedStore == nil {
                openedStore = backend == .sqlite ? try SQLiteStore(path: path) : try await PostgresStore.connect(url: path)
            }
            let store = try #require(openedStore)
            let victim = try cli.startLogged(
                ["worker"], log: "victim\(round).log",
                extraEnvironment: slow.merging(["MODERATE_WORKER_BATCH": "1"]) { $1 })
            // Waits for the victim's first decisions; bounded, and the suite has a time limit.
            var pending = total
            for _ in 0..<60_000 {
                guard pending == total, victim.isRunning else { break }
                pending = try await store.stateCounts()[.pending] ?? 0
                try await Task.sleep(for: .milliseconds(1))
            }
            kill(victim.processIdentifier, SIGKILL)
            waitForExit(victim, limit: .seconds(30))
            #expect(victim.terminationReason == .uncaughtSignal)
            pending = try await store.stateCounts()[.pending] ?? 0
            killedMidDrain = pending > 0
        }
        #expect(killedMidDrain, "no victim was caught mid-drain in five rounds")
        let total = submittedTotal
        let store = try #require(openedStore)

        let workers = try (0..<survivors).map { try cli.startLogged(["worker"], log: "worker\($0).log", extraEnvironment: slow) }
        defer { for process in workers where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var pending = -1
        for _ in 0..<3000 {
            pending = try await store.stateCounts()[.pending] ?? 0
            let started = (0..<survivors).allSatisfy { cli.log("worker\($0).log").contains("worker started") }
            if pending == 0 && started { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(pending == 0, "the survivors did not drain the queue within about a minute")
        for process in workers { kill(process.processIdentifier, SIGTERM) }
        for process in workers {
            #expect(waitForExit(process, limit: .seconds(60)), "a worker did not exit within a minute of SIGTERM")
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
        }

        var automaticPerComment: [Int64: Int] = [:]
        let comments = try await store.comments(matching: CommentFilter())
        #expect(comments.count == total)
        for comment in comments {
            let events = try await store.history(of: comment.id)
            automaticPerComment[comment.id] = events.filter { $0.kind == .automatic }.count
            #expect(comment.state != .pending)
        }
        #expect(automaticPerComment.values.allSatisfy { $0 == 1 })
        if let postgres = store as? PostgresStore { await postgres.shutdown() }
    }
}

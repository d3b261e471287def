import Foundation
import ModerationStore
import ModerationStoreSQLite
import Testing

@Suite("workers that die, and workers side by side", .serialized)
struct WorkerCrashTests {
    /// `count` comments as JSONL, a mix of clean, spam and abuse.
    static func batch(_ count: Int) -> Data {
        let bodies = ["long live Pakistan army", "Check out my channel http://a.test http://b.test http://c.test",
                      "you are an idiot", "The TTP attack in Peshawar was condemned by everyone", "پاکستان زندہ باد"]
        var text = ""
        for index in 0..<count {
            text += "{\"article\":\"a\(index % 7)\",\"name\":\"Reader \(index)\",\"email\":\"r\(index)@example.com\",\"body\":\"\(bodies[index % bodies.count]) \(index)\"}\n"
        }
        return Data(text.utf8)
    }

    @Test("3,000 comments; a worker SIGKILLed mid-drain; two workers drain the rest; each decided exactly once")
    func killAndDrain() async throws {
        let cli = try CLI()
        let submitted = try cli.run(["submit", "--jsonl", "-"], stdin: Self.batch(3000))
        #expect(submitted.status == 0, "\(submitted.stderr.prefix(500))")
        #expect(submitted.lines.count == 3000)

        let slow = ["MODERATE_WORKER_LEASE_SECONDS": "2", "MODERATE_WORKER_BATCH": "20", "MODERATE_WORKER_POLL_SECONDS": "0.2"]
        let path = cli.environment["MODERATE_DATABASE"]!
        let store = try SQLiteStore(path: path)
        let (victim, _, _) = try cli.start(["worker"], extraEnvironment: slow)
        // Wait until the victim has decided some comments but not all, then kill it mid-drain.
        var decidedBeforeKill = 0
        for _ in 0..<600 {
            let counts = try await store.stateCounts()
            decidedBeforeKill = 3000 - (counts[.pending] ?? 0)
            if decidedBeforeKill >= 100 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(victim.terminationReason == .uncaughtSignal)
        #expect(decidedBeforeKill > 0 && decidedBeforeKill < 3000)

        let workers = try (0..<2).map { _ in try cli.start(["worker"], extraEnvironment: slow) }
        var pending = -1
        for _ in 0..<1500 {
            pending = try await store.stateCounts()[.pending] ?? 0
            if pending == 0 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(pending == 0)
        for (process, _, _) in workers { kill(process.processIdentifier, SIGTERM) }
        for (process, _, _) in workers {
            process.waitUntilExit()
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
        }

        var automaticPerComment: [Int64: Int] = [:]
        let comments = try await store.comments(matching: CommentFilter())
        #expect(comments.count == 3000)
        for comment in comments {
            let events = try await store.history(of: comment.id)
            automaticPerComment[comment.id] = events.filter { $0.kind == .automatic }.count
            #expect(comment.state != .pending)
        }
        #expect(automaticPerComment.values.allSatisfy { $0 == 1 })
    }
}

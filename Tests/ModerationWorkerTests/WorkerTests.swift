import Foundation
import Logging
import ModerationRules
import ModerationStore
import PCRE2
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@testable import ModerationWorker

/// A rules folder in a temporary directory, editable by the test.
struct RulesFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("worker-rules-\(UUID().uuidString)")

    init(rules: String) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try "mode: post-moderation\nfields:\n  body: { required: true, max_length: 1500 }\n"
            .write(to: url.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        try write(rules)
    }

    func write(_ rules: String) throws {
        try rules.write(to: url.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
    }

    func load() throws -> ModerationEngine {
        ModerationEngine(ruleSet: try RulesLoader(directory: url).load())
    }
}

let holdSpam = "rules:\n  - id: spam.word\n    pattern: 'spam'\n    action: hold\n"
let rejectSpam = "rules:\n  - id: spam.word\n    pattern: 'spam'\n    action: reject\n"

func newComment(_ body: String, email: String = "r@example.com") -> NewComment {
    NewComment(article: "a1", name: "Reader", email: email, body: body)
}

@Suite("Queue worker")
struct WorkerTests {
    let logger = Logger(label: "test")

    func worker(_ store: any ModerationStore, _ folder: RulesFolder, once: Bool, batch: Int = 10, maxAttempts: Int = 5) throws
        -> QueueWorker
    {
        let provider = RulesProvider(engine: try folder.load(), directory: folder.url, logger: logger) { try folder.load() }
        let configuration = WorkerConfiguration(
            workerID: "w1", batch: batch, concurrency: 2, leaseSeconds: 30, pollSeconds: 0.05,
            maxAttempts: maxAttempts, once: once)
        return QueueWorker(
            store: store, rules: provider, configuration: configuration, logger: logger,
            encodeVerdict: { "{\"decision\":\"\($0.decision.rawValue)\"}" })
    }

    @Test("--once drains the queue: every comment decided once, with the rules version and reasons")
    func drains() async throws {
        let store = InMemoryStore()
        let folder = try RulesFolder(rules: holdSpam)
        for index in 0..<45 { _ = try await store.submit(newComment(index % 3 == 0 ? "spam \(index)" : "hello \(index)")) }
        try await worker(store, folder, once: true).run()
        let counts = try await store.stateCounts()
        #expect(counts[.pending] == 0)
        #expect(counts[.held] == 15)
        #expect(counts[.approved] == 30)
        let held = try await store.comments(matching: CommentFilter(state: .held, limit: 1))
        let events = try await store.history(of: held[0].id)
        #expect(events.count == 1)
        #expect(events[0].kind == .automatic)
        #expect(events[0].reason == "hold rule: spam.word")
        #expect(events[0].rulesVersion == (try folder.load()).ruleSet.version)
    }

    @Test("a banned author's comment is rejected with the ban as the reason")
    func bans() async throws {
        let store = InMemoryStore()
        try await store.addBan(Ban(kind: .email, value: "TROLL@example.com", reason: "abuse", createdBy: "m"))
        let id = try await store.submit(newComment("hello", email: "troll@example.com")).id
        try await worker(store, try RulesFolder(rules: holdSpam), once: true).run()
        let stored = try #require(try await store.comment(id: id))
        #expect(stored.state == .rejected)
        #expect(stored.verdict?.reason == "banned email: abuse")
    }

    @Test("a comment claimed too many times is held for a person instead of evaluated again")
    func poisonComment() async throws {
        let store = InMemoryStore()
        let id = try await store.submit(newComment("hello")).id
        for attempt in 0..<3 {
            _ = try await store.claim(owner: "crashed-\(attempt)", limit: 1, leaseDuration: -1, now: Date())
        }
        try await worker(store, try RulesFolder(rules: holdSpam), once: true, maxAttempts: 2).run()
        let stored = try #require(try await store.comment(id: id))
        #expect(stored.state == .held)
        #expect(stored.verdict?.reason?.contains("claimed 4 times") == true)
    }

    @Test("graceful shutdown stops an idle worker promptly and loses nothing", .timeLimit(.minutes(1)))
    func gracefulShutdown() async throws {
        let store = InMemoryStore()
        let folder = try RulesFolder(rules: holdSpam)
        let worker = try worker(store, folder, once: false)
        for index in 0..<20 { _ = try await store.submit(newComment("hello \(index)")) }
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await worker.run() }
                // Until the worker has drained the queue: at most about 30 s, then the expectations below fail.
                for _ in 0..<3_000 {
                    guard try await store.stateCounts()[.pending] ?? 0 > 0 else { break }
                    try await Task.sleep(for: .milliseconds(10))
                }
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(await worker.decided == 20)
        #expect(try await store.stateCounts()[.approved] == 20)
    }

    @Test("rules reload when the files change; a broken edit keeps the last good rules")
    func reload() async throws {
        let folder = try RulesFolder(rules: holdSpam)
        let provider = RulesProvider(engine: try folder.load(), directory: folder.url, logger: logger) { try folder.load() }
        let first = await provider.engine.ruleSet.version
        #expect(await provider.reloadIfChanged() == false)
        try folder.write(rejectSpam)
        #expect(await provider.reloadIfChanged(force: true) == true)
        let second = await provider.engine
        #expect(second.ruleSet.version != first)
        #expect(second.ruleSet.rules.first?.action == .reject)
        try folder.write("rules:\n  - id: spam.word\n    pattern: '(spam'\n    action: reject\n")
        #expect(await provider.reloadIfChanged(force: true) == false)
        #expect(await provider.engine.ruleSet.version == second.ruleSet.version)
    }
}

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

    func runOnce(_ store: any ModerationStore, _ provider: RulesProvider) async throws {
        let configuration = WorkerConfiguration(
            workerID: "w1", batch: 10, concurrency: 2, leaseSeconds: 30, pollSeconds: 0.05, maxAttempts: 5, once: true)
        try await QueueWorker(
            store: store, rules: provider, configuration: configuration, logger: logger,
            encodeVerdict: { "{\"decision\":\"\($0.decision.rawValue)\"}" }
        ).run()
    }

    @Test(
        "a worker that loads its rules keeps them in the store; one that starts on broken files decides with that set and says so"
    )
    func startsOnStoredSet() async throws {
        let store = InMemoryStore()
        let folder = try RulesFolder(rules: holdSpam)
        let good = try await RulesProvider.starting(directory: folder.url, store: store, logger: logger) { try folder.load() }
        let version = await good.engine.ruleSet.version
        let kept = try #require(try await store.lastGoodRules())
        #expect(kept.version == version)
        #expect(kept.files["rules.yaml"] == holdSpam)

        try folder.write("rules:\n  - id: spam.word\n    pattern: '(unclosed'\n    action: reject\n")
        let id = try await store.submit(newComment("spam here")).id
        let logs = CapturedLogs()
        let provider = try await RulesProvider.starting(directory: folder.url, store: store, logger: logs.logger) {
            try folder.load()
        }
        #expect(await provider.engine.ruleSet.version == version)
        let errors = logs.entries.filter { $0.level == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.text.contains("rules.yaml:3") == true, "\(errors)")
        #expect(errors.first?.text.contains(version) == true)
        try await runOnce(store, provider)
        let stored = try #require(try await store.comment(id: id))
        #expect(stored.state == .held, "decided by the stored set's hold rule, not the broken reject")
        #expect(stored.verdict?.rulesVersion == version)
        #expect(await provider.reloadIfChanged() == false, "the broken files are not retried until they change")
    }

    @Test("a worker that starts on broken files with no stored set refuses to start; comments stay pending")
    func refusesWithoutStoredSet() async throws {
        let store = InMemoryStore()
        let folder = try RulesFolder(rules: "rules:\n  - id: spam.word\n    pattern: '(unclosed'\n    action: reject\n")
        let id = try await store.submit(newComment("spam here")).id
        await #expect(throws: RulesUnavailable.self) {
            _ = try await RulesProvider.starting(directory: folder.url, store: store, logger: logger) { try folder.load() }
        }
        do {
            _ = try await RulesProvider.starting(directory: folder.url, store: store, logger: logger) { try folder.load() }
        } catch let error as RulesUnavailable {
            #expect(error.description.contains("rules.yaml:3"))
            #expect(error.description.contains("no last good rules set is stored"))
        }
        #expect(try await store.comment(id: id)?.state == .pending)
        #expect(try await store.lastGoodRules() == nil)
    }

    @Test("a reload that loads stores the new set as the last good one")
    func reloadStores() async throws {
        let store = InMemoryStore()
        let folder = try RulesFolder(rules: holdSpam)
        let provider = try await RulesProvider.starting(directory: folder.url, store: store, logger: logger) { try folder.load() }
        try folder.write(rejectSpam)
        #expect(await provider.reloadIfChanged(force: true))
        #expect(try await store.lastGoodRules()?.version == (await provider.engine.ruleSet.version))
        #expect(try await store.lastGoodRules()?.files["rules.yaml"] == rejectSpam)
    }
}

/// Log entries kept in memory, for tests that check what a worker says.
final class CapturedLogs: @unchecked Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var text: String
    }

    private let lock = NSLock()
    private var stored: [Entry] = []

    var entries: [Entry] {
        lock.withLock { stored }
    }

    var logger: Logger {
        Logger(label: "captured") { _ in Handler(logs: self) }
    }

    func append(_ entry: Entry) {
        lock.withLock { stored.append(entry) }
    }

    struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            logs.append(Entry(level: event.level, text: ([event.message.description] + fields).joined(separator: " ")))
        }
    }
}

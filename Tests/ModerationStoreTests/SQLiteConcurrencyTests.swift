import Foundation
import ModerationStore
import ModerationStoreSQLite
import Testing

/// Two stores on one file stand for two processes sharing a queue.
@Suite("SQLite store shared by processes")
struct SQLiteConcurrencyTests {
    @Test("Four claimers on two stores never get the same comment", .timeLimit(.minutes(1)))
    func concurrentClaims() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("shared.sqlite")
        let first = try SQLiteStore(path: path)
        let second = try SQLiteStore(path: path)
        defer {
            try? first.close()
            try? second.close()
        }
        let total = 2_000
        _ = try await first.submit(batch: (0..<total).map { Fixture.comment($0) })

        let claimers: [(owner: String, store: SQLiteStore)] = [("a1", first), ("b1", second), ("a2", first), ("b2", second)]
        let claimedByOwner = try await withThrowingTaskGroup(of: (String, [Int64]).self) { group in
            for claimer in claimers {
                group.addTask {
                    var mine: [Int64] = []
                    while true {
                        let batch = try await claimer.store.claim(
                            owner: claimer.owner, limit: 25, leaseDuration: 600,
                            now: Fixture.time(10_000))
                        if batch.isEmpty { break }
                        mine += batch.map(\.id)
                        let verdicts = batch.map { CompletedVerdict(commentID: $0.id, verdict: Fixture.verdict(.approved)) }
                        let written = try await claimer.store.complete(verdicts, owner: claimer.owner, now: Fixture.time(10_001))
                        #expect(written == Set(batch.map(\.id)))
                    }
                    return (claimer.owner, mine)
                }
            }
            var result: [String: [Int64]] = [:]
            for try await (owner, ids) in group { result[owner] = ids }
            return result
        }

        let claimed = claimedByOwner.values.flatMap { $0 }
        #expect(claimed.count == total)
        #expect(Set(claimed).count == total)
        #expect(try await second.stateCounts() == [.pending: 0, .approved: total, .held: 0, .rejected: 0])
        let decided = try await first.comments(matching: CommentFilter(state: .approved))
        #expect(decided.allSatisfy { $0.attempts == 1 && $0.leaseOwner == nil })
        for id in claimed.prefix(50) {
            #expect(try await second.history(of: id).count == 1)
        }
    }
}

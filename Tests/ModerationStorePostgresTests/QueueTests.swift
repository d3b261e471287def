import Foundation
import ModerationStore
import ModerationStorePostgres
import Testing

@Suite(
    "PostgreSQL queue: claim, complete, release", .enabled(if: TestDatabase.isAvailable, "MODERATE_TEST_POSTGRES_URL is not set"),
    .timeLimit(.minutes(1)))
struct QueueTests {
    @Test("four concurrent claimers over 2,000 comments get every id exactly once")
    func concurrentClaimersShareTheQueue() async throws {
        try await TestDatabase.withStores(4) { stores in
            let submitted = try await stores[0].submit(batch: (0..<2_000).map { Fixture.comment($0) }).map(\.id)

            let perWorker = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for (index, store) in stores.enumerated() {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let batch = try await store.claim(
                                owner: "worker-\(index)", limit: 25,
                                leaseDuration: 600, now: Fixture.epoch)
                            if batch.isEmpty { return mine }
                            #expect(batch.allSatisfy { $0.leaseOwner == "worker-\(index)" && $0.attempts == 1 })
                            mine += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            let all = perWorker.flatMap { $0 }
            #expect(all.count == 2_000)
            #expect(Set(all) == Set(submitted))
            #expect(perWorker.filter { !$0.isEmpty }.count >= 2, "the claims should have been shared")
        }
    }

    @Test("a claim takes the oldest pending comments and skips leased ones")
    func claimOrderAndLeases() async throws {
        try await TestDatabase.withStore { store in
            let ids = try await store.submit(batch: (0..<5).map { Fixture.comment($0) }).map(\.id)
            let first = try await store.claim(owner: "a", limit: 2, leaseDuration: 60, now: Fixture.epoch)
            #expect(first.map(\.id) == Array(ids[0..<2]))
            #expect(first[0].leaseExpiresAt == Fixture.epoch.addingTimeInterval(60))
            let second = try await store.claim(owner: "b", limit: 10, leaseDuration: 60, now: Fixture.epoch)
            #expect(second.map(\.id) == Array(ids[2..<5]))
            #expect(try await store.claim(owner: "c", limit: 10, leaseDuration: 60, now: Fixture.epoch).isEmpty)
            #expect(try await store.claim(owner: "c", limit: 0, leaseDuration: 60, now: Fixture.epoch).isEmpty)

            try await store.release([ids[0], ids[1], ids[2]], owner: "a")  // ids[2] is b's: stays leased
            let third = try await store.claim(owner: "c", limit: 10, leaseDuration: 60, now: Fixture.epoch)
            #expect(third.map(\.id) == [ids[0], ids[1]])
            #expect(third.allSatisfy { $0.attempts == 2 })
        }
    }

    @Test("an expired lease is claimed again, and the stale owner's verdict is not written")
    func expiredLeaseIsReclaimed() async throws {
        try await TestDatabase.withStore { store in
            let id = try await store.submit(Fixture.comment()).id
            let t0 = Fixture.epoch
            #expect(try await store.claim(owner: "slow", limit: 1, leaseDuration: 30, now: t0).map(\.id) == [id])
            #expect(try await store.claim(owner: "fast", limit: 1, leaseDuration: 30, now: t0.addingTimeInterval(10)).isEmpty)

            let reclaimed = try await store.claim(owner: "fast", limit: 1, leaseDuration: 30, now: t0.addingTimeInterval(31))
            #expect(reclaimed.map(\.id) == [id])
            #expect(reclaimed.first?.attempts == 2)

            let stale = try await store.complete(
                [CompletedVerdict(commentID: id, verdict: Fixture.verdict(.approved))],
                owner: "slow", now: t0.addingTimeInterval(32))
            #expect(stale.isEmpty)
            #expect(try await store.comment(id: id)?.state == .pending)
            #expect(try await store.history(of: id).isEmpty)

            let fresh = try await store.complete(
                [CompletedVerdict(commentID: id, verdict: Fixture.verdict(.held))],
                owner: "fast", now: t0.addingTimeInterval(33))
            #expect(fresh == [id])
            #expect(try await store.comment(id: id)?.state == .held)
        }
    }

    @Test("complete writes exactly one automatic audit event, even when the same verdict races itself")
    func completeWritesOnce() async throws {
        try await TestDatabase.withStore { store in
            let ids = try await store.submit(batch: (0..<20).map { Fixture.comment($0) }).map(\.id)
            _ = try await store.claim(owner: "w", limit: 20, leaseDuration: 60, now: Fixture.epoch)
            let verdicts = ids.map {
                CompletedVerdict(commentID: $0, verdict: Fixture.verdict(.held, rules: ["spam.x"], reason: "spam.x (hold)"))
            }
            let now = Fixture.epoch.addingTimeInterval(1)
            let results = try await withThrowingTaskGroup(of: Set<Int64>.self) { group in
                for _ in 0..<4 { group.addTask { try await store.complete(verdicts, owner: "w", now: now) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.reduce(0) { $0 + $1.count } == ids.count)
            #expect(results.reduce(into: Set<Int64>()) { $0.formUnion($1) } == Set(ids))

            for id in ids {
                let history = try await store.history(of: id)
                #expect(history.count == 1)
                let event = try #require(history.first)
                #expect(event.kind == .automatic)
                #expect(event.actor == "w")
                #expect(event.from == .pending)
                #expect(event.to == .held)
                #expect(event.reason == "spam.x (hold)")
                #expect(event.rulesVersion == "rules-v1")
                #expect(event.at == now)
            }
            #expect(try await store.complete(verdicts, owner: "w", now: now).isEmpty)
        }
    }

    @Test("a verdict for a comment that was never claimed by the caller is not written")
    func completeNeedsTheLease() async throws {
        try await TestDatabase.withStore { store in
            let id = try await store.submit(Fixture.comment()).id
            let written = try await store.complete(
                [CompletedVerdict(commentID: id, verdict: Fixture.verdict(.approved))],
                owner: "w", now: Fixture.epoch)
            #expect(written.isEmpty)
            #expect(try await store.complete([], owner: "w", now: Fixture.epoch).isEmpty)
        }
    }
}

import Foundation
import ModerationStore
import Testing

/// Claims, leases, verdicts and releases, for every store.
@Suite("Queue contract")
struct QueueContractTests {
    @Test("A claim hands each pending comment to one owner, oldest first", arguments: StoreKind.local)
    func claimOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.submit(batch: (0..<10).map { Fixture.comment($0) }).map(\.id)
            let now = Fixture.time(100)
            let first = try await store.claim(owner: "a", limit: 4, leaseDuration: 60, now: now)
            let second = try await store.claim(owner: "b", limit: 10, leaseDuration: 60, now: now)
            let third = try await store.claim(owner: "c", limit: 10, leaseDuration: 60, now: now)

            #expect(first.map(\.id) == Array(ids[0..<4]))
            #expect(second.map(\.id) == Array(ids[4...]))
            #expect(third.isEmpty)
            #expect(try await store.claim(owner: "a", limit: 0, leaseDuration: 60, now: now).isEmpty)
            for claimed in first {
                #expect(claimed.leaseOwner == "a")
                #expect(claimed.leaseExpiresAt == Fixture.time(160))
                #expect(claimed.attempts == 1)
                #expect(claimed.state == .pending)
            }
            let stored = try #require(try await store.comment(id: ids[5]))
            #expect(stored.leaseOwner == "b")
            #expect(stored.attempts == 1)
        }
    }

    @Test("An expired lease goes to another owner, and the first owner then writes nothing", arguments: StoreKind.local)
    func expiredLease(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let id = try await store.submit(Fixture.comment(1)).id
            _ = try await store.claim(owner: "a", limit: 1, leaseDuration: 30, now: Fixture.time(0))
            #expect(try await store.claim(owner: "b", limit: 1, leaseDuration: 30, now: Fixture.time(30)).isEmpty)

            let taken = try await store.claim(owner: "b", limit: 1, leaseDuration: 30, now: Fixture.time(31))
            #expect(taken.map(\.id) == [id])
            #expect(taken.first?.attempts == 2)
            #expect(taken.first?.leaseOwner == "b")

            let late = CompletedVerdict(commentID: id, verdict: Fixture.verdict(.approved))
            #expect(try await store.complete([late], owner: "a", now: Fixture.time(40)).isEmpty)
            #expect(try await store.state(of: id) == .pending)
            #expect(try await store.history(of: id).isEmpty)

            let onTime = CompletedVerdict(commentID: id, verdict: Fixture.verdict(.rejected))
            #expect(try await store.complete([onTime], owner: "b", now: Fixture.time(41)) == [id])
            #expect(try await store.state(of: id) == .rejected)
        }
    }

    @Test("Complete writes state, verdict, rule ids and one automatic event", arguments: StoreKind.local)
    func completeWrites(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let id = try await store.submit(Fixture.comment(1)).id
            _ = try await store.claim(owner: "worker-7", limit: 5, leaseDuration: 60, now: Fixture.time(10))
            let verdict = Fixture.verdict(.held, rules: ["spam.link-flood", "abuse.profanity-en", "spam.link-flood"], score: 3)
            let written = try await store.complete(
                [CompletedVerdict(commentID: id, verdict: verdict)],
                owner: "worker-7", now: Fixture.time(12))
            #expect(written == [id])

            let stored = try #require(try await store.comment(id: id))
            #expect(stored.state == .held)
            #expect(stored.verdict == verdict)
            #expect(stored.leaseOwner == nil)
            #expect(stored.leaseExpiresAt == nil)
            #expect(stored.updatedAt == Fixture.time(12))

            let history = try await store.history(of: id)
            #expect(history.count == 1)
            let event = try #require(history.first)
            #expect(event.commentID == id)
            #expect(event.kind == .automatic)
            #expect(event.actor == "worker-7")
            #expect(event.from == .pending)
            #expect(event.to == .held)
            #expect(event.reason == verdict.reason)
            #expect(event.rulesVersion == "rules-v1")
            #expect(event.batch == nil)
            #expect(event.at == Fixture.time(12))
        }
    }

    @Test(
        "A verdict is written once: a second complete, a duplicate or an unclaimed comment writes nothing",
        arguments: StoreKind.local)
    func writtenOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.submit(batch: [Fixture.comment(1), Fixture.comment(2)]).map(\.id)
            _ = try await store.claim(owner: "w", limit: 1, leaseDuration: 60, now: Fixture.time(10))
            let approve = CompletedVerdict(commentID: ids[0], verdict: Fixture.verdict(.approved))
            let reject = CompletedVerdict(commentID: ids[0], verdict: Fixture.verdict(.rejected, rules: ["x.y"]))
            #expect(try await store.complete([approve, reject], owner: "w", now: Fixture.time(11)) == [ids[0]])
            #expect(try await store.complete([reject], owner: "w", now: Fixture.time(12)).isEmpty)
            #expect(try await store.comment(id: ids[0])?.verdict == Fixture.verdict(.approved))
            #expect(try await store.history(of: ids[0]).count == 1)

            let unclaimed = CompletedVerdict(commentID: ids[1], verdict: Fixture.verdict(.approved))
            let unknown = CompletedVerdict(commentID: Fixture.unknownID, verdict: Fixture.verdict(.approved))
            #expect(try await store.complete([unclaimed, unknown], owner: "w", now: Fixture.time(13)).isEmpty)
            #expect(try await store.state(of: ids[1]) == .pending)
        }
    }

    @Test("A verdict that leaves a comment pending is refused", arguments: StoreKind.local)
    func pendingVerdictRefused(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let id = try await store.submit(Fixture.comment(1)).id
            _ = try await store.claim(owner: "w", limit: 1, leaseDuration: 60, now: Fixture.time(10))
            let error = await #expect(throws: StoreError.self) {
                try await store.complete(
                    [CompletedVerdict(commentID: id, verdict: Fixture.verdict(.pending))],
                    owner: "w", now: Fixture.time(11))
            }
            #expect(error?.kind == .conflict)
            #expect(try await store.history(of: id).isEmpty)
        }
    }

    @Test("Release gives a lease back, but only the owner's", arguments: StoreKind.local)
    func release(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let id = try await store.submit(Fixture.comment(1)).id
            _ = try await store.claim(owner: "a", limit: 1, leaseDuration: 600, now: Fixture.time(0))
            try await store.release([id], owner: "b")
            #expect(try await store.comment(id: id)?.leaseOwner == "a")

            try await store.release([id, Fixture.unknownID], owner: "a")
            let released = try #require(try await store.comment(id: id))
            #expect(released.leaseOwner == nil)
            #expect(released.leaseExpiresAt == nil)
            #expect(released.state == .pending)

            let again = try await store.claim(owner: "c", limit: 1, leaseDuration: 600, now: Fixture.time(1))
            #expect(again.map(\.id) == [id])
            #expect(again.first?.attempts == 2)
        }
    }

    @Test(
        "waitForWork returns after its timeout, and at once when its task is cancelled", .timeLimit(.minutes(1)),
        arguments: StoreKind.local)
    func waitForWork(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            await store.waitForWork(timeout: 0.01)
            await store.waitForWork(timeout: 0)
            let waiting = Task { await store.waitForWork(timeout: 3_600) }
            waiting.cancel()
            await waiting.value

            let woken = Task { await store.waitForWork(timeout: 30) }
            _ = try await store.submit(Fixture.comment(1))
            await woken.value
        }
    }
}

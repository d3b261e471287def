import Foundation
import ModerationStore
import ModerationStorePostgres
import Testing

@Suite(
    "PostgreSQL submissions and listings", .enabled(if: TestDatabase.isAvailable, "MODERATE_TEST_POSTGRES_URL is not set"),
    .timeLimit(.minutes(1)))
struct SubmitTests {
    @Test("a comment in Urdu with emoji comes back exactly as submitted")
    func roundTripUrduAndEmoji() async throws {
        try await TestDatabase.withStore { store in
            let comment = NewComment(
                article: "مضمون-۴۲", name: "عائشہ خان 🌙", email: "aisha@example.pk", url: "https://example.pk/بلاگ",
                ip: "2001:db8::1", body: "بہت اچھا مضمون! 👍🏽 شکریہ\nدوسری سطر 🇵🇰 — ZWJ 👩‍👩‍👧",
                key: "urdu-1", submittedAt: Fixture.epoch)
            let result = try await store.submit(comment)
            #expect(result.created)

            let stored = try #require(try await store.comment(id: result.id))
            #expect(stored.comment == comment)
            #expect(stored.state == .pending)
            #expect(stored.verdict == nil)
            #expect(stored.leaseOwner == nil)
            #expect(stored.attempts == 0)
            #expect(try await store.comment(id: result.id + 1_000) == nil)
        }
    }

    @Test("a repeated idempotency key returns the first id and stores nothing new")
    func idempotentKey() async throws {
        try await TestDatabase.withStore { store in
            let first = try await store.submit(Fixture.comment(1, key: "k-1"))
            let again = try await store.submit(Fixture.comment(2, key: "k-1", body: "different text"))
            #expect(first.created)
            #expect(again == SubmitResult(id: first.id, created: false))
            #expect(try await store.comment(id: first.id)?.comment.body == "Comment number 1")

            let batch = try await store.submit(batch: [
                Fixture.comment(3, key: "k-2"), Fixture.comment(4, key: "k-1"), Fixture.comment(5),
                Fixture.comment(6, key: "k-2"), Fixture.comment(7),
            ])
            #expect(batch.map(\.created) == [true, false, true, false, true])
            #expect(batch[1].id == first.id)
            #expect(batch[3].id == batch[0].id)
            #expect(try await store.stateCounts()[.pending] == 4)
        }
    }

    @Test("a batch is stored in order, and the listing filters by state, article, rule and limit")
    func batchOrderAndFilters() async throws {
        try await TestDatabase.withStore { store in
            let comments = (0..<10).map { Fixture.comment($0, article: $0.isMultiple(of: 2) ? "even" : "odd") }
            let results = try await store.submit(batch: comments)
            let ids = results.map(\.id)
            #expect(ids == ids.sorted())
            #expect(Set(ids).count == 10)

            let claimed = try await store.claim(owner: "w", limit: 3, leaseDuration: 60, now: Fixture.epoch)
            let written = try await store.complete(
                [
                    CompletedVerdict(commentID: claimed[0].id, verdict: Fixture.verdict(.held, rules: ["spam.link", "abuse.x"])),
                    CompletedVerdict(commentID: claimed[1].id, verdict: Fixture.verdict(.approved)),
                    CompletedVerdict(commentID: claimed[2].id, verdict: Fixture.verdict(.rejected, rules: ["spam.link"])),
                ], owner: "w", now: Fixture.epoch)
            #expect(written.count == 3)

            let all = try await store.comments(matching: CommentFilter())
            #expect(all.map(\.id) == ids)
            #expect(
                try await store.comments(matching: CommentFilter(article: "even")).map(\.comment.article)
                    == Array(repeating: "even", count: 5))
            #expect(try await store.comments(matching: CommentFilter(state: .held)).map(\.id) == [ids[0]])
            #expect(try await store.comments(matching: CommentFilter(ruleID: "spam.link")).map(\.id) == [ids[0], ids[2]])
            #expect(try await store.comments(matching: CommentFilter(state: .pending, limit: 2)).map(\.id) == [ids[3], ids[4]])
            #expect(try await store.comments(matching: CommentFilter(state: .pending, article: "odd", limit: 100)).count == 4)
            #expect(try await store.comments(matching: CommentFilter(limit: 0)).isEmpty)

            let counts = try await store.stateCounts()
            #expect(counts == [.pending: 7, .approved: 1, .held: 1, .rejected: 1])
        }
    }

    @Test("a verdict is stored whole: state, score, rules in order, JSON and reason")
    func verdictRoundTrip() async throws {
        try await TestDatabase.withStore { store in
            let id = try await store.submit(Fixture.comment()).id
            _ = try await store.claim(owner: "w", limit: 1, leaseDuration: 60, now: Fixture.epoch)
            let verdict = VerdictRecord(
                state: .rejected, score: 12, rulesVersion: "sha256:abc",
                ruleIDs: ["z.last", "a.first", "z.last"], json: #"{ "b": 1, "a": [2] }"#,
                reason: "spam.link-flood (reject)")
            let now = Fixture.epoch.addingTimeInterval(5)
            #expect(try await store.complete([CompletedVerdict(commentID: id, verdict: verdict)], owner: "w", now: now) == [id])
            let stored = try #require(try await store.comment(id: id))
            #expect(stored.verdict == verdict)
            #expect(stored.state == .rejected)
            #expect(stored.updatedAt == now)
            #expect(stored.leaseOwner == nil)
            #expect(try await store.comments(matching: CommentFilter(ruleID: "a.first")).map(\.id) == [id])
        }
    }
}

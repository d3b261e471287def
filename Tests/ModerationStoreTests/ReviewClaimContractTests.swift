import Foundation
import ModerationStore
import Testing

/// Review claims: two moderators on one queue, for every store.
@Suite("Review claim contract")
struct ReviewClaimContractTests {
    @Test("Two reviewers never get the same held comment while a claim lives", arguments: StoreKind.local)
    func twoReviewers(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.decided([.held, .approved, .held, .held])
            let held = [ids[0], ids[2], ids[3]]
            let first = try await store.claimForReview(
                moderator: "ayesha", filter: CommentFilter(), skipping: [], duration: 60, now: Fixture.time(200))
            let second = try await store.claimForReview(
                moderator: "bilal", filter: CommentFilter(), skipping: [], duration: 60, now: Fixture.time(200))
            #expect(first?.id == held[0])
            #expect(first?.leaseOwner == "ayesha")
            #expect(first?.leaseExpiresAt == Fixture.time(260))
            #expect(second?.id == held[1], "bilal skips ayesha's comment")
            // Ayesha asks again (her screen redraws): she keeps her own comment, renewed.
            let again = try await store.claimForReview(
                moderator: "ayesha", filter: CommentFilter(), skipping: [], duration: 60, now: Fixture.time(230))
            #expect(again?.id == held[0])
            #expect(again?.leaseExpiresAt == Fixture.time(290))
            // A third reviewer gets the last one, then nothing while both claims live.
            let third = try await store.claimForReview(
                moderator: "chand", filter: CommentFilter(), skipping: [], duration: 60, now: Fixture.time(231))
            #expect(third?.id == held[2])
            let none = try await store.claimForReview(
                moderator: "dania", filter: CommentFilter(), skipping: [], duration: 60, now: Fixture.time(232))
            #expect(none == nil)
            // Once bilal's claim runs out, it can be taken.
            let late = try await store.claimForReview(
                moderator: "dania", filter: CommentFilter(), skipping: [], duration: 60, now: Fixture.time(261))
            #expect(late?.id == held[1])
            #expect(try await store.renewReviewClaim(held[1], moderator: "bilal", duration: 60, now: Fixture.time(262)) == false)
            #expect(try await store.renewReviewClaim(held[1], moderator: "dania", duration: 60, now: Fixture.time(262)))
        }
    }

    @Test("Skipped comments and filters: article, rule and author", arguments: StoreKind.local)
    func filtersAndSkips(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.decided(
                [.held, .held, .held], rules: [["spam.link"], ["abuse.insult-en"], ["abuse.insult-en"]],
                articles: ["a1", "a2", "a2"])
            let skipping = try await store.claimForReview(
                moderator: "ayesha", filter: CommentFilter(), skipping: [ids[0]], duration: 60, now: Fixture.time(200))
            #expect(skipping?.id == ids[1])
            try await store.releaseReviewClaims([ids[1]], moderator: "ayesha")
            let byArticle = try await store.claimForReview(
                moderator: "bilal", filter: CommentFilter(article: "a1"), skipping: [], duration: 60, now: Fixture.time(200))
            #expect(byArticle?.id == ids[0])
            let byRule = try await store.claimForReview(
                moderator: "chand", filter: CommentFilter(ruleID: "abuse.insult-en"), skipping: [], duration: 60,
                now: Fixture.time(200))
            #expect(byRule?.id == ids[1], "released by ayesha, so free again")
            let byAuthor = try await store.claimForReview(
                moderator: "dania", filter: CommentFilter(author: "READER2@example.com"), skipping: [], duration: 60,
                now: Fixture.time(200))
            #expect(byAuthor?.id == ids[2])
            let listed = try await store.comments(matching: CommentFilter(author: "reader0@EXAMPLE.com"))
            #expect(listed.map(\.id) == [ids[0]])
        }
    }

    @Test(
        "Another moderator's live claim refuses a decision, naming the claimer; override and expiry let it through",
        arguments: StoreKind.local)
    func claimRefusesOthers(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.decided([.held, .held])
            let claimed = try #require(
                try await store.claimForReview(
                    moderator: "ayesha", filter: CommentFilter(), skipping: [], duration: 60, now: Fixture.time(200)))
            let error = await #expect(throws: StoreError.self) {
                try await store.decide(
                    [ids[1], claimed.id], state: .approved, moderator: "bilal", reason: nil, expecting: [.held],
                    now: Fixture.time(210))
            }
            #expect(error?.kind == .conflict)
            #expect(error?.message.contains("ayesha") == true)
            #expect(try await store.state(of: ids[1]) == .held, "nothing of the batch changed")
            // The claimer decides her own comment; the claim goes with the decision.
            let own = try await store.decide(
                [claimed.id], state: .rejected, moderator: "ayesha", reason: "abuse", expecting: [.held],
                now: Fixture.time(211))
            #expect(own.count == 1)
            #expect(try await store.comment(id: claimed.id)?.leaseOwner == nil)

            // A claim on the other comment, overridden by bilal.
            _ = try await store.claimForReview(
                moderator: "ayesha", filter: CommentFilter(), skipping: [], duration: 60, now: Fixture.time(212))
            let forced = try await store.decide(
                [ids[1]], state: .approved, moderator: "bilal", reason: "fine", expecting: [.held], overridingClaims: true,
                now: Fixture.time(213))
            #expect(forced.count == 1)
            #expect(try await store.comment(id: ids[1])?.leaseOwner == nil)
            // Ayesha's screen finds out on its next renewal.
            #expect(try await store.renewReviewClaim(ids[1], moderator: "ayesha", duration: 60, now: Fixture.time(214)) == false)

            // An expired claim does not stop anyone.
            let more = try await store.decided([.held])
            _ = try await store.claimForReview(
                moderator: "ayesha", filter: CommentFilter(), skipping: [], duration: 60, now: Fixture.time(300))
            let late = try await store.decide(
                more, state: .rejected, moderator: "bilal", reason: nil, expecting: [.held], now: Fixture.time(361))
            #expect(late.count == 1)
        }
    }
}

import Foundation
import ModerationStore
import Testing

/// Listings, filters and counts, for every store.
@Suite("Listing contract")
struct ListingContractTests {
    @Test("Filters by state, article and rule, with a limit, oldest first", arguments: StoreKind.local)
    func filters(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.decided(
                [.approved, .held, .rejected, .held, .approved],
                rules: [[], ["abuse.profanity-en"], ["spam.link-flood", "abuse.profanity-en"], ["spam.caps"], []],
                articles: ["a1", "a2", "a1", "a1", "a2"])
            let pending = try await store.submit(Fixture.comment(9, article: "a1")).id

            func list(_ filter: CommentFilter) async throws -> [Int64] {
                try await store.comments(matching: filter).map(\.id)
            }
            #expect(try await list(CommentFilter()) == ids + [pending])
            #expect(try await list(CommentFilter(state: .held)) == [ids[1], ids[3]])
            #expect(try await list(CommentFilter(state: .pending)) == [pending])
            #expect(try await list(CommentFilter(article: "a1")) == [ids[0], ids[2], ids[3], pending])
            #expect(try await list(CommentFilter(state: .approved, article: "a2")) == [ids[4]])
            #expect(try await list(CommentFilter(ruleID: "abuse.profanity-en")) == [ids[1], ids[2]])
            #expect(try await list(CommentFilter(state: .held, ruleID: "abuse.profanity-en")) == [ids[1]])
            #expect(try await list(CommentFilter(ruleID: "no.such-rule")).isEmpty)
            #expect(try await list(CommentFilter(article: "a1", limit: 2)) == [ids[0], ids[2]])
            #expect(try await list(CommentFilter(limit: 0)).isEmpty)
            #expect(try await list(CommentFilter(article: "nowhere")).isEmpty)

            let listed = try await store.comments(matching: CommentFilter(ruleID: "spam.link-flood"))
            #expect(listed.first?.verdict?.ruleIDs == ["spam.link-flood", "abuse.profanity-en"])
        }
    }

    @Test("State counts cover every state", arguments: StoreKind.local)
    func stateCounts(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.stateCounts() == [.pending: 0, .approved: 0, .held: 0, .rejected: 0])
            _ = try await store.decided([.approved, .held, .held, .rejected])
            _ = try await store.submit(batch: [Fixture.comment(10), Fixture.comment(11)])
            #expect(try await store.stateCounts() == [.pending: 2, .approved: 1, .held: 2, .rejected: 1])
        }
    }

    @Test("History of an unknown comment is empty", arguments: StoreKind.local)
    func emptyHistory(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.history(of: Fixture.unknownID).isEmpty)
            let id = try await store.submit(Fixture.comment(1)).id
            #expect(try await store.history(of: id).isEmpty, "no event is written on submission")
        }
    }
}

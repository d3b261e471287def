import Foundation
import ModerationStore
import Testing

/// The last good rules set, for every store.
@Suite("Last good rules contract")
struct RulesContractTests {
    @Test(
        "The last good rules set is kept whole, replaced by a new version, and idempotent on the version",
        arguments: StoreKind.local)
    func lastGoodRules(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.lastGoodRules() == nil)

            let first = StoredRules(
                version: "00000000000000a1",
                files: [
                    "policy.yaml": "mode: post-moderation\n", "spam.yaml": "rules:\n  - id: spam.x # ünïcode\n",
                    "lists/w.txt": "a\nb\n",
                ],
                storedAt: Fixture.time(10))
            try await store.saveLastGoodRules(first)
            #expect(try await store.lastGoodRules() == first)

            var again = first
            again.storedAt = Fixture.time(20)
            try await store.saveLastGoodRules(again)
            #expect(try await store.lastGoodRules()?.storedAt == Fixture.time(10), "the same version keeps its first time")

            let second = StoredRules(
                version: "00000000000000b2", files: ["policy.yaml": "mode: pre-moderation\n"], storedAt: Fixture.time(30))
            try await store.saveLastGoodRules(second)
            #expect(try await store.lastGoodRules() == second)
        }
    }
}

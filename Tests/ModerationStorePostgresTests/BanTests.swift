import Foundation
import ModerationStore
import ModerationStorePostgres
import Testing

@Suite(
    "PostgreSQL bans", .enabled(if: TestDatabase.isAvailable, "MODERATE_TEST_POSTGRES_URL is not set"), .timeLimit(.minutes(1)))
struct BanTests {
    @Test("bans are stored canonical, replace their reason, match any field and can be removed")
    func banLifecycle() async throws {
        try await TestDatabase.withStore { store in
            let t = Fixture.epoch
            try await store.addBan(
                Ban(kind: .email, value: "  Spammer@Example.COM ", reason: "spam", createdBy: "sana", createdAt: t))
            try await store.addBan(Ban(kind: .name, value: "Troll", createdBy: "omar", createdAt: t.addingTimeInterval(1)))
            try await store.addBan(Ban(kind: .ip, value: "203.0.113.9", createdBy: "omar", createdAt: t.addingTimeInterval(2)))
            try await store.addBan(
                Ban(
                    kind: .email, value: "spammer@example.com", reason: "repeat spam", createdBy: "omar",
                    createdAt: t.addingTimeInterval(3)))

            let bans = try await store.bans()
            #expect(bans.map(\.value) == ["spammer@example.com", "troll", "203.0.113.9"])
            #expect(bans[0].reason == "repeat spam")
            #expect(bans[0].createdBy == "sana")

            #expect(try await store.matchingBan(email: "SPAMMER@example.com", ip: nil, name: "x")?.kind == .email)
            #expect(try await store.matchingBan(email: "ok@example.com", ip: "203.0.113.9", name: "x")?.kind == .ip)
            #expect(try await store.matchingBan(email: "ok@example.com", ip: nil, name: " TROLL ")?.kind == .name)
            #expect(try await store.matchingBan(email: "ok@example.com", ip: "198.51.100.1", name: "friend") == nil)
            #expect(
                try await store.matchingBan(email: "spammer@example.com", ip: "203.0.113.9", name: "troll")?.kind == .email,
                "the oldest matching ban comes first")

            try await store.addBan(Ban(kind: .ip, value: "", createdBy: "omar", createdAt: t.addingTimeInterval(4)))
            #expect(
                try await store.matchingBan(email: "ok@example.com", ip: " ", name: "friend") == nil,
                "an empty field never matches")
            #expect(try await store.removeBan(kind: .ip, value: ""))
            #expect(try await store.removeBan(kind: .name, value: "TROLL"))
            #expect(try await store.removeBan(kind: .name, value: "troll") == false)
            #expect(try await store.bans().count == 2)
        }
    }
}

import Foundation
import ModerationStore
import Testing

/// Bans, for every store.
@Suite("Ban contract")
struct BanContractTests {
    @Test("Bans are added, listed oldest first, matched case-insensitively and removed", arguments: StoreKind.local)
    func bans(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.bans().isEmpty)
            try await store.addBan(
                Ban(kind: .name, value: "  Spam King ", reason: nil, createdBy: "omar", createdAt: Fixture.time(30)))
            try await store.addBan(
                Ban(
                    kind: .email, value: " Troll@Example.COM ", reason: "abuse", createdBy: "sana",
                    createdAt: Fixture.time(10)))
            try await store.addBan(
                Ban(kind: .ip, value: "2001:DB8::7", reason: nil, createdBy: "sana", createdAt: Fixture.time(20)))

            let listed = try await store.bans()
            #expect(listed.map(\.kind) == [.email, .ip, .name])
            #expect(listed.map(\.value) == ["troll@example.com", "2001:db8::7", "spam king"])
            #expect(
                listed[0]
                    == Ban(
                        kind: .email, value: "troll@example.com", reason: "abuse", createdBy: "sana",
                        createdAt: Fixture.time(10)))

            #expect(try await store.matchingBan(email: "TROLL@example.com", ip: nil, name: "Someone")?.kind == .email)
            #expect(try await store.matchingBan(email: "a@b.c", ip: "2001:db8::7", name: "Someone")?.kind == .ip)
            #expect(try await store.matchingBan(email: "a@b.c", ip: nil, name: "SPAM KING")?.kind == .name)
            #expect(try await store.matchingBan(email: "a@b.c", ip: "192.0.2.1", name: "Someone") == nil)
            #expect(
                try await store.matchingBan(email: "troll@example.com", ip: "2001:db8::7", name: "spam king")?.kind == .email,
                "the oldest matching ban comes first")

            try await store.addBan(
                Ban(
                    kind: .email, value: "troll@example.com", reason: "repeated abuse", createdBy: "omar",
                    createdAt: Fixture.time(40)))
            let replaced = try await store.bans()
            #expect(replaced.count == 3)
            #expect(replaced[0].reason == "repeated abuse")
            #expect(replaced[0].createdBy == "sana")

            #expect(try await store.removeBan(kind: .email, value: "TROLL@EXAMPLE.com "))
            #expect(try await !store.removeBan(kind: .email, value: "troll@example.com"))
            #expect(try await !store.removeBan(kind: .ip, value: "troll@example.com"))
            #expect(try await store.matchingBan(email: "troll@example.com", ip: nil, name: "x") == nil)
            #expect(try await store.bans().map(\.kind) == [.ip, .name])
        }
    }
}

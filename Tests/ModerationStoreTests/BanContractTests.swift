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

    @Test(
        "A ban with --reject-held rejects the author's held comments in one batch, claims or not; undo takes them back",
        arguments: StoreKind.local)
    func banRejectsHeld(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            // reader0 and reader2 by email; the others are someone else's.
            let ids = try await store.decided([.held, .held, .held, .approved])
            _ = try await store.claimForReview(
                moderator: "bilal", filter: CommentFilter(), skipping: [], duration: 60, now: Fixture.time(150))
            let events = try await store.addBan(
                Ban(
                    kind: .email, value: "Reader0+x@Example.com", reason: "abuse", createdBy: "sana",
                    createdAt: Fixture.time(200)),
                rejectingHeldAs: "sana", reason: "author banned: abuse", now: Fixture.time(200))
            #expect(events.map(\.commentID) == [ids[0]])
            #expect(events.allSatisfy { $0.to == .rejected && $0.actor == "sana" && $0.reason == "author banned: abuse" })
            #expect(try await store.state(of: ids[1]) == .held)
            #expect(try await store.bans().map(\.value) == ["reader0@example.com"])
            // A range ban takes nothing here (no comment has an IP) and rejects nothing.
            let none = try await store.addBan(
                Ban(kind: .ip, value: "10.0.0.0/8", createdBy: "sana", createdAt: Fixture.time(201)),
                rejectingHeldAs: "sana", reason: nil, now: Fixture.time(201))
            #expect(none.isEmpty)
            #expect(try await store.matchingBan(email: "x@y.z", ip: "10.9.8.7", name: "n")?.value == "10.0.0.0/8")
            #expect(try await store.matchingBan(email: "x@y.z", ip: "11.0.0.1", name: "n") == nil)
            // Undo takes the rejections back; the ban stays.
            let undone = try await store.undoLast(moderator: "sana", now: Fixture.time(202))
            #expect(undone.map(\.commentID) == [ids[0]])
            #expect(try await store.state(of: ids[0]) == .held)
            #expect(try await store.bans().count == 2)
        }
    }
}

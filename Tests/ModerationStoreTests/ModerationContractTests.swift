import Foundation
import ModerationStore
import Testing

/// Moderator decisions and undo, for every store.
@Suite("Moderation contract")
struct ModerationContractTests {
    @Test("A decision changes the state and appears in history with reason and moderator", arguments: StoreKind.local)
    func decide(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.decided([.held, .held], rules: [["abuse.profanity-en"]])
            let events = try await store.decide(
                ids, state: .approved, moderator: "sana", reason: "quoted, not abuse",
                now: Fixture.time(200))
            #expect(events.map(\.commentID) == ids)
            let batch = try #require(events.first?.batch)
            for event in events {
                #expect(event.kind == .moderator)
                #expect(event.actor == "sana")
                #expect(event.from == .held)
                #expect(event.to == .approved)
                #expect(event.reason == "quoted, not abuse")
                #expect(event.batch == batch)
                #expect(event.at == Fixture.time(200))
                #expect(event.rulesVersion == nil)
            }
            let stored = try #require(try await store.comment(id: ids[0]))
            #expect(stored.state == .approved)
            #expect(stored.updatedAt == Fixture.time(200))
            #expect(stored.verdict?.state == .held, "the automatic verdict is kept")

            let history = try await store.history(of: ids[0])
            #expect(history.map(\.kind) == [.automatic, .moderator])
            #expect(history.last == events.first)
            #expect(history[0].id < history[1].id)
        }
    }

    @Test("An unknown id throws notFound and changes nothing", arguments: StoreKind.local)
    func unknownID(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.decided([.held])
            let error = await #expect(throws: StoreError.self) {
                try await store.decide(
                    [ids[0], Fixture.unknownID], state: .rejected, moderator: "sana", reason: nil,
                    now: Fixture.time(200))
            }
            #expect(error?.kind == .notFound)
            #expect(try await store.state(of: ids[0]) == .held)
            #expect(try await store.history(of: ids[0]).count == 1)
            #expect(try await store.undoLast(moderator: "sana", now: Fixture.time(201)).isEmpty)
        }
    }

    @Test("Deciding a pending comment, or to pending, is a conflict", arguments: StoreKind.local)
    func conflicts(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let held = try await store.decided([.held])[0]
            let pending = try await store.submit(Fixture.comment(5)).id
            let onPending = await #expect(throws: StoreError.self) {
                try await store.decide([held, pending], state: .approved, moderator: "sana", reason: nil, now: Fixture.time(200))
            }
            #expect(onPending?.kind == .conflict)
            let toPending = await #expect(throws: StoreError.self) {
                try await store.decide([held], state: .pending, moderator: "sana", reason: nil, now: Fixture.time(200))
            }
            #expect(toPending?.kind == .conflict)
            #expect(try await store.state(of: held) == .held)
            #expect(try await store.history(of: held).count == 1)
        }
    }

    @Test("A comment already in the target state gets no event", arguments: StoreKind.local)
    func sameState(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.decided([.approved, .held])
            let events = try await store.decide(
                ids + [ids[1]], state: .approved, moderator: "sana", reason: nil,
                now: Fixture.time(200))
            #expect(events.map(\.commentID) == [ids[1]])
            #expect(try await store.history(of: ids[0]).count == 1)
            #expect(
                try await store.decide(
                    [ids[0]], state: .approved, moderator: "sana", reason: nil,
                    now: Fixture.time(201)
                ).isEmpty)
            #expect(
                try await store.decide(
                    [], state: .approved, moderator: "sana", reason: nil,
                    now: Fixture.time(202)
                ).isEmpty)
        }
    }

    @Test("Undo restores the previous state; a second undo takes the batch before", arguments: StoreKind.local)
    func undo(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.decided([.held, .held, .approved])
            let first = try await store.decide([ids[0]], state: .approved, moderator: "sana", reason: nil, now: Fixture.time(200))
            let second = try await store.decide(
                [ids[1], ids[2]], state: .rejected, moderator: "sana", reason: "spam",
                now: Fixture.time(201))
            let secondBatch = try #require(second.first?.batch)

            let undone = try await store.undoLast(moderator: "sana", now: Fixture.time(300))
            #expect(undone.map(\.commentID) == [ids[1], ids[2]])
            #expect(undone.map(\.from) == [.rejected, .rejected])
            #expect(undone.map(\.to) == [.held, .approved])
            let undoBatch = try #require(undone.first?.batch)
            #expect(undoBatch != secondBatch)
            for event in undone {
                #expect(event.kind == .undo)
                #expect(event.actor == "sana")
                #expect(event.reason == "undo of \(secondBatch)")
                #expect(event.batch == undoBatch)
                #expect(event.at == Fixture.time(300))
            }
            #expect(try await store.state(of: ids[1]) == .held)
            #expect(try await store.state(of: ids[2]) == .approved)
            #expect(try await store.state(of: ids[0]) == .approved)

            let earlier = try await store.undoLast(moderator: "sana", now: Fixture.time(301))
            #expect(earlier.map(\.commentID) == [ids[0]])
            #expect(earlier.first?.reason == "undo of \(try #require(first.first?.batch))")
            #expect(try await store.state(of: ids[0]) == .held)
            #expect(try await store.history(of: ids[0]).map(\.kind) == [.automatic, .moderator, .undo])

            #expect(try await store.undoLast(moderator: "sana", now: Fixture.time(302)).isEmpty)
        }
    }

    @Test("Undo takes only the moderator's own batch, and refuses one decided again since", arguments: StoreKind.local)
    func undoOwnAndStale(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.decided([.held, .held])
            _ = try await store.decide([ids[0]], state: .approved, moderator: "sana", reason: nil, now: Fixture.time(200))
            _ = try await store.decide([ids[1]], state: .rejected, moderator: "omar", reason: nil, now: Fixture.time(201))
            _ = try await store.decide([ids[0]], state: .rejected, moderator: "omar", reason: nil, now: Fixture.time(202))

            // omar decided sana's comment since: her undo says so, changes nothing and uses up nothing.
            for attempt in 0..<2 {
                let error = await #expect(throws: StoreError.self) {
                    try await store.undoLast(moderator: "sana", now: Fixture.time(300 + attempt))
                }
                #expect(error?.kind == .conflict)
                #expect(error?.message.contains("by omar, who made it rejected") == true, "\(error?.message ?? "")")
                #expect(try await store.state(of: ids[0]) == .rejected)
            }

            let omars = try await store.undoLast(moderator: "omar", now: Fixture.time(302))
            #expect(omars.map(\.commentID) == [ids[0]])
            #expect(try await store.state(of: ids[0]) == .approved)
            #expect(try await store.state(of: ids[1]) == .rejected)
        }
    }

    @Test("A decision on an out-of-date view is refused, naming who changed the comment", arguments: StoreKind.local)
    func staleDecision(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ids = try await store.decided([.held, .held, .rejected])
            // Two moderators saw comment 0 held; omar rejects it first.
            _ = try await store.decide(
                [ids[0]], state: .rejected, moderator: "omar", reason: "abuse", expecting: [.held],
                now: Fixture.time(200))
            let error = await #expect(throws: StoreError.self) {
                try await store.decide(
                    [ids[1], ids[0]], state: .approved, moderator: "sana", reason: nil, expecting: [.held],
                    now: Fixture.time(201))
            }
            #expect(error?.kind == .conflict)
            #expect(
                error?.message.contains("Comment \(ids[0]) is rejected now, not held: omar made it rejected") == true,
                "\(error?.message ?? "")")
            #expect(try await store.state(of: ids[0]) == .rejected, "the stale approve changed nothing")
            #expect(try await store.state(of: ids[1]) == .held, "nor the other comment of the same call")
            // An automatic reject is approved only without expectations (the CLI's --force).
            await #expect(throws: StoreError.self) {
                try await store.decide(
                    [ids[2]], state: .approved, moderator: "sana", reason: nil, expecting: [.held, .approved],
                    now: Fixture.time(202))
            }
            let forced = try await store.decide(
                [ids[2]], state: .approved, moderator: "sana", reason: "satire", expecting: nil,
                now: Fixture.time(203))
            #expect(forced.map(\.from) == [.rejected])
        }
    }
}

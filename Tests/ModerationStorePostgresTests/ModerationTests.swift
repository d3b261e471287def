import Foundation
import ModerationStore
import ModerationStorePostgres
import Testing

@Suite(
    "PostgreSQL moderator decisions and undo", .enabled(if: TestDatabase.isAvailable, "MODERATE_TEST_POSTGRES_URL is not set"),
    .timeLimit(.minutes(1)))
struct ModerationTests {
    @Test("a decision writes one moderator event per changed comment, all in one batch")
    func decideWritesOneBatch() async throws {
        try await TestDatabase.withStore { store in
            let ids = try await Fixture.held(3, in: store)
            let now = Fixture.epoch.addingTimeInterval(100)
            let events = try await store.decide(
                [ids[0], ids[1], ids[0]], state: .approved, moderator: "sana",
                reason: "fine", now: now)
            #expect(events.map(\.commentID) == [ids[0], ids[1]])
            #expect(events.allSatisfy { $0.kind == .moderator && $0.actor == "sana" && $0.from == .held && $0.to == .approved })
            #expect(events.allSatisfy { $0.reason == "fine" && $0.at == now && $0.rulesVersion == nil })
            #expect(Set(events.compactMap(\.batch)).count == 1)
            #expect(try await store.comment(id: ids[0])?.state == .approved)
            #expect(try await store.comment(id: ids[0])?.updatedAt == now)
            #expect(try await store.history(of: ids[0]).map(\.kind) == [.automatic, .moderator])

            let again = try await store.decide([ids[0], ids[2]], state: .approved, moderator: "sana", reason: nil, now: now)
            #expect(again.map(\.commentID) == [ids[2]], "a comment already approved gets no event")
            #expect(try await store.decide([ids[0]], state: .approved, moderator: "sana", reason: nil, now: now).isEmpty)
        }
    }

    @Test("an unknown id is .notFound and changes nothing; a pending target or comment is .conflict")
    func decideRefusals() async throws {
        try await TestDatabase.withStore { store in
            let ids = try await Fixture.held(2, in: store)
            let notFound = await #expect(throws: StoreError.self) {
                try await store.decide(
                    [ids[0], 999_999, ids[1]], state: .rejected, moderator: "m", reason: nil, now: Fixture.epoch)
            }
            #expect(notFound?.kind == .notFound)
            #expect(try await store.comment(id: ids[0])?.state == .held)
            #expect(try await store.history(of: ids[0]).count == 1)

            let conflict = await #expect(throws: StoreError.self) {
                try await store.decide([ids[0]], state: .pending, moderator: "m", reason: nil, now: Fixture.epoch)
            }
            #expect(conflict?.kind == .conflict)

            let waiting = try await store.submit(Fixture.comment(9)).id
            let stillPending = await #expect(throws: StoreError.self) {
                try await store.decide([ids[0], waiting], state: .approved, moderator: "m", reason: nil, now: Fixture.epoch)
            }
            #expect(stillPending?.kind == .conflict)
            #expect(try await store.comment(id: ids[0])?.state == .held, "nothing changes")
            #expect(try await store.decide([], state: .approved, moderator: "m", reason: nil, now: Fixture.epoch).isEmpty)
        }
    }

    @Test("undo takes back the moderator's last batch, then the one before, and never another moderator's")
    func undoLastBatches() async throws {
        try await TestDatabase.withStore { store in
            let ids = try await Fixture.held(4, in: store)
            let t = Fixture.epoch
            let first = try await store.decide([ids[0], ids[1]], state: .approved, moderator: "sana", reason: nil, now: t)
            let second = try await store.decide([ids[2]], state: .rejected, moderator: "sana", reason: "abuse", now: t + 1)
            _ = try await store.decide([ids[3]], state: .rejected, moderator: "omar", reason: nil, now: t + 2)

            let undoSecond = try await store.undoLast(moderator: "sana", now: t + 3)
            #expect(undoSecond.map(\.commentID) == [ids[2]])
            let event = try #require(undoSecond.first)
            #expect(event.kind == .undo && event.from == .rejected && event.to == .held && event.actor == "sana")
            #expect(event.reason == "undo of \(second[0].batch ?? "")")
            #expect(event.batch != nil && event.batch != second[0].batch)
            #expect(try await store.comment(id: ids[2])?.state == .held)

            let undoFirst = try await store.undoLast(moderator: "sana", now: t + 4)
            #expect(undoFirst.map(\.commentID) == [ids[0], ids[1]])
            #expect(undoFirst.allSatisfy { $0.reason == "undo of \(first[0].batch ?? "")" })
            #expect(Set(undoFirst.compactMap(\.batch)).count == 1)
            #expect(try await store.comment(id: ids[0])?.state == .held)

            #expect(try await store.undoLast(moderator: "sana", now: t + 5).isEmpty)
            #expect(try await store.comment(id: ids[3])?.state == .rejected, "omar's decision stands")
            #expect(try await store.history(of: ids[0]).map(\.kind) == [.automatic, .moderator, .undo])
        }
    }

    @Test("undo of a batch someone has decided again since changes nothing and uses nothing up")
    func undoRefusesOverriddenBatch() async throws {
        try await TestDatabase.withStore { store in
            let ids = try await Fixture.held(2, in: store)
            let t = Fixture.epoch
            _ = try await store.decide(ids, state: .approved, moderator: "sana", reason: nil, now: t)
            _ = try await store.decide([ids[1]], state: .rejected, moderator: "omar", reason: nil, now: t + 1)
            for attempt in 0..<2 {
                let error = await #expect(throws: StoreError.self) {
                    try await store.undoLast(moderator: "sana", now: t + 2 + Double(attempt))
                }
                #expect(error?.kind == .conflict)
                #expect(error?.message.contains("by omar") == true)
            }
            #expect(try await store.comment(id: ids[0])?.state == .approved)
            #expect(try await store.comment(id: ids[1])?.state == .rejected)
        }
    }
}

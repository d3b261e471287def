import Foundation
import ModerationStore
import Testing

/// Submission: round trips, idempotency keys and batch order, for every store.
@Suite("Submit contract")
struct SubmitContractTests {
    @Test("A submission comes back exactly, Urdu and emoji included", arguments: StoreKind.local)
    func roundTrip(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let submitted = NewComment(
                article: "مضمون-۴۲", name: "عائشہ خان 👩🏽‍💻", email: "aisha@example.pk", url: "https://example.pk/عائشہ",
                ip: "2001:db8::1", body: "یہ ایک اچھا مضمون ہے۔ شکریہ! 🇵🇰👍🏽\nدوسری سطر", key: "form-1",
                submittedAt: Fixture.time(5))
            let result = try await store.submit(submitted)
            #expect(result.created)

            let stored = try #require(try await store.comment(id: result.id))
            #expect(stored.id == result.id)
            #expect(stored.comment == submitted)
            #expect(stored.state == .pending)
            #expect(stored.verdict == nil)
            #expect(stored.leaseOwner == nil)
            #expect(stored.leaseExpiresAt == nil)
            #expect(stored.attempts == 0)
            #expect(stored.updatedAt == submitted.submittedAt)
            #expect(try await store.comment(id: Fixture.unknownID) == nil)
        }
    }

    @Test("A repeated idempotency key returns the first id and stores nothing", arguments: StoreKind.local)
    func idempotentKey(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let first = try await store.submit(Fixture.comment(1, key: "k-1"))
            let again = try await store.submit(Fixture.comment(2, key: "k-1", body: "a different body"))
            #expect(first.created)
            #expect(again == SubmitResult(id: first.id, created: false))
            #expect(try await store.comment(id: first.id)?.comment.body == "Comment number 1")
            #expect(try await store.stateCounts()[.pending] == 1)

            let batch = try await store.submit(batch: [
                Fixture.comment(3, key: "k-2"), Fixture.comment(4, key: "k-2"), Fixture.comment(5, key: "k-1"),
            ])
            #expect(batch[0].created)
            #expect(batch[1] == SubmitResult(id: batch[0].id, created: false))
            #expect(batch[2] == SubmitResult(id: first.id, created: false))
            #expect(try await store.stateCounts()[.pending] == 2)
        }
    }

    @Test("Submissions without a key are never merged", arguments: StoreKind.local)
    func noKeyNoMerge(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let one = try await store.submit(Fixture.comment(1))
            let two = try await store.submit(Fixture.comment(1))
            #expect(one.created && two.created)
            #expect(one.id != two.id)
        }
    }

    @Test("A batch is stored in order, with increasing ids", arguments: StoreKind.local)
    func batchOrder(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.submit(batch: []).isEmpty)
            let comments = (0..<5).map { Fixture.comment($0) }
            let results = try await store.submit(batch: comments)
            #expect(results.count == 5)
            #expect(results.allSatisfy { $0.created })
            #expect(results.map(\.id) == results.map(\.id).sorted())
            #expect(Set(results.map(\.id)).count == 5)

            let listed = try await store.comments(matching: CommentFilter())
            #expect(listed.map(\.id) == results.map(\.id))
            #expect(listed.map(\.comment) == comments)
        }
    }

    @Test(
        "A text holding NUL or another refused control character is refused whole, naming the field; nothing is stored",
        arguments: StoreKind.local)
    func controlCharacters(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var withNUL = Fixture.comment(1, body: "nice article\u{0}<a href=http://spam.test>cheap</a>")
            await #expect {
                try await store.submit(withNUL)
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.kind == .invalid && error.message.hasPrefix("body: contains the control character U+0000")
            }
            withNUL.body = "ok"
            withNUL.name = "Reader\u{1B}[2K"
            await #expect {
                try await store.submit(withNUL)
            } throws: { error in
                (error as? StoreError)?.message.hasPrefix("name: contains the control character U+001B") == true
            }
            // In a batch the good comments around the bad one are not stored either: the error names its position.
            let batch = [Fixture.comment(2), Fixture.comment(3, body: "lone\rCR"), Fixture.comment(4)]
            await #expect {
                try await store.submit(batch: batch)
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.kind == .invalid
                    && error.message.hasPrefix("comment 2 of the batch: body: contains the control character U+000D")
            }
            #expect(try await store.comments(matching: CommentFilter()).isEmpty)
            // Tab, line feed and CR LF line breaks are kept as they are.
            let lines = Fixture.comment(5, body: "first\r\nsecond\tcolumn\nthird")
            let id = try await store.submit(lines).id
            #expect(try await store.comment(id: id)?.comment.body == lines.body)
        }
    }
}

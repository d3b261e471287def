import Foundation
import GRDB
import ModerationStore
import ModerationStoreSQLite
import Testing

/// What only the SQLite store promises: a file that outlives the process, its schema, its errors.
@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test("Comments, history, bans and undone batches survive closing and reopening the file")
    func survivesReopen() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("nested/deeper/moderate.sqlite")

        let first = try SQLiteStore(path: path)
        let ids = try await first.decided([.held, .held], rules: [["spam.link-flood"]])
        _ = try await first.decide([ids[0]], state: .approved, moderator: "sana", reason: "ok", now: Fixture.time(200))
        _ = try await first.decide([ids[1]], state: .rejected, moderator: "sana", reason: nil, now: Fixture.time(201))
        _ = try await first.undoLast(moderator: "sana", now: Fixture.time(202))
        try await first.addBan(Ban(kind: .email, value: "x@example.com", createdBy: "sana", createdAt: Fixture.time(5)))
        let pending = try await first.submit(Fixture.comment(7, key: "kept"))
        let comments = try await first.comments(matching: CommentFilter())
        let history = try await first.history(of: ids[0])
        try first.close()

        let second = try SQLiteStore(path: path)
        defer { try? second.close() }
        #expect(try await second.comments(matching: CommentFilter()) == comments)
        #expect(try await second.history(of: ids[0]) == history)
        #expect(try await second.bans().map(\.value) == ["x@example.com"])
        #expect(try await second.submit(Fixture.comment(8, key: "kept")) == SubmitResult(id: pending.id, created: false))
        let undone = try await second.undoLast(moderator: "sana", now: Fixture.time(300))
        #expect(undone.map(\.commentID) == [ids[0]], "the batch undone before closing stays undone")
    }

    @Test("The file is in WAL mode with the v1 migration applied, and the audit log refuses changes")
    func schema() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("moderate.sqlite")
        let store = try SQLiteStore(path: path)
        defer { try? store.close() }
        let id = try await store.decided([.held])[0]

        let outside = try DatabaseQueue(path: path)
        let (journalMode, migrations) = try await outside.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            )
        }
        #expect(journalMode == "wal")
        #expect(migrations == ["v1", "v2"])
        await #expect(throws: DatabaseError.self) {
            try await outside.write { db in try db.execute(sql: "DELETE FROM audit_events") }
        }
        await #expect(throws: DatabaseError.self) {
            try await outside.write { db in try db.execute(sql: "UPDATE audit_events SET actor = 'someone else'") }
        }
        #expect(try await store.history(of: id).count == 1)
    }

    @Test("Commits are flushed to the disk (synchronous FULL) by default; NORMAL only when asked for")
    func synchronous() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let durable = try SQLiteStore(path: folder.file("full.sqlite"))
        defer { try? durable.close() }
        #expect(try await durable.writerPragma("synchronous") == "2")  // FULL
        let fast = try SQLiteStore(path: folder.file("normal.sqlite"), synchronous: .normal)
        defer { try? fast.close() }
        #expect(try await fast.writerPragma("synchronous") == "1")  // NORMAL
        #expect(try await fast.writerPragma("journal_mode") == "wal")
    }

    @Test("A folder that cannot be created makes the store unavailable")
    func unavailableFolder() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let blocker = folder.file("regular-file")
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("not a folder".utf8)))
        let error = #expect(throws: StoreError.self) {
            _ = try SQLiteStore(path: (blocker as NSString).appendingPathComponent("sub/moderate.sqlite"))
        }
        #expect(error?.kind == .unavailable)
    }

    @Test("A file that is not a database makes the store unavailable, with SQLite's code")
    func notADatabase() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("garbage.sqlite")
        let garbage = Data(String(repeating: "this is not an SQLite database. ", count: 200).utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: garbage))
        let error = #expect(throws: StoreError.self) { _ = try SQLiteStore(path: path) }
        #expect(error?.kind == .unavailable)
        #expect(error?.code == "26")
    }

    @Test("A write lock held past the busy timeout is reported as busy, with SQLite's code")
    func busy() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("moderate.sqlite")
        let store = try SQLiteStore(path: path, busyTimeout: 0.1)
        defer { try? store.close() }

        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE TRANSACTION") }
        let error = await #expect(throws: StoreError.self) { _ = try await store.submit(Fixture.comment(1)) }
        #expect(error?.kind == .busy)
        #expect(error?.code.flatMap(Int32.init).map { $0 & 0xff } == 5)
        try other.inDatabase { db in try db.execute(sql: "ROLLBACK") }

        _ = try await store.submit(Fixture.comment(1))
        #expect(try await store.stateCounts()[.pending] == 1)
    }
}

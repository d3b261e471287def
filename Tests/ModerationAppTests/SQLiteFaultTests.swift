import Foundation
import Logging
import ModerationStore
import ModerationStoreSQLite
import Testing

@testable import ModerationApp

/// SQLite files that cannot be used are reported naming the path that is the problem.
///
/// The tests run as root here, whom file modes do not stop; the permission cases therefore run the
/// check with a stand-in `access` that refuses what a less privileged user would be refused.
@Suite("SQLite file faults")
struct SQLiteFaultTests {
    let logger = Logger(label: "test")

    /// A fresh folder holding a migrated, closed database `db.sqlite`; returns (folder, database path).
    func database() throws -> (String, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-faults-\(UUID().uuidString)").path
        let path = folder + "/db.sqlite"
        let store = try SQLiteStore(path: path)
        try store.close()
        return (folder, path)
    }

    func openingFails(
        _ database: String, readOnly: Bool = false, check: SQLiteFileCheck = SQLiteFileCheck()
    ) async -> AppError? {
        do {
            _ = try await StoreOpener.open(database, logger: logger, readOnly: readOnly, fileCheck: check)
            return nil
        } catch {
            return error
        }
    }

    @Test("an empty database path is a usage error, not a WAL message")
    func emptyPath() async throws {
        let error = try #require(await openingFails(""))
        #expect(error.status == .usage)
        #expect(error.description.contains("database path is empty"), "\(error)")
        #expect(!error.description.contains("WAL"))
    }

    @Test("a folder given as the database is named as a folder (66), for writing and reading commands")
    func folderAsDatabase() async throws {
        let (folder, _) = try database()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for readOnly in [false, true] {
            let error = try #require(await openingFails(folder, readOnly: readOnly))
            #expect(error.status == .noInput)
            #expect(error.description.contains("database \(folder): is a folder"), "\(error)")
        }
    }

    @Test("a -wal or -shm that is a folder is named (74), for writing and reading commands", arguments: ["-wal", "-shm"])
    func sideFileIsFolder(suffix: String) async throws {
        let (folder, path) = try database()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try? FileManager.default.removeItem(atPath: path + suffix)
        try FileManager.default.createDirectory(atPath: path + suffix, withIntermediateDirectories: false)
        for readOnly in [false, true] {
            let error = try #require(await openingFails(path, readOnly: readOnly))
            #expect(error.status == .ioError, "\(error)")
            #expect(error.description.contains("\(path)\(suffix) is a folder"), "\(error)")
        }
    }

    @Test("the checks name what this user may not write: the folder (73), a stale -shm (74), the file (73)")
    func permissionMapping() throws {
        let (folder, path) = try database()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: path + "-shm", contents: Data())

        let noFolder = SQLiteFileCheck { candidate, mode in !(candidate == folder && mode & W_OK != 0) }
        let folderProblem = try #require(noFolder.afterFailure(path, writing: true))
        #expect(folderProblem.status == .cantCreate)
        #expect(folderProblem.message.contains("may not write in the folder \(folder)"), "\(folderProblem.message)")
        #expect(folderProblem.message.contains("db.sqlite-wal"))
        // A reader needs the folder only for side files that are missing (here the -wal).
        #expect(noFolder.afterFailure(path, writing: false)?.status == .cantCreate)
        FileManager.default.createFile(atPath: path + "-wal", contents: Data())
        #expect(noFolder.afterFailure(path, writing: false) == nil)

        let staleShm = SQLiteFileCheck { candidate, mode in !(candidate == path + "-shm" && mode & W_OK != 0) }
        let shmProblem = try #require(staleShm.afterFailure(path, writing: true))
        #expect(shmProblem.status == .ioError)
        #expect(shmProblem.message.contains("may not write \(path)-shm"), "\(shmProblem.message)")
        #expect(shmProblem.message.contains("stale"))

        let readOnlyFile = SQLiteFileCheck { candidate, mode in !(candidate == path && mode & W_OK != 0) }
        #expect(readOnlyFile.afterFailure(path, writing: true)?.status == .cantCreate)
        #expect(readOnlyFile.afterFailure(path, writing: false) == nil, "reading needs no write access to the file")

        let unreadable = SQLiteFileCheck { candidate, mode in !(candidate == path && mode & R_OK != 0) }
        #expect(unreadable.afterFailure(path, writing: false)?.status == .noInput)
        #expect(SQLiteFileCheck().afterFailure(path, writing: true) == nil, "root may do everything here")
    }

    @Test("reading commands open the database read-only: they read, cannot write, and create nothing")
    func readOnlyOpen() async throws {
        let (folder, path) = try database()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let writer = try SQLiteStore(path: path)
        let id = try await writer.submit(
            NewComment(article: "a1", name: "n", email: "e@example.com", body: "hello", key: "k")
        )
        .id
        try writer.close()

        let store = try await StoreOpener.open(path, logger: logger, creating: false, readOnly: true)
        defer { try? (store as? SQLiteStore)?.close() }
        #expect(try await store.comment(id: id)?.comment.body == "hello")
        await #expect(throws: StoreError.self) {
            _ = try await store.submit(
                NewComment(article: "a1", name: "n", email: "e@example.com", body: "more"))
        }

        let missing = folder + "/missing/db.sqlite"
        let error = try #require(await openingFails(missing, readOnly: true))
        #expect(error.status == .noInput)
        #expect(!FileManager.default.fileExists(atPath: folder + "/missing"))
    }
}

import Foundation
import Logging
import ModerationStore
import ModerationStoreSQLite
import Testing

@testable import ModerationApp

/// Opening the store a `--database` value names, as every command does.
@Suite("Store opening")
struct StoreOpenerTests {
    /// A fresh folder under the temporary directory.
    func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-open-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("The connection submit writes through flushes every commit (synchronous FULL) unless the settings say normal")
    func intakeIsDurable() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var settings = Settings()
        settings.database = folder + "/default.sqlite"
        let store = try await StoreOpener.open(settings, logger: Logger(label: "test"))
        #expect(try await (store as? SQLiteStore)?.writerPragma("synchronous") == "2")

        settings.sqliteSynchronous = .normal
        settings.database = folder + "/normal.sqlite"
        let fast = try await StoreOpener.open(settings, logger: Logger(label: "test"))
        #expect(try await (fast as? SQLiteStore)?.writerPragma("synchronous") == "1")
    }
}

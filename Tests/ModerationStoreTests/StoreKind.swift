import Foundation
import ModerationStore
import ModerationStorePostgres
import ModerationStoreSQLite

/// Every store the contract suite runs against.
///
/// Adding a store is one case here plus its branch in ``make()``; a factory returns nil when its
/// server is not configured on this machine, and the tests then pass without running against it.
enum StoreKind: String, CaseIterable, Sendable {
    case memory
    case sqlite
    case postgres

    /// A fresh, empty store of this kind, or nil to skip it here.
    func make() async throws -> StoreUnderTest? {
        switch self {
        case .memory:
            return StoreUnderTest(store: InMemoryStore())
        case .sqlite:
            let folder = TemporaryFolder()
            let store = try SQLiteStore(path: folder.file("moderate.sqlite"))
            return StoreUnderTest(store: store) {
                try? store.close()
                folder.remove()
            }
        case .postgres:
            // A schema of its own per test on the server CI starts; skipped where none is configured.
            guard let url = ProcessInfo.processInfo.environment["MODERATE_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
            let schema = "contract_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let store = try await PostgresStore.connect(url: url + (url.contains("?") ? "&" : "?") + "schema=\(schema)")
            return StoreUnderTest(store: store) {
                Task { await store.shutdown() }
            }
        }
    }
}

/// A store made for one test, and what to do when the test is over.
struct StoreUnderTest: Sendable {
    /// The store.
    var store: any ModerationStore
    /// Closes the store and removes its files.
    var cleanup: @Sendable () -> Void = {}
}

/// Runs `body` against a fresh store of `kind`, or not at all when that kind is not configured.
func withStore(_ kind: StoreKind, _ body: (any ModerationStore) async throws -> Void) async throws {
    guard let made = try await kind.make() else { return }
    defer { made.cleanup() }
    try await body(made.store)
}

/// A folder of its own under the system's temporary folder, for one test's files.
struct TemporaryFolder: Sendable {
    /// The folder's path.
    let path: String

    /// Creates a new, empty folder.
    init() {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("moderate-store-tests-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of a file or folder inside this one.
    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Removes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

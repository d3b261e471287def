import Foundation
import ModerationStore
import ModerationStorePostgres
import ModerationStoreSQLite

/// Every store the contract suite runs against.
///
/// The contract tests take ``local`` (stores that need no server) as arguments; the PostgreSQL store
/// runs the same contract bodies in ``PostgresContractTests``, which is skipped (and reported as
/// skipped) when `MODERATE_TEST_POSTGRES_URL` is not set. Adding a store is one case here plus its
/// branch in ``make()``.
enum StoreKind: String, CaseIterable, Sendable {
    case memory
    case sqlite
    case postgres

    /// The stores that run everywhere.
    static let local: [StoreKind] = [.memory, .sqlite]

    /// The test PostgreSQL server's URL, or nil when none is configured.
    static let postgresURL = ProcessInfo.processInfo.environment["MODERATE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// A fresh, empty store of this kind; a PostgreSQL store without a configured server is an error.
    func make() async throws -> StoreUnderTest {
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
            guard let url = Self.postgresURL else { throw StoreError(.unavailable, "MODERATE_TEST_POSTGRES_URL is not set") }
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

/// Runs `body` against a fresh store of `kind`.
func withStore(_ kind: StoreKind, _ body: (any ModerationStore) async throws -> Void) async throws {
    let made = try await kind.make()
    defer { made.cleanup() }
    try await body(made.store)
}

/// A folder of its own under the system's temporary folder, for one test's files.
struct TemporaryFolder: Sendable {
    /// The folder's path.
    let path: String

    /// Creates a new, empty folder.
    init() {
        path =
            FileManager.default.temporaryDirectory
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

import Foundation
import ModerationStore
import Testing

@testable import ModerationStorePostgres

/// What a store does when no server answers: needs no server, so it runs everywhere.
@Suite("PostgreSQL store without a server", .timeLimit(.minutes(1)))
struct UnreachableServerTests {
    @Test("a server that is not there is .unavailable, quickly")
    func unreachableServer() async throws {
        // Port 1 on the loopback address: nothing listens, the kernel refuses at once.
        let configuration = PostgresStore.Configuration(
            host: "127.0.0.1", port: 1, username: "moderate",
            password: "x", database: "moderate_test")
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: StoreError.self) {
            _ = try await PostgresStore.connect(configuration: configuration, logger: TestDatabase.logger)
        }
        #expect(error?.kind == .unavailable)
        #expect(clock.now - started < .seconds(120))  // a guard against hanging, not a speed claim: CI machines are loaded
    }
}

import Foundation
import ModerationStore
import Testing

@testable import ModerationStorePostgres

@Suite(
    "PostgreSQL LISTEN/NOTIFY wakes idle workers",
    .enabled(if: TestDatabase.isAvailable, "MODERATE_TEST_POSTGRES_URL is not set"), .timeLimit(.minutes(1)))
struct WorkNotificationTests {
    @Test("waitForWork returns soon after another store submits, long before its timeout")
    func submissionWakesWaiter() async throws {
        try await TestDatabase.withStores(2) { stores in
            let (waiter, submitter) = (stores[0], stores[1])
            let clock = ContinuousClock()
            let started = clock.now
            async let waited: Void = waiter.waitForWork(timeout: 10)
            try await Task.sleep(for: .milliseconds(300))
            _ = try await submitter.submit(Fixture.comment())
            await waited
            let elapsed = clock.now - started
            // 10 s is the timeout: returning well before it means the notification woke the waiter.
            #expect(elapsed < .seconds(5), "waitForWork took \(elapsed)")
            #expect(elapsed >= .milliseconds(250), "waitForWork returned before anything was submitted")
        }
    }

    @Test("a notification that arrives while nobody waits is kept for the next wait")
    func notificationBeforeWaitIsKept() async throws {
        try await TestDatabase.withStores(2) { stores in
            _ = try await stores[1].submit(batch: [Fixture.comment(1), Fixture.comment(2)])
            try await Task.sleep(for: .milliseconds(300))  // let the notification reach the listener first
            let clock = ContinuousClock()
            let started = clock.now
            await stores[0].waitForWork(timeout: 10)
            let elapsed = clock.now - started
            #expect(elapsed < .seconds(2))
        }
    }

    @Test("without new work, waitForWork waits out its timeout; other schemas do not wake it")
    func timeoutWithoutWork() async throws {
        try await TestDatabase.withStore { quiet in
            try await TestDatabase.withStore { other in
                let clock = ContinuousClock()
                let started = clock.now
                async let waited: Void = quiet.waitForWork(timeout: 0.8)
                _ = try await other.submit(Fixture.comment())  // another schema: a different queue
                await waited
                let elapsed = clock.now - started
                #expect(elapsed >= .milliseconds(750))
                #expect(elapsed < .seconds(5))
            }
        }
    }
}

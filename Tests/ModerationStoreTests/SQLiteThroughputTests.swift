import Foundation
import ModerationStore
import ModerationStoreSQLite
import Testing

/// Prints how fast the SQLite store takes submissions and verdicts; asserts only on correctness.
///
/// Debug builds are slower; `swift run -c release StoreBench` gives the numbers to compare.
@Suite("SQLite throughput (printed, never asserted)")
struct SQLiteThroughputTests {
    @Test("Submit 3,000 in one batch, then complete them 100 at a time")
    func throughput() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.file("throughput.sqlite"))
        defer { try? store.close() }
        let clock = ContinuousClock()
        let total = 3_000
        let comments = (0 ..< total).map { Fixture.comment($0, key: $0.isMultiple(of: 2) ? "key-\($0)" : nil) }

        let started = clock.now
        let results = try await store.submit(batch: comments)
        let submitted = clock.now - started
        #expect(results.count == total)
        var completing = Duration.zero
        while true {
            let batch = try await store.claim(owner: "bench", limit: 100, leaseDuration: 600, now: Fixture.time(10_000))
            if batch.isEmpty { break }
            let verdicts = batch.map {
                CompletedVerdict(commentID: $0.id, verdict: Fixture.verdict(.held, rules: ["spam.link-flood"]))
            }
            let started = clock.now
            let written = try await store.complete(verdicts, owner: "bench", now: Fixture.time(10_001))
            completing += clock.now - started
            #expect(written.count == batch.count)
        }
        #expect(try await store.stateCounts()[.held] == total)
        print("SQLite store: submit \(rate(total, submitted)) comments/s, complete \(rate(total, completing)) decisions/s")
    }

    /// Items per second, rounded.
    private func rate(_ count: Int, _ duration: Duration) -> Int {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds > 0 ? Int(Double(count) / seconds) : 0
    }
}

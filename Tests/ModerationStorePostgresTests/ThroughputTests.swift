import Foundation
import ModerationStore
import ModerationStorePostgres
import Testing

/// Measures queue throughput on the local server and prints it; opt-in with MODERATE_TEST_POSTGRES_BENCH=1.
/// Correctness is asserted, speed never is: the numbers depend on the machine.
@Suite("PostgreSQL throughput (prints rates)", .enabled(if: TestDatabase.benchEnabled))
struct ThroughputTests {
    @Test("submit in batches of 1,000, then claim and complete with four workers")
    func measureQueue() async throws {
        let total = 20_000
        try await TestDatabase.withStores(4) { stores in
            let clock = ContinuousClock()

            let comments = (0..<total).map { index in
                NewComment(article: "a\(index % 50)", name: "Reader \(index)", email: "r\(index)@example.com",
                           ip: "192.0.2.\(index % 250)", body: String(repeating: "A fair comment, nothing more. ", count: 10),
                           submittedAt: Fixture.epoch)
            }
            let submitCPU = Self.processCPUSeconds()
            let submitStart = clock.now
            for start in stride(from: 0, to: total, by: 1_000) {
                let results = try await stores[0].submit(batch: Array(comments[start..<min(start + 1_000, total)]))
                #expect(results.allSatisfy { $0.created })
            }
            let submitTime = clock.now - submitStart
            let submitCPUUsed = Self.processCPUSeconds() - submitCPU

            let single = 500
            let singleStart = clock.now
            for index in 0..<single { _ = try await stores[0].submit(comments[index]) }
            let singleTime = clock.now - singleStart

            let workCPU = Self.processCPUSeconds()
            let workStart = clock.now
            let decided = try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, store) in stores.enumerated() {
                    group.addTask {
                        var count = 0
                        while true {
                            let batch = try await store.claim(owner: "bench-\(index)", limit: 100, leaseDuration: 600, now: Date())
                            if batch.isEmpty { return count }
                            let verdicts = batch.map {
                                CompletedVerdict(commentID: $0.id, verdict: Fixture.verdict(.approved, rules: ["r.a", "r.b"]))
                            }
                            count += try await store.complete(verdicts, owner: "bench-\(index)", now: Date()).count
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            let workTime = clock.now - workStart
            let workCPUUsed = Self.processCPUSeconds() - workCPU

            #expect(decided == total + single)
            func rate(_ count: Int, _ time: Duration) -> Int { Int(Double(count) / (time / .seconds(1))) }
            print("""
                postgres throughput: submit(batch: 1000) \(rate(total, submitTime))/s (\(total) in \(submitTime), client CPU \(submitCPUUsed) s); \
                submit(one) \(rate(single, singleTime))/s; \
                claim(100)+complete, 4 workers: \(rate(decided, workTime))/s (\(decided) in \(workTime), client CPU \(workCPUUsed) s)
                """)
        }
    }

    /// CPU seconds this test process has used, to tell client cost from server cost.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }
}

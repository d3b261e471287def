import Foundation
import Testing

@Suite("moderate queue, end to end on SQLite")
struct QueueFlowTests {
    static let reader = ["--article", "a1", "--name", "Reader", "--email", "reader@example.com"]

    @Test("submit → worker --once → list/show → approve with reason → comments → undo (SQLite)")
    func flow() throws {
        try Self.flow(on: .sqlite)
    }

    @Test(
        "submit → worker --once → list/show → approve with reason → comments → undo (PostgreSQL)",
        .enabled(if: Backend.postgres.isConfigured, "MODERATE_TEST_POSTGRES_URL is not set"))
    func flowPostgres() throws {
        try Self.flow(on: .postgres)
    }

    static func flow(on backend: Backend) throws {
        let cli = try CLI(backend: backend)
        let seed = try cli.run(["submit"] + Self.reader + ["--body", "long live Pakistan army"])
        #expect(seed.status == 0, "\(seed.stderr)")
        let seedID = seed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let flagged = try cli.run(["submit"] + Self.reader + ["--body", "you are a fucking idiot"])
        let flaggedID = flagged.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(flaggedID) != nil)

        let worker = try cli.run(["worker", "--once"])
        #expect(worker.status == 0, "\(worker.stderr)")
        #expect(!worker.stderr.contains("fucking"), "comment text must not be logged at info")

        let all = try cli.run(["queue", "list", "--state", "all", "--format", "json"]).lines.map(object)
        #expect(all.count == 2)
        #expect(all.first?["state"] as? String == "approved")
        let second = try #require(all.last)
        let state = try #require(second["state"] as? String)
        #expect(state == "held" || state == "rejected")

        let shown = object(try cli.run(["queue", "show", flaggedID, "--format", "json"]).stdout)
        #expect(shown["body"] as? String == "you are a fucking idiot")
        let hits = (shown["verdict"] as? [String: Any])?["hits"] as? [[String: Any]] ?? []
        #expect(!hits.isEmpty)
        let text = try cli.run(["queue", "show", flaggedID, "--no-color"])
        #expect(text.stdout.contains("[["))

        let approve = try cli.run(["queue", "approve", flaggedID, "--reason", "quoting a source", "--moderator", "ayesha"])
        #expect(approve.status == 0, "\(approve.stderr)")
        let history =
            (object(try cli.run(["queue", "show", flaggedID, "--format", "json"]).stdout)["history"] as? [[String: Any]]) ?? []
        #expect(history.map { $0["kind"] as? String } == ["automatic", "moderator"])
        #expect(history.last?["actor"] as? String == "ayesha")
        #expect(history.last?["reason"] as? String == "quoting a source")

        let published = try cli.run(["comments", "--article", "a1", "--format", "json"]).lines.map(object)
        #expect(published.compactMap { $0["id"] as? Int }.map(String.init) == [seedID, flaggedID])

        let undo = try cli.run(["queue", "undo", "--moderator", "ayesha"])
        #expect(undo.status == 0)
        let after = object(try cli.run(["queue", "show", flaggedID, "--format", "json"]).stdout)
        #expect(after["state"] as? String == state)
        #expect(try cli.run(["comments", "--article", "a1", "--format", "json"]).lines.count == 1)
    }

    @Test("a submission without an email, or over 1,500 characters, exits 65 naming the problem and adds no row")
    func refusals() throws {
        let cli = try CLI()
        let noEmail = try cli.run(["submit", "--article", "a1", "--name", "Reader", "--body", "hello"])
        #expect(noEmail.status == 65)
        #expect(noEmail.stderr.contains("email: required"))
        let long = String(repeating: "👨‍👩‍👧‍👦", count: 1501)
        let tooLong = try cli.run(["submit"] + Self.reader + ["--body", long])
        #expect(tooLong.status == 65)
        #expect(tooLong.stderr.contains("body: 1,501 characters, the limit is 1,500"))
        let both = try cli.run(["submit", "--article", "a1", "--body", long])
        #expect(both.stderr.split(separator: "\n").count == 3)
        #expect(try cli.run(["queue", "list", "--state", "all", "--format", "json"]).stdout.isEmpty)
    }

    @Test("the same --key twice returns the same id (SQLite)")
    func idempotency() throws {
        try Self.idempotency(on: .sqlite)
    }

    @Test(
        "the same --key twice returns the same id (PostgreSQL)",
        .enabled(if: Backend.postgres.isConfigured, "MODERATE_TEST_POSTGRES_URL is not set"))
    func idempotencyPostgres() throws {
        try Self.idempotency(on: .postgres)
    }

    static func idempotency(on backend: Backend) throws {
        let cli = try CLI(backend: backend)
        let first = try cli.run(["submit"] + Self.reader + ["--key", "form-123", "--body", "first"])
        let second = try cli.run(["submit"] + Self.reader + ["--key", "form-123", "--body", "first"])
        #expect(first.status == 0 && second.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(try cli.run(["queue", "list", "--state", "all", "--format", "json"]).lines.count == 1)
    }

    @Test("oversized input, invalid UTF-8 and malformed JSON are refused cleanly")
    func badInput() throws {
        let cli = try CLI()
        let huge = try cli.write("huge.txt", Data(repeating: UInt8(ascii: "a"), count: 50 * 1024 * 1024))
        let big = try cli.run(["submit"] + Self.reader + ["--body-file", huge])
        #expect(big.status == 65)
        #expect(big.stderr.contains("over"))
        let invalid = try cli.write("bad.txt", Data([0x68, 0x69, 0xFF, 0xFE]))
        let utf8 = try cli.run(["submit"] + Self.reader + ["--body-file", invalid])
        #expect(utf8.status == 65)
        #expect(utf8.stderr.contains("UTF-8"))
        let lines =
            Data("{\"article\":\"a1\",\"name\":\"R\",\"email\":\"r@example.com\",\"body\":\"ok\"}\n{broken\n".utf8)
            + Data([0x7B, 0xFF, 0x7D, 0x0A])
        let batch = try cli.run(["submit", "--jsonl", "-"], stdin: lines)
        #expect(batch.status == 65)
        let results = batch.lines.map(object)
        try #require(results.count == 3)
        #expect(results[0]["created"] as? Bool == true)
        #expect(results[1]["error"] as? String == "malformed JSON")
        #expect((results[2]["error"] as? String)?.contains("UTF-8") == true)
        #expect(try cli.run(["queue", "list", "--state", "all", "--format", "json"]).lines.count == 1)
    }

    @Test("bans: the worker rejects a banned author's comment with the ban as the reason")
    func bans() throws {
        let cli = try CLI()
        #expect(try cli.run(["ban", "add", "--email", "Troll@Example.com", "--reason", "repeat abuse"]).status == 0)
        let id = try cli.run(["submit", "--article", "a1", "--name", "T", "--email", "troll@example.com", "--body", "hello"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cli.run(["worker", "--once"]).status == 0)
        let shown = object(try cli.run(["queue", "show", id, "--format", "json"]).stdout)
        #expect(shown["state"] as? String == "rejected")
        #expect(((shown["verdict"] as? [String: Any])?["reason"] as? String)?.contains("banned email") == true)
        #expect(try cli.run(["ban", "list"]).stdout.contains("troll@example.com"))
        #expect(try cli.run(["ban", "remove", "--email", "troll@example.com"]).status == 0)
        #expect(try cli.run(["ban", "remove", "--email", "troll@example.com"]).status == 65)
    }

    @Test("bulk decisions by filter, with a dry run that changes nothing")
    func bulk() throws {
        let cli = try CLI()
        for index in 0..<3 {
            _ = try cli.run([
                "submit", "--article", "a\(index % 2)", "--name", "R", "--email", "r@example.com", "--body", "you idiot \(index)",
            ])
        }
        _ = try cli.run(["worker", "--once"])
        let held = try cli.run(["queue", "list", "--format", "json"]).lines.count
        let dry = try cli.run(["queue", "reject", "--state", "held", "--article", "a0", "--dry-run"])
        #expect(dry.stdout.contains("dry run"))
        #expect(try cli.run(["queue", "list", "--format", "json"]).lines.count == held)
        _ = try cli.run(["queue", "reject", "--state", "held", "--article", "a0", "--moderator", "m"])
        let remaining = try cli.run(["queue", "list", "--format", "json"]).lines.map(object)
        #expect(remaining.allSatisfy { $0["article"] as? String == "a1" })
    }
}

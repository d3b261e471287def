import Foundation
import Testing

/// A spammer's inputs, through the built binary: each is refused naming the field and stores nothing,
/// and a bad line of a batch costs only its own line, on SQLite and PostgreSQL alike.
@Suite("Hostile intake, end to end", .timeLimit(.minutes(3)))
struct HostileIntakeTests {
    static let reader = ["--article", "a1", "--name", "Reader", "--email", "reader@example.com"]
    static let invisibles = "\u{200B}\u{200D}\u{FEFF}\u{2060}\u{200F}\u{2800}\u{3164}\u{AD}\u{FE0F}"
    static let stacked = "a" + String(repeating: "\u{301}", count: 60_000)
    static let withNUL = "nice article\u{0}<a href=http://spam.test>cheap pills</a>"

    /// How many comments the store holds (the listing prints one JSON line each).
    static func storedCount(_ cli: CLI) throws -> Int {
        try cli.run(["queue", "list", "--state", "all", "--format", "json"]).lines.count
    }

    @Test("submit refuses invisible-only fields, 60,000 marks on one letter, NUL and a bad IP, naming the field")
    func submitRefuses() throws {
        let cli = try CLI()
        #expect(try cli.run(["submit"] + Self.reader + ["--body", "first"]).status == 0)
        let stackedFile = try cli.write("stacked.txt", Data(Self.stacked.utf8))
        let nulFile = try cli.write("nul.txt", Data(Self.withNUL.utf8))
        let cases: [([String], String)] = [
            (Self.reader + ["--body", Self.invisibles], "body: required, and missing or blank"),
            (["--article", "a1", "--name", Self.invisibles, "--email", "r@example.com", "--body", "hi"], "name: required"),
            (Self.reader + ["--body-file", stackedFile], "body: a character made of 60,001 code points, the limit is 32"),
            (Self.reader + ["--body-file", nulFile], "body: contains the control character U+0000"),
            (Self.reader + ["--ip", "010.0.0.1", "--body", "hi"], "ip: not an IPv4 or IPv6 address"),
        ]
        for (arguments, message) in cases {
            let result = try cli.run(["submit"] + arguments)
            #expect(result.status == 65, "\(message): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(try Self.storedCount(cli) == 1)
    }

    @Test("check rejects the same inputs with the same words, and refuses the bad IP as submit does")
    func checkAgrees() throws {
        let cli = try CLI()
        let stackedFile = try cli.write("stacked.txt", Data(Self.stacked.utf8))
        let nulFile = try cli.write("nul.txt", Data(Self.withNUL.utf8))
        let cases: [([String], String, String)] = [
            (Self.reader + ["--body", Self.invisibles], "body", "required"),
            (Self.reader + ["--body-file", stackedFile], "body", "character_too_long"),
            (Self.reader + ["--body-file", nulFile], "body", "invalid"),
        ]
        for (arguments, field, problem) in cases {
            let result = try cli.run(["check"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let verdict = object(result.stdout)
            #expect(verdict["decision"] as? String == "reject")
            let violations = verdict["violations"] as? [[String: Any]] ?? []
            #expect(violations.map { $0["field"] as? String } == [field], "\(result.stdout)")
            #expect(violations.first?["problem"] as? String == problem)
        }
        let nul = object(try cli.run(["check"] + Self.reader + ["--body-file", nulFile]).stdout)
        let violation = (nul["violations"] as? [[String: Any]])?.first
        #expect(violation?["character"] as? Int == 0)
        let submitted = try cli.run(["submit"] + Self.reader + ["--body-file", nulFile])
        #expect(submitted.stderr.contains(try #require(violation?["message"] as? String)))

        let badIP = try cli.run(["check"] + Self.reader + ["--ip", "010.0.0.1", "--body", "hi"])
        #expect(badIP.status == 65)
        #expect(badIP.stderr.contains("ip: not an IPv4 or IPv6 address"))
        let lines = Data(
            (#"{"id":"x","name":"R","email":"r@example.com","ip":"010.0.0.1","body":"hi"}"# + "\n"
                + #"{"id":"y","name":"R","email":"r@example.com","ip":"::ffff:10.0.0.1","body":"hi"}"# + "\n").utf8)
        let jsonl = try cli.run(["check", "--jsonl", "-"], stdin: lines)
        #expect(jsonl.status == 0)
        let results = jsonl.lines.map(object)
        try #require(results.count == 2)
        #expect(results[0]["error"] as? String == "ip: not an IPv4 or IPv6 address (leading zeros are not accepted)")
        #expect(results[0]["line"] as? Int == 1)
        #expect(results[1]["decision"] as? String == "approve")
    }

    @Test("the IP address is stored in canonical form: ::ffff:10.0.0.1 is stored as 10.0.0.1, and a ban on it applies")
    func canonicalIP() throws {
        let cli = try CLI()
        let mapped = try cli.run(["submit"] + Self.reader + ["--ip", "::ffff:10.0.0.1", "--body", "hello"])
        let plain = try cli.run(["submit"] + Self.reader + ["--ip", "10.0.0.1", "--body", "hello"])
        #expect(mapped.status == 0 && plain.status == 0, "\(mapped.stderr) \(plain.stderr)")
        for id in [mapped, plain].map({ $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) }) {
            #expect(object(try cli.run(["queue", "show", id, "--format", "json"]).stdout)["ip"] as? String == "10.0.0.1")
        }
    }

    @Test("a NUL line in the middle of a batch bigger than one chunk costs only its line (SQLite)")
    func batchSQLite() throws {
        try Self.batch(on: .sqlite)
    }

    @Test(
        "a NUL line in the middle of a batch bigger than one chunk costs only its line (PostgreSQL)",
        .enabled(if: Backend.postgres.isConfigured, "MODERATE_TEST_POSTGRES_URL is not set"))
    func batchPostgres() throws {
        try Self.batch(on: .postgres)
    }

    /// 1,201 lines, stored 500 a transaction: line 601 has NUL in its body and line 900 an
    /// invisible-only name; the 1,199 others are stored, in order, and the run exits 65.
    static func batch(on backend: Backend) throws {
        let cli = try CLI(backend: backend)
        let total = 1201
        var text = ""
        for number in 1...total {
            let body = number == 601 ? #"nice article\u0000<a href=http://spam.test>x</a>"# : "comment \(number)"
            let name = number == 900 ? #"\u200b\ufeff\u2800"# : "Reader"
            text += #"{"article":"a1","name":"\#(name)","email":"r@example.com","body":"\#(body)"}"# + "\n"
        }
        let result = try cli.run(["submit", "--jsonl", "-"], stdin: Data(text.utf8))
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("2 lines refused"), "\(result.stderr)")
        let results = result.lines.map(object)
        try #require(results.count == total)
        #expect(results.map { $0["line"] as? Int } == Array(1...total))
        let nul = try #require((results[600]["error"] as? String))
        #expect(nul.hasPrefix("body: contains the control character U+0000"), "\(nul)")
        #expect(results[899]["error"] as? String == "name: required, and missing or blank")
        let ids = results.compactMap { $0["id"] as? Int }
        #expect(ids.count == total - 2)
        #expect(ids == ids.sorted() && Set(ids).count == ids.count)
        let worker = try cli.run(["worker", "--once"])
        #expect(worker.status == 0, "\(worker.stderr)")
        #expect(worker.stderr.contains("decided \(total - 2);"), "\(worker.stderr)")
    }
}

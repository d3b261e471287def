import Foundation
import GRDB
import Testing

/// What a moderator's terminal shows of a hostile comment, and commands that must not create a database.
@Suite("Moderator safety, end to end", .timeLimit(.minutes(2)))
struct ModeratorSafetyTests {
    /// A comment that erases its own line and hides a link, as a reader could submit it.
    static let hostile =
        "you are a stupid idiot\r\u{1B}[2Kgreat article, thanks!\u{1B}]8;;http://x.test\u{07}link\u{08}\u{9B}1m \u{202E}evil"

    /// Bytes that must never reach a terminal from a comment: ESC, BEL, BS, the C1 controls (as
    /// UTF-8, U+0080–U+009F start with C2 80–9F) and the bidi override.
    static func rawControls(in text: String) -> [String] {
        var found: [String] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1B, 0x07, 0x08, 0x80...0x9F, 0x202E: found.append("U+" + String(scalar.value, radix: 16))
            default: continue
            }
        }
        return found
    }

    /// Stores the hostile comment, held, as an earlier version let one in: intake and the stores now
    /// refuse its control characters (and the policy rejects them), so its first words are submitted
    /// and held by the worker, and then the body is replaced in the file.
    static func storeHostile(_ cli: CLI) throws {
        let submitted = try cli.run([
            "submit", "--article", "a1", "--name", "Troll", "--email", "t@example.com", "--body", "you are a stupid idiot",
        ])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(try cli.run(["worker", "--once"]).status == 0)
        let database = try DatabaseQueue(path: cli.directory.appendingPathComponent("db.sqlite").path)
        try database.write { try $0.execute(sql: "UPDATE comments SET body = ? WHERE id = 1", arguments: [hostile]) }
        try database.close()
    }

    @Test("submit refuses the hostile comment itself: its body holds control characters")
    func hostileRefusedAtIntake() throws {
        let cli = try CLI()
        #expect(
            try cli.run(["submit", "--article", "a1", "--name", "Troll", "--email", "t@example.com", "--body", "hello"]).status
                == 0)
        let result = try cli.run([
            "submit", "--article", "a1", "--name", "Troll", "--email", "t@example.com", "--body", Self.hostile,
        ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("body: contains the control character U+000D"), "\(result.stderr)")
        #expect(try cli.run(["queue", "list", "--state", "all", "--format", "json"]).lines.count == 1)
    }

    @Test("queue list, queue show and comments print a hostile comment's controls visibly")
    func listingsAreSafe() throws {
        let cli = try CLI()
        try Self.storeHostile(cli)
        let list = try cli.run(["queue", "list", "--state", "all"])
        let show = try cli.run(["queue", "show", "1"])
        #expect(try cli.run(["queue", "approve", "1", "--moderator", "ayesha", "--reason", "ok\u{1B}[2K"]).status == 0)
        let comments = try cli.run(["comments", "--article", "a1"])
        let history = try cli.run(["queue", "show", "1"])
        for output in [list.stdout, show.stdout, comments.stdout, history.stdout] {
            #expect(Self.rawControls(in: output).isEmpty, "\(output)")
            #expect(!output.contains("\r"))
        }
        #expect(show.stdout.contains("␍␛[2Kgreat article"))
        #expect(history.stdout.contains("ok␛[2K"))
        // JSON keeps the exact text, escaped.
        let json = try cli.run(["queue", "show", "1", "--format", "json"]).stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["body"] as? String == Self.hostile)
    }

    @Test("review under a pseudo-terminal: no raw control from the comment reaches it, and Up does not approve")
    func reviewUnderPseudoTerminal() throws {
        let cli = try CLI()
        try Self.storeHostile(cli)
        // `script` gives the review a terminal; Up (ESC [ A), F3 (ESC O R) and an Urdu letter come first, then q.
        let keys = Data("\u{1B}[A".utf8) + Data("\u{1B}OR".utf8) + Data("ر".utf8) + Data("q".utf8)
        let command = "\(CLI.binary.path) review --moderator ayesha"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        process.currentDirectoryURL = cli.directory
        process.environment = cli.environment
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let screenText = ScreenCollector(output)
        try process.run()
        defer { try? input.fileHandleForWriting.close() }
        // Keys go only once the first prompt shows (the terminal is raw by then), each a moment apart
        // as a person types, so the reader sees them as separate presses. Every wait is bounded.
        let prompted = screenText.wait(for: "keys >", limit: .seconds(120))
        #expect(prompted, "the review showed no prompt within two minutes: \(screenText.text)")
        if prompted {
            for key in [keys.prefix(3), keys.dropFirst(3).prefix(3), keys.dropFirst(6).prefix(2), keys.suffix(1)] {
                Thread.sleep(forTimeInterval: 0.4)
                try input.fileHandleForWriting.write(contentsOf: key)
            }
        }
        let exited = waitForExit(process, limit: .seconds(60))
        #expect(exited, "the review did not quit on q within a minute: \(screenText.text)")
        try? input.fileHandleForWriting.close()
        let screen = screenText.finish()
        // The terminal echoes what `script` is given; keep only what the review printed after its first prompt.
        let shown = screen.components(separatedBy: "keys >").first ?? screen
        #expect(Self.rawControls(in: shown).isEmpty, "\(shown)")
        #expect(shown.contains("␍␛[2Kgreat article"))
        #expect(screen.contains("0 decided"), "\(screen)")
        let state = try cli.run(["queue", "list", "--state", "all", "--format", "json"]).stdout
        #expect(state.contains("\"state\":\"held\""), "Up, F3 and an Urdu letter decide nothing: \(state)")
    }

    @Test("reading commands on a mistyped database path exit 66 and create nothing")
    func missingDatabase() throws {
        let cli = try CLI()
        let path = cli.directory.appendingPathComponent("nosuch/dir/q.sqlite").path
        for arguments in [
            ["queue", "list"], ["queue", "show", "1"], ["comments", "--article", "a1"], ["ban", "list"],
            ["review", "--moderator", "m"],
        ] {
            let result = try cli.run(arguments + ["--database", path])
            #expect(result.status == 66, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("no such file"))
        }
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("nosuch").path))
    }
}

/// Collects what a child prints, on another thread, so that a test can wait for a prompt with a limit.
final class ScreenCollector: @unchecked Sendable {
    // Safe: `collected` and `ended` are only touched under `lock`.
    private let lock = NSCondition()
    private var collected = Data()
    private var ended = false

    init(_ pipe: Pipe) {
        let descriptor = pipe.fileHandleForReading.fileDescriptor
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if got < 0 && errno == EINTR { continue }
                lock.lock()
                if got > 0 { collected.append(contentsOf: buffer[0..<got]) } else { ended = true }
                lock.broadcast()
                lock.unlock()
                if got <= 0 { return }
            }
        }
    }

    /// What has been printed so far.
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: collected, as: UTF8.self)
    }

    /// Waits until the output contains `marker`; false when the output ends or `limit` passes first.
    func wait(for marker: String, limit: Duration) -> Bool {
        let deadline = Date().addingTimeInterval(Double(limit.components.seconds))
        lock.lock()
        defer { lock.unlock() }
        while !String(decoding: collected, as: UTF8.self).contains(marker) {
            if ended || !lock.wait(until: deadline) { return false }
        }
        return true
    }

    /// Everything printed, once the output has ended (at most ten seconds after the child exits).
    func finish() -> String {
        let deadline = Date().addingTimeInterval(10)
        lock.lock()
        defer { lock.unlock() }
        while !ended && lock.wait(until: deadline) {}
        return String(decoding: collected, as: UTF8.self)
    }
}

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
        // The review's own screen clearing is the one escape sequence it may write.
        let shown = (screen.components(separatedBy: "keys >").first ?? screen)
            .replacingOccurrences(of: PtySession.clearScreen, with: "")
        #expect(Self.rawControls(in: shown).isEmpty, "\(shown)")
        #expect(shown.contains("␍␛[2Kgreat article"))
        #expect(screen.contains("0 decided"), "\(screen)")
        let state = try cli.run(["queue", "list", "--state", "all", "--format", "json"]).stdout
        #expect(state.contains("\"state\":\"held\""), "Up, F3 and an Urdu letter decide nothing: \(state)")
    }

    @Test("two reviews on one database never show the same comment; a decision on a claimed comment names the claimer")
    func twoReviewers() throws {
        let cli = try CLI()
        for number in 1...2 {
            #expect(
                try cli.run([
                    "submit", "--article", "a1", "--name", "Reader \(number)", "--email", "r\(number)@example.com",
                    "--body", "you stupid idiot number \(number)",
                ]).status == 0)
        }
        #expect(try cli.run(["worker", "--once"]).status == 0)
        let ayesha = try PtySession(cli, "review --moderator ayesha")
        #expect(ayesha.wait(for: "keys >"), "\(ayesha.text)")
        let bilal = try PtySession(cli, "review --moderator bilal")
        #expect(bilal.wait(for: "keys >"), "\(bilal.text)")
        let first = PtySession.commentShown(in: ayesha.text)
        let second = PtySession.commentShown(in: bilal.text)
        #expect(
            first != nil && second != nil && first != second,
            "ayesha saw \(String(describing: first)), bilal \(String(describing: second))")
        // A third moderator deciding ayesha's comment from the command line is refused, naming her.
        let refused = try cli.run(["queue", "approve", String(first ?? 0), "--moderator", "chand"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("being reviewed by ayesha"), "\(refused.stderr)")
        // Ayesha rejects with the first preset reason; bilal quits.
        try ayesha.send("r")
        #expect(ayesha.wait(for: "reason ("))
        try ayesha.send("1\r")
        #expect(ayesha.wait(for: "rejected —"), "\(ayesha.text)")
        try ayesha.send("q")
        try bilal.send("q")
        #expect(ayesha.finish())
        #expect(bilal.finish())
        let shown = try cli.run(["queue", "show", String(first ?? 0), "--format", "json"]).stdout
        #expect(shown.contains("\"state\":\"rejected\""), "\(shown)")
        #expect(shown.contains("\"actor\":\"ayesha\""))
        // The comment bilal left is free again: nobody's claim is on it.
        let left = try cli.run(["queue", "show", String(second ?? 0), "--format", "json"]).stdout
        #expect(!left.contains("claimed_by"), "\(left)")
    }

    @Test("after Ctrl-C in review under sh -c, the terminal is back in canonical mode with echo")
    func controlCRestoresTerminal() throws {
        let cli = try CLI()
        #expect(
            try cli.run(["submit", "--article", "a1", "--name", "R", "--email", "r@example.com", "--body", "you stupid idiot"])
                .status == 0)
        #expect(try cli.run(["worker", "--once"]).status == 0)
        let session = try PtySession(cli, "review --moderator ayesha; stty -a", shell: true)
        #expect(session.wait(for: "keys >"), "\(session.text)")
        try session.send("\u{03}")
        #expect(session.wait(for: "icanon"), "\(session.text)")
        #expect(session.finish())
        let settings = session.text.components(separatedBy: "keys >").last ?? ""
        #expect(settings.contains(" icanon") && !settings.contains("-icanon"), "\(settings)")
        #expect(settings.contains(" echo ") && !settings.contains("-echo "), "\(settings)")
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

    /// Where the output stood when keys were last sent: waits look at what came after.
    private var sentAt = 0

    /// Notes that keys are being sent now.
    func markSent() {
        lock.lock()
        sentAt = collected.count
        lock.unlock()
    }

    /// Waits until the output since the last keys contains `marker`; false when the output ends or
    /// `limit` passes first.
    func wait(for marker: String, limit: Duration) -> Bool {
        let deadline = Date().addingTimeInterval(Double(limit.components.seconds))
        lock.lock()
        defer { lock.unlock() }
        while !String(decoding: collected[sentAt...], as: UTF8.self).contains(marker) {
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

/// A command run under a pseudo-terminal (util-linux `script`), driven by keys; every wait is bounded.
final class PtySession {
    /// What the review writes to clear its screen between comments.
    static let clearScreen = "\u{1B}[H\u{1B}[2J"

    let process = Process()
    let input = Pipe()
    let screen: ScreenCollector

    /// Starts `moderate ARGUMENTS` (or, with `shell`, a shell line whose first word is `moderate`'s path).
    init(_ cli: CLI, _ arguments: String, shell: Bool = false) throws {
        let command = shell ? "sh -c '\(CLI.binary.path) \(arguments)'" : "\(CLI.binary.path) \(arguments)"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        process.currentDirectoryURL = cli.directory
        process.environment = cli.environment.merging(["COLUMNS": "100", "LINES": "40"]) { $1 }
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        screen = ScreenCollector(output)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Everything shown so far.
    var text: String { screen.text }

    /// Waits (at most two minutes) until `marker` shows after everything seen at the last send.
    func wait(for marker: String) -> Bool {
        screen.wait(for: marker, limit: .seconds(120))
    }

    /// Types keys, a moment after the last ones.
    func send(_ keys: String) throws {
        Thread.sleep(forTimeInterval: 0.3)
        screen.markSent()
        try input.fileHandleForWriting.write(contentsOf: Data(keys.utf8))
    }

    /// Waits (at most a minute) for the command to end; false when it had to be killed.
    func finish() -> Bool {
        let ended = waitForExit(process, limit: .seconds(60))
        try? input.fileHandleForWriting.close()
        _ = screen.finish()
        return ended
    }

    /// The id of the comment a review screen shows ("comment N · article …").
    static func commentShown(in text: String) -> Int64? {
        guard let range = text.range(of: #"comment (\d+) · article"#, options: .regularExpression) else { return nil }
        return Int64(text[range].split(separator: " ")[1])
    }
}

import ArgumentParser
import Foundation
import ModerationApp
import ModerationStore

/// `moderate review`: one held comment at a time, single keys.
struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review held comments one at a time: a approve, r reject, s skip, e explain, u undo, q quit.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this article.") var article: String?
    @Option(help: "Who decides (default: MODERATE_MODERATOR or USER).") var moderator: String?

    func run() async throws {
        try await reporting {
            try await withStore(global) { store, _ in
                let keys = KeyReader()
                defer { keys.restore() }
                let formatting = QueueFormatting(color: stdoutWantsColor)
                let who = try moderatorName(moderator)
                var skipped = Set<Int64>()
                var decided = 0
                while true {
                    let held = try await store.comments(matching: CommentFilter(state: .held, article: article))
                    guard let next = held.first(where: { !skipped.contains($0.id) }) else {
                        say("no more held comments (\(decided) decided, \(skipped.count) skipped)")
                        return
                    }
                    let verdict = QueueFormatting.verdict(of: next)
                    say(
                        "\n— comment \(next.id) of article \(TerminalText.line(next.comment.article)), by \(TerminalText.line(next.comment.name))  (\(held.count - skipped.count) held)"
                    )
                    say(formatting.renderer.highlight(next.comment.body, hits: verdict?.hits.filter { $0.field == .body } ?? []))
                    say("why held: \(TerminalText.line(verdict?.reason ?? "-"))")
                    var handled = false
                    while !handled {
                        say("[a]pprove  [r]eject  [s]kip  [e]xplain  [u]ndo  [q]uit  [?] keys > ", terminator: "")
                        guard let key = keys.nextCommand() else {
                            say("")
                            return
                        }
                        say(String(key))
                        switch key {
                        case "a", "r":
                            let state: CommentState = key == "a" ? .approved : .rejected
                            _ = try await store.decide(
                                [next.id], state: state, moderator: who, reason: "review", expecting: [.held], now: Date())
                            say("\(next.id) \(state.rawValue)")
                            decided += 1
                            handled = true
                        case "s":
                            skipped.insert(next.id)
                            handled = true
                        case "e":
                            say(formatting.show(next, history: try await store.history(of: next.id)))
                        case "u":
                            let events = try await store.undoLast(moderator: who, now: Date())
                            say(
                                events.isEmpty
                                    ? "nothing to undo"
                                    : events.map { "\($0.commentID) back to \($0.to.rawValue)" }.joined(separator: "\n"))
                            if !events.isEmpty {
                                decided = max(0, decided - 1)
                                handled = true
                            }
                        case "q":
                            say("\(decided) decided, \(skipped.count) skipped")
                            return
                        case "?":
                            say(
                                "a approve · r reject · s skip (this session) · e explain: fields, hits, history · u undo your last decision · q quit (also Ctrl-C, Ctrl-D)"
                            )
                        default:
                            continue
                        }
                    }
                }
            }
        }
    }
}

/// The terminal settings to put back when a signal ends the review (read by the handler).
nonisolated(unsafe) private var savedTerminal = termios()
nonisolated(unsafe) private var terminalSaved = false

/// Puts the terminal back and exits with the signal's status: tcsetattr and _exit are async-signal-safe.
private func restoreTerminalAndExit(_ signal: Int32) {
    if terminalSaved { tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal) }
    _exit(128 + signal)
}

/// Reads key presses: raw, unechoed input on a terminal, decoded whole by ``KeyDecoder`` (an arrow
/// or function key is one escape, never a letter); one line at a time otherwise (scripts, pipes).
final class KeyReader {
    private let isTerminal = isatty(STDIN_FILENO) != 0

    init() {
        guard isTerminal else { return }
        tcgetattr(STDIN_FILENO, &savedTerminal)
        terminalSaved = true
        // SIGTERM, SIGHUP (the terminal closed) and SIGINT restore the terminal before the process ends.
        for number in [SIGTERM, SIGHUP, SIGINT] { signal(number, restoreTerminalAndExit) }
        var raw = savedTerminal
        // No line editing, no echo, and Ctrl-C arrives as a key (the review quits cleanly on it).
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    }

    /// The next key press; nil at the end of input.
    func next() -> KeyPress? {
        if isTerminal {
            return KeyDecoder.next { timeout in
                if let timeout {
                    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
                    guard poll(&descriptor, 1, Int32(timeout)) == 1 else { return nil }
                }
                var byte: UInt8 = 0
                return read(STDIN_FILENO, &byte, 1) == 1 ? byte : nil
            }
        }
        while let line = readLine() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let first = trimmed.unicodeScalars.first else { continue }
            // A line of one printable ASCII character is that key; anything else is ignored like an escape.
            return trimmed.unicodeScalars.count == 1 && first.isASCII && first.value >= 0x20
                ? .character(Character(first)) : .escape
        }
        return nil
    }

    /// The next key that is a command letter, lowercased (Ctrl-C and Ctrl-D read as `q`); escape
    /// sequences, other controls and non-ASCII keys are passed over. Nil at the end of input.
    func nextCommand() -> Character? {
        while let press = next() {
            switch press {
            case .character(let typed): return typed.lowercased().first ?? typed
            case .control(3), .control(4): return "q"
            case .control, .escape, .other: continue
            }
        }
        return nil
    }

    /// Puts the terminal back as it was.
    func restore() {
        guard isTerminal, terminalSaved else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal)
        for number in [SIGTERM, SIGHUP, SIGINT] { signal(number, SIG_DFL) }
    }
}

/// Writes straight to standard output, unbuffered, so that a prompt shows before the key is read.
private func say(_ text: String, terminator: String = "\n") {
    FileHandle.standardOutput.write(Data((text + terminator).utf8))
}

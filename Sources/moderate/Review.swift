import ArgumentParser
import Foundation
import ModerationApp
import ModerationStore

/// `moderate review`: one held comment at a time, single keys.
struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Review held comments one at a time: a approve, r reject, s skip, e explain, u undo, q quit.")
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
                    say("\n— comment \(next.id) of article \(TerminalText.line(next.comment.article)), by \(TerminalText.line(next.comment.name))  (\(held.count - skipped.count) held)")
                    say(formatting.renderer.highlight(next.comment.body, hits: verdict?.hits.filter { $0.field == .body } ?? []))
                    say("why held: \(TerminalText.line(verdict?.reason ?? "-"))")
                    var handled = false
                    while !handled {
                        say("[a]pprove  [r]eject  [s]kip  [e]xplain  [u]ndo  [q]uit > ", terminator: "")
                        guard let key = keys.next() else { say(""); return }
                        say(String(key))
                        switch key {
                        case "a", "r":
                            let state: CommentState = key == "a" ? .approved : .rejected
                            _ = try await store.decide([next.id], state: state, moderator: who, reason: "review", expecting: [.held], now: Date())
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
                            say(events.isEmpty ? "nothing to undo" : events.map { "\($0.commentID) back to \($0.to.rawValue)" }.joined(separator: "\n"))
                            if !events.isEmpty { decided = max(0, decided - 1); handled = true }
                        case "q":
                            say("\(decided) decided, \(skipped.count) skipped")
                            return
                        default:
                            continue
                        }
                    }
                }
            }
        }
    }
}

/// Reads single key presses: raw, unechoed input on a terminal; one line at a time otherwise (scripts, pipes).
final class KeyReader {
    private var original = termios()
    private let isTerminal = isatty(STDIN_FILENO) != 0

    init() {
        guard isTerminal else { return }
        tcgetattr(STDIN_FILENO, &original)
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    }

    /// The next key, lowercased; nil at the end of input.
    func next() -> Character? {
        if isTerminal {
            var byte: UInt8 = 0
            guard read(STDIN_FILENO, &byte, 1) == 1 else { return nil }
            if byte == 4 { return nil }
            return Character(Unicode.Scalar(byte)).lowercased().first
        }
        while let line = readLine() {
            if let first = line.trimmingCharacters(in: .whitespaces).first { return first.lowercased().first }
        }
        return nil
    }

    /// Puts the terminal back as it was.
    func restore() {
        if isTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &original) }
    }
}

/// Writes straight to standard output, unbuffered, so that a prompt shows before the key is read.
private func say(_ text: String, terminator: String = "\n") {
    FileHandle.standardOutput.write(Data((text + terminator).utf8))
}

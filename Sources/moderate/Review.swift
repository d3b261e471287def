import ArgumentParser
import Foundation
import ModerationApp
import ModerationStore

/// `moderate review`: one held comment a screen, claimed while it is shown, single keys.
struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review held comments one at a screen: a approve, r reject, s skip, b ban, e explain, u undo, q quit.",
        discussion: """
            Each comment shown is claimed for you (other reviewers are not shown it, and their decisions on it are \
            refused) until you decide, skip or leave it. When the queue is empty the screen waits for new held \
            comments; --once quits instead.

            Example: moderate review --moderator ayesha --article a1
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this article.") var article: String?
    @Option(help: "Only comments a rule hit (a rule id such as abuse.insult-en).") var rule: String?
    @Option(help: "Only comments from this email address.") var author: String?
    @Option(help: "Who decides (default: MODERATE_MODERATOR or USER).") var moderator: String?
    @Flag(help: "Quit when no held comment is left instead of waiting for new ones.") var once = false
    @Option(help: "Seconds between looks for new held comments while the queue is empty.") var pollSeconds: Double = 2

    /// How long a claim lasts; the screen renews it while the comment is shown.
    static let claimSeconds: TimeInterval = 120

    func run() async throws {
        try await reporting {
            let who = try moderatorName(moderator)
            try await withStore(global) { store, settings in
                let keys = KeyReader()
                defer { keys.restore() }
                let descriptions = Self.ruleDescriptions(settings)
                let filter = CommentFilter(article: article, ruleID: rule, author: author)
                let filters = [article.map { "article \($0)" }, rule.map { "rule \($0)" }, author.map { "author \($0)" }]
                    .compactMap { $0 }.map(TerminalText.line).joined(separator: " · ")
                var session = ReviewLoop(
                    store: store, keys: keys, moderator: who, filter: filter, filters: filters,
                    descriptions: descriptions, once: once, pollSeconds: max(0.2, pollSeconds))
                try await session.run()
            }
        }
    }

    /// Rule descriptions by id from the rules folder, to show beside hits; empty when it does not load.
    static func ruleDescriptions(_ settings: Settings) -> [String: String] {
        guard let rules = try? settings.loadRuleSet() else { return [:] }
        var descriptions: [String: String] = [:]
        for rule in rules.rules where !rule.description.isEmpty { descriptions[rule.id] = rule.description }
        return descriptions
    }
}

/// The review's state between screens.
struct ReviewLoop {
    let store: any ModerationStore
    let keys: KeyReader
    let moderator: String
    let filter: CommentFilter
    let filters: String
    let descriptions: [String: String]
    let once: Bool
    let pollSeconds: Double
    var skipped = Set<Int64>()
    var decided = 0
    /// A line to show above the next screen: what the last action did.
    var status = ""

    mutating func run() async throws {
        var shown: Int64?
        defer {
            if let shown {
                let store = store
                let moderator = moderator
                // Best effort: an unreleased claim simply runs out.
                Task { try? await store.releaseReviewClaims([shown], moderator: moderator) }
            }
        }
        while true {
            guard
                let next = try await store.claimForReview(
                    moderator: moderator, filter: filter, skipping: skipped, duration: Review.claimSeconds, now: Date())
            else {
                shown = nil
                if once || !keys.isTerminal {
                    say(status.isEmpty ? "" : status)
                    say("no more held comments (\(decided) decided, \(skipped.count) skipped)")
                    return
                }
                clearScreen()
                if !status.isEmpty { say(status) }
                say("no held comments left\(filters.isEmpty ? "" : " for \(filters)") · waiting for new ones (q quits)")
                if case .key(let key) = keys.nextCommand(timeout: pollSeconds), key == "q" {
                    say("\(decided) decided, \(skipped.count) skipped")
                    return
                }
                continue
            }
            shown = next.id
            if try await !screen(for: next) {
                try? await store.releaseReviewClaims([next.id], moderator: moderator)
                shown = nil
                say("\(decided) decided, \(skipped.count) skipped")
                return
            }
        }
    }

    /// Shows one comment and acts on keys until it is decided or skipped (true), or the moderator
    /// quits (false).
    mutating func screen(for comment: StoredComment) async throws -> Bool {
        let record = try await AuthorRecord.of(comment.comment, in: store)
        var held = filter
        held.state = .held
        let left = try await store.comments(matching: held).count - skipped.count
        let screen = ReviewScreen(color: stdoutWantsColor, width: terminalWidth())
        let verdict = QueueFormatting.verdict(of: comment)
        let hitDescriptions = (verdict?.hits ?? []).compactMap { descriptions[$0.rule] }
        func draw() {
            clearScreen()
            if !status.isEmpty { say(status) }
            say(
                screen.render(
                    comment, record: record, descriptions: descriptions, left: max(left, 1), moderator: moderator,
                    filters: filters))
        }
        draw()
        status = ""
        var lastRenewal = Date()
        while true {
            say(ReviewScreen.prompt, terminator: "")
            let read = keys.nextCommand(timeout: keys.isTerminal ? 15 : nil)
            if Date().timeIntervalSince(lastRenewal) > 15 || read == .timeout {
                lastRenewal = Date()
                if try await !store.renewReviewClaim(
                    comment.id, moderator: moderator, duration: Review.claimSeconds, now: Date())
                {
                    status = "comment \(comment.id) was decided or taken by someone else meanwhile; here is the next one"
                    return true
                }
            }
            guard case .key(let key) = read else {
                if read == .end {
                    say("")
                    return false
                }
                say("\r", terminator: "")
                continue
            }
            say(String(key))
            switch key {
            case "a", "r":
                let state: CommentState = key == "a" ? .approved : .rejected
                let presets = ReviewScreen.presets(
                    for: state, descriptions: hitDescriptions, hasHits: !(verdict?.hits.isEmpty ?? true))
                guard let reason = askReason(presets: presets) else {
                    say("cancelled")
                    continue
                }
                do {
                    _ = try await store.decide(
                        [comment.id], state: state, moderator: moderator, reason: reason, expecting: [.held],
                        now: Date())
                    decided += 1
                    status = "comment \(comment.id) \(state.rawValue)" + (reason.map { " — \(TerminalText.line($0))" } ?? "")
                } catch let error as StoreError where error.kind == .conflict {
                    status = "not decided: \(TerminalText.line(error.message))"
                }
                return true
            case "s":
                skipped.insert(comment.id)
                try? await store.releaseReviewClaims([comment.id], moderator: moderator)
                status = "comment \(comment.id) skipped"
                return true
            case "b":
                if try await ban(comment) { return true }
                draw()
            case "e":
                say(QueueFormatting(color: stdoutWantsColor).show(comment, history: try await store.history(of: comment.id)))
            case "u":
                do {
                    let events = try await store.undoLast(moderator: moderator, now: Date())
                    if events.isEmpty {
                        say("nothing to undo")
                    } else {
                        decided = max(0, decided - 1)
                        status = events.map { "comment \($0.commentID) back to \($0.to.rawValue)" }.joined(separator: "; ")
                        try? await store.releaseReviewClaims([comment.id], moderator: moderator)
                        return true
                    }
                } catch let error as StoreError where error.kind == .conflict {
                    say(TerminalText.line(error.message))
                }
            case "q":
                return false
            case "?":
                say(ReviewScreen.keys.map { "  \($0.key)  \($0.help)" }.joined(separator: "\n"))
            default:
                say("  (\(key) does nothing here; ? lists the keys)")
            }
        }
    }

    /// Bans the author's email after asking for a reason, then offers to reject their held comments;
    /// true when this comment was decided.
    mutating func ban(_ comment: StoredComment) async throws -> Bool {
        let email = comment.comment.email
        let value: String
        switch BanValue.validated(email, kind: .email) {
        case .success(let valid): value = valid
        case .failure(let problem):
            say("cannot ban this email: \(TerminalText.line(problem.description))")
            return false
        }
        say("ban \(TerminalText.line(value))")
        guard let reason = askReason(presets: ["abusive comments", "spam", "ban evasion"]) else {
            say("cancelled")
            return false
        }
        let ban = Ban(kind: .email, value: value, reason: reason, createdBy: moderator)
        var theirs = CommentFilter(state: .held, author: email)
        theirs.limit = nil
        let held = try await store.count(matching: theirs)
        say(
            "reject their \(held) held comment\(held == 1 ? "" : "s") (by this email), this one included? [y/n] ",
            terminator: "")
        guard case .key(let answer) = keys.nextCommand(timeout: nil), answer == "y" else {
            say("n")
            try await store.addBan(ban)
            status = "banned \(TerminalText.line(value)); their held comments left as they are"
            return false
        }
        say("y")
        // The ban and the rejections in one transaction: held comments matching the ban by IP or
        // name go too.
        let events = try await store.addBan(
            ban, rejectingHeldAs: moderator, reason: "author banned" + (reason.map { ": \($0)" } ?? ""), now: Date())
        decided += events.count
        status = "banned \(TerminalText.line(value)) and rejected \(events.count) held comment\(events.count == 1 ? "" : "s")"
        return true
    }

    /// Asks for a reason: a number picks a preset, text is the reason, Enter alone gives none, Esc cancels.
    func askReason(presets: [String]) -> String?? {
        for (index, preset) in presets.prefix(9).enumerated() {
            say("  \(index + 1)  \(TerminalText.line(preset))")
        }
        say("reason (a number, your own words, Enter for none, Esc to cancel) > ", terminator: "")
        guard let typed = keys.readLine() else { return nil }
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        if let number = Int(trimmed), (1...min(9, presets.count)).contains(number) {
            say("  → \(TerminalText.line(presets[number - 1]))")
            return .some(presets[number - 1])
        }
        return .some(trimmed.isEmpty ? nil : trimmed)
    }
}

/// Clears a terminal screen (nothing when standard output is not a terminal).
private func clearScreen() {
    guard isatty(STDOUT_FILENO) != 0 else { return }
    say("\u{1B}[H\u{1B}[2J", terminator: "")
}

/// The terminal's width in columns (80 when unknown).
private func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
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
    let isTerminal = isatty(STDIN_FILENO) != 0

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

    /// What waiting for a command key gave.
    enum Command: Equatable {
        /// A command letter, lowercased (Ctrl-C and Ctrl-D read as `q`).
        case key(Character)
        /// No key within the time given.
        case timeout
        /// The end of input.
        case end
    }

    /// The next key that is a command letter; escape sequences, other controls and non-ASCII keys
    /// are passed over. With a timeout (seconds, on a terminal) it returns `.timeout` when no key
    /// comes in that time.
    func nextCommand(timeout: Double?) -> Command {
        while true {
            if let timeout, isTerminal {
                var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, Int32(timeout * 1000))
                if ready == 0 { return .timeout }
                if ready < 0 && errno == EINTR { continue }
            }
            guard let press = next() else { return .end }
            switch press {
            case .character(let typed): return .key(typed.lowercased().first ?? typed)
            case .control(3), .control(4): return .key("q")
            case .control, .escape, .other: continue
            }
        }
    }

    /// A line the moderator types: printable text (any script) with Backspace, ended by Enter; nil
    /// on Esc, Ctrl-C or the end of input. Echoes what is typed on a terminal.
    func readLine() -> String? {
        guard isTerminal else { return Swift.readLine() }
        var text = ""
        while let press = next() {
            switch press {
            case .character(let typed):
                text.append(typed)
                say(String(typed), terminator: "")
            case .other(let scalar):
                // Only letters, marks, numbers, punctuation and symbols: no invisible or control scalars.
                guard TerminalText.mark(for: scalar) == nil, scalar.properties.generalCategory != .format else { continue }
                text.unicodeScalars.append(scalar)
                say(String(scalar), terminator: "")
            case .control(13), .control(10):
                say("")
                return text
            case .control(127), .control(8):
                if !text.isEmpty {
                    text.removeLast()
                    say("\u{8} \u{8}", terminator: "")
                }
            case .control(3), .control(4), .escape:
                say("")
                return nil
            case .control:
                continue
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

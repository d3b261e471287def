import ArgumentParser
import ModerationApp

/// `moderate`: comment moderation for a news site — intake, a rules engine on PCRE2, a durable queue.
struct Moderate: AsyncParsableCommand {
    /// The release this build is; `moderate --version` prints it.
    static let version = "0.2.0-dev"

    static let configuration = CommandConfiguration(
        commandName: "moderate",
        abstract: "Check, queue and moderate reader comments against the site's comment policy.",
        discussion: """
            Quick start: moderate submit --article a1 --name Reader --email r@example.com --body "…", then \
            moderate worker --once, then moderate review --moderator NAME.
            """,
        version: version,
        subcommands: [Submit.self, Check.self, Worker.self, Queue.self, Review.self, Comments.self, BanCommand.self, Rules.self]
    )
}

/// The program: a mistyped command name gets the nearest real one suggested (exit 64); everything
/// else is Argument Parser's own parsing and running of ``Moderate``.
@main
enum Entry {
    static func main() async {
        if let suggestion = CommandSuggestion.forArguments(Array(CommandLine.arguments.dropFirst()), root: Moderate.self) {
            printError(suggestion)
            Moderate.exit(withError: ExitCode(64))
        }
        await Moderate.main()
    }
}

/// "Did you mean" for command names: the nearest subcommand within two edits.
enum CommandSuggestion {
    /// A message for the first word that names no subcommand where one is expected, or nil.
    static func forArguments(_ arguments: [String], root: any ParsableCommand.Type) -> String? {
        var names = ["moderate"]
        var subcommands = configuration(of: root).subcommands
        for word in arguments {
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            let named = subcommands.map { (type: $0, name: configuration(of: $0).commandName ?? "") }
            if let next = named.first(where: { $0.name == word }) {
                names.append(word)
                subcommands = configuration(of: next.type).subcommands
                continue
            }
            let known = named.map(\.name)
            let nearest = known.map { ($0, distance(word.lowercased(), $0)) }.min { $0.1 < $1.1 }
            let said = "Error: '\(names.joined(separator: " ")) \(TerminalText.line(word))' is not a command"
            if let nearest, nearest.1 <= 2 {
                return said + ". Did you mean '\(nearest.0)'? (commands: \(known.joined(separator: ", ")))"
            }
            return said + " (commands: \(known.joined(separator: ", ")))"
        }
        return nil
    }

    /// A command type's configuration (opens the existential metatype).
    private static func configuration<Command: ParsableCommand>(of type: Command.Type) -> CommandConfiguration {
        Command.configuration
    }

    /// Levenshtein distance between two short words.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

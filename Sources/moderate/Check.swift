import ArgumentParser
import ModerationApp

/// `moderate check`: evaluate without storing; one JSON verdict a line.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate comments against the policy and rules without storing them; prints one JSON verdict a line.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: CommentOptions
    @Flag(
        help:
            "After the verdicts, print to standard error how many PCRE2 runs the prefilter left a comment, and the rules that took the most time."
    )
    var stats = false
    @Flag(help: "Skip the form policy (name, email, lengths): the rules' verdict alone, for texts without a name or email.")
    var rulesOnly = false

    func run() async throws {
        try await reporting {
            let settings = try global.settings()
            try await CheckRun.run(input.source, settings: settings, stats: stats, rulesOnly: rulesOnly).forEach(printError)
        }
    }
}

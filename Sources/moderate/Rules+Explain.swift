import ArgumentParser
import ModerationApp
import ModerationRules

extension Rules {
    /// `moderate rules explain`: a verdict for people, with the matched text highlighted.
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Explain the verdict on a comment: each hit highlighted in the text, and why the decision came out so.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: CommentOptions
        @Flag(help: "Mark matches with [[ ]] instead of colour.") var noColor = false
        @Flag(help: "Skip the form policy (name, email, lengths): what the rules alone decide.") var rulesOnly = false

        func run() async throws {
            try await reporting {
                let settings = try global.settings()
                let engine = try settings.loadEngine()
                let renderer = VerdictRenderer(color: !noColor && stdoutWantsColor)
                var first = true
                try await CheckRun.evaluate(
                    input.source, settings: settings, engine: engine, rulesOnly: rulesOnly, refused: { print($0) }
                ) { verdict, comment in
                    if !first { print("") }
                    first = false
                    if let id = verdict.id { print("id: \(id)") }
                    print(renderer.explain(verdict, comment: comment))
                    if !verdict.violations.isEmpty {
                        print(
                            "the form policy decides this one (\(verdict.violations.count) problem\(verdict.violations.count == 1 ? "" : "s") above); "
                                + "--rules-only shows what the rules alone decide")
                    }
                }
            }
        }
    }
}

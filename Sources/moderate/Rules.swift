import ArgumentParser

/// `moderate rules`: tools for the people who maintain the rules files.
struct Rules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Lint, test, explain, measure and backtest the rules.",
        subcommands: [Lint.self, Test.self, Explain.self, Eval.self, Backtest.self]
    )
}

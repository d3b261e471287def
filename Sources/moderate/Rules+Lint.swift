import ArgumentParser
import Foundation
import ModerationApp
import ModerationRules

extension Rules {
    /// `moderate rules lint [DIR]`: load and compile everything, reporting every problem.
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint", abstract: "Load and compile every rules file; report every problem, and rules without tests.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The rules folder (default: --rules, MODERATE_RULES, or Rules).") var directory: String?

        func run() async throws {
            try await reporting {
                let settings = try global.settings()
                let engine = try settings.loadEngine(directory: directory)
                let untested = engine.ruleSet.rules.filter { $0.examples.match.isEmpty }
                for rule in untested {
                    printError(
                        "\(directory ?? settings.rules)/\(rule.location): rule \(rule.id): no tests: add texts it must match")
                }
                let rules = engine.ruleSet.rules
                print(
                    "\(rules.count) rules OK (\(rules.filter { $0.mode == .shadow }.count) in shadow), rules version \(engine.ruleSet.version)"
                )
                if !untested.isEmpty { throw AppError(.dataError, "\(untested.count) rules have no tests") }
            }
        }
    }

    /// `moderate rules test [DIR]`: run the tests written inside the rules.
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test", abstract: "Run every rule's own tests: each match text must hit, each no_match text must not.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The rules folder (default: --rules, MODERATE_RULES, or Rules).") var directory: String?

        func run() async throws {
            try await reporting {
                let settings = try global.settings()
                let engine = try settings.loadEngine(directory: directory)
                let (examples, failures) = try RuleTestRunner(engine: engine).run()
                for failure in failures {
                    printError("\(directory ?? settings.rules)/\(failure)")
                }
                print("\(examples - failures.count) passed, \(failures.count) failed (\(engine.ruleSet.rules.count) rules)")
                if !failures.isEmpty { throw AppError(.failure, "\(failures.count) rule examples failed") }
            }
        }
    }
}

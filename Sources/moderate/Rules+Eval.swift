import ArgumentParser
import Foundation
import ModerationApp
import ModerationRules

extension Rules {
    /// `moderate rules eval --corpus FILE`: measure the rules on labeled comments.
    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract:
                "Measure the rules on labeled JSONL corpora: positives caught, negatives rejected and held, each rule's precision."
        )

        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("corpus"), help: "A labeled JSONL file (repeatable).") var corpora: [String]
        @Option(help: "The JSON field holding the label.") var labelField = "label"
        @Option(help: "Comma-separated labels that should be caught.") var positive = "spam,toxic"
        @Option(help: "Comma-separated labels that should pass.") var negative = "ham,clean"
        @Option(help: "Rules shown per corpus, noisiest first.") var top = 10
        @Option(help: "table or json.") var format = "table"

        func validate() throws {
            if corpora.isEmpty { throw ValidationError("Give at least one --corpus FILE.") }
            if !["table", "json"].contains(format) { throw ValidationError("--format is table or json.") }
        }

        func run() async throws {
            try await reporting {
                let settings = try global.settings()
                let engine = try settings.loadEngine()
                let evaluator = CorpusEvaluator(
                    engine: engine, labelField: labelField,
                    positiveLabels: Set(positive.split(separator: ",").map(String.init)),
                    negativeLabels: Set(negative.split(separator: ",").map(String.init)))
                let reader = InputReader(maxBytes: settings.maxInputBytes)
                for corpus in corpora {
                    let result = try await evaluator.evaluate(path: corpus, reader: reader)
                    if format == "json" {
                        print(JSONOutput.line(result))
                    } else {
                        print(EvaluationTable.render(result, top: top))
                    }
                }
            }
        }
    }
}

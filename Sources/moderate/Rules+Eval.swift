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
        @Option(help: "Comma-separated labels that should be caught (default: spam,toxic).") var positive: String?
        @Option(help: "Comma-separated labels that should pass (default: ham,clean).") var negative: String?
        @Option(help: "Rules shown per corpus, noisiest first.") var top = 10
        @Option(help: "table or json (one document for all the corpora).") var format = "table"
        @Option(help: "List the rows behind the figures: false-positives or misses.") var show: String?
        @Option(help: "With --show, only the rows this rule hits (false positives) or does not hit (misses).") var rule: String?
        @Option(help: "With --show, at most this many rows a corpus.") var limit = 20

        func validate() throws {
            if corpora.isEmpty { throw ValidationError("Give at least one --corpus FILE.") }
            if !["table", "json"].contains(format) { throw ValidationError("--format is table or json.") }
            if let show, CorpusEvaluation.Examples(rawValue: show) == nil {
                throw ValidationError("--show is false-positives or misses.")
            }
            if show == nil && rule != nil { throw ValidationError("--rule goes with --show.") }
            if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        }

        func run() async throws {
            try await reporting {
                let settings = try global.settings()
                let engine = try settings.loadEngine()
                if let rule, !engine.ruleSet.rules.contains(where: { $0.id == rule }) {
                    throw AppError(.usage, "--rule \(rule): no such rule in \(settings.rules)")
                }
                let positives = Set((positive ?? "spam,toxic").split(separator: ",").map(String.init))
                let negatives = Set((negative ?? "ham,clean").split(separator: ",").map(String.init))
                let evaluator = CorpusEvaluator(
                    engine: engine, labelField: labelField, positiveLabels: positives, negativeLabels: negatives)
                let reader = InputReader(maxBytes: settings.maxInputBytes)
                var results: [CorpusEvaluation] = []
                for corpus in corpora {
                    results.append(
                        try await evaluator.evaluate(
                            path: corpus, reader: reader, examples: show.flatMap(CorpusEvaluation.Examples.init(rawValue:)),
                            rule: rule, limit: limit))
                }
                // A label given that no corpus has is a typo (`--negative hma`), not a measurement of
                // nothing; of the default labels (meant for corpora of either kind) one a side must be there.
                var found: [String: Int] = [:]
                for result in results { found.merge(result.labels, uniquingKeysWith: +) }
                var missing: [String] = []
                for (given, labels) in [(positive, positives), (negative, negatives)] {
                    let absent = labels.filter { found[$0] == nil }
                    if given != nil || absent.count == labels.count { missing += absent.sorted() }
                }
                if !missing.isEmpty {
                    let seen = found.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
                    throw AppError(
                        .usage,
                        "\(missing.joined(separator: ", ")): no row has this label in field '\(labelField)'; the corpora have: "
                            + (seen.isEmpty ? "no labels" : seen))
                }
                if format == "json" {
                    print(JSONOutput.line(EvaluationDocument(corpora: results)))
                } else {
                    for result in results { print(EvaluationTable.render(result, top: top)) }
                }
            }
        }
    }
}

/// `rules eval --format json`: one document for every corpus.
struct EvaluationDocument: Encodable {
    var schema = 2
    var corpora: [CorpusEvaluation]
}

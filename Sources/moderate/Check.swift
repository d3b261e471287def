import ArgumentParser
import ModerationApp
import ModerationRules
import PCRE2

/// `moderate check`: evaluate without storing; one JSON verdict a line.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate comments against the policy and rules without storing them; prints one JSON verdict a line.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: CommentOptions
    @Flag(help: "After the verdicts, print to standard error how many PCRE2 runs the prefilter left a comment, and the rules that took the most time.")
    var stats = false

    func run() async throws {
        try await reporting {
            let settings = try global.settings()
            let engine = try settings.loadEngine()
            let counts = try await Check.evaluate(input: input, settings: settings, engine: engine, timed: stats) { verdict, _ in
                print(VerdictJSON.line(verdict))
            }
            if stats { RunStatsReport.lines(counts, rules: engine.ruleSet.rules).forEach(printError) }
        }
    }

    /// Evaluates the flags' comment or every JSONL line, in order; a malformed line prints an error
    /// line. Returns how often each rule ran.
    @discardableResult
    static func evaluate(input: CommentOptions, settings: Settings, engine: ModerationEngine, timed: Bool = false,
                         emit: (Verdict, CommentInput) -> Void) async throws -> RuleRunCounts {
        let reader = InputReader(maxBytes: settings.maxInputBytes)
        let scratch = try EngineScratch()
        scratch.timesRuns = timed
        guard let jsonl = input.jsonl else {
            let comment = try input.comment(reader: reader)
            emit(engine.evaluate(comment, scratch: scratch), comment)
            return scratch.counts
        }
        try await reader.forEachLine(of: jsonl) { number, data in
            guard let data else {
                print(JSONOutput.errorLine(line: number, id: nil, message: "the line is over \(reader.maxBytes) bytes"))
                return true
            }
            if data.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
            do {
                let line = try SubmissionLine.parse(data)
                emit(engine.evaluate(line.comment, id: line.id, scratch: scratch), line.comment)
            } catch let error as AppError {
                print(JSONOutput.errorLine(line: number, id: nil, message: error.description))
            }
            return true
        }
        return scratch.counts
    }
}

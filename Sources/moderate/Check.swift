import ArgumentParser
import ModerationApp
import ModerationRules
import PCRE2

/// `moderate check`: evaluate without storing; one JSON verdict a line.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Evaluate comments against the policy and rules without storing them; prints one JSON verdict a line.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: CommentOptions
    @Flag(help: "After the verdicts, print to standard error how many PCRE2 runs the prefilter left a comment, and the rules that took the most time.")
    var stats = false

    func run() async throws {
        try await reporting {
            let settings = try global.settings()
            let engine = try settings.loadEngine()
            // Verdicts and error lines share one buffer, so they keep the input's order; whatever was
            // evaluated is written before an error goes to standard error.
            let output = BufferedOutput()
            let counts: RuleRunCounts
            do {
                counts = try await Check.evaluate(input: input, settings: settings, engine: engine, timed: stats,
                                                  refused: output.line, beforeRead: output.flush) { verdict, _ in
                    try output.line { VerdictJSON.append(verdict, to: &$0) }
                }
                try output.flush()
            } catch {
                try? output.flush()
                throw error
            }
            if stats { RunStatsReport.lines(counts, rules: engine.ruleSet.rules, prefilter: engine.prefilterSummary).forEach(printError) }
        }
    }

    /// Evaluates the flags' comment or every JSONL line, in order; a malformed line gives an error
    /// line to `refused`. `beforeRead` runs before each read of JSONL input, which may block.
    /// Returns how often each rule ran.
    @discardableResult
    static func evaluate(input: CommentOptions, settings: Settings, engine: ModerationEngine, timed: Bool = false,
                         refused: (String) throws -> Void = { print($0) }, beforeRead: () throws -> Void = {},
                         emit: (Verdict, CommentInput) throws -> Void) async throws -> RuleRunCounts {
        let reader = InputReader(maxBytes: settings.maxInputBytes)
        let scratch = try EngineScratch()
        scratch.timesRuns = timed
        guard let jsonl = input.jsonl else {
            let comment = try input.comment(reader: reader)
            try emit(engine.evaluate(comment, scratch: scratch), comment)
            return scratch.counts
        }
        try await reader.forEachLine(of: jsonl, beforeRead: beforeRead) { number, data in
            guard let data else {
                try refused(JSONOutput.errorLine(line: number, id: nil, message: "the line is over \(reader.maxBytes) bytes"))
                return true
            }
            if data.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
            let line: SubmissionLine
            do throws(AppError) {
                line = try SubmissionLine.parse(data)
            } catch {
                try refused(JSONOutput.errorLine(line: number, id: nil, message: error.description))
                return true
            }
            try emit(engine.evaluate(line.comment, id: line.id, scratch: scratch), line.comment)
            return true
        }
        return scratch.counts
    }
}

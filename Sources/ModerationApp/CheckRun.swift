import ModerationRules

/// What `moderate check` and `moderate rules explain` do: evaluate comments without storing them.
public enum CheckRun {
    /// Evaluates the source's comment or every JSONL line, in order; a malformed line, or one whose
    /// IP address `submit` would refuse, gives an error line to `refused`. `beforeRead` runs before each read of JSONL input, which may block.
    /// With `timed`, each PCRE2 run is timed into the counts. Returns how often each rule ran.
    @discardableResult
    public static func evaluate(
        _ source: CommentSource, settings: Settings, engine: ModerationEngine, timed: Bool = false,
        rulesOnly: Bool = false, refused: (String) throws -> Void, beforeRead: () throws -> Void = {},
        emit: (Verdict, CommentInput) throws -> Void
    ) async throws -> RuleRunCounts {
        let reader = InputReader(maxBytes: settings.maxInputBytes)
        let scratch = try EngineScratch()
        scratch.timesRuns = timed
        guard case .jsonl(let jsonl) = source else {
            let comment = try source.comment(reader: reader)
            // An address `submit` refuses is refused here in the same words (bans compare addresses).
            if case .failure(let problem) = Intake.canonicalIP(comment.ip) { throw AppError(.dataError, problem.description) }
            try emit(engine.evaluate(comment, scratch: scratch, rulesOnly: rulesOnly), comment)
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
            if case .failure(let problem) = Intake.canonicalIP(line.comment.ip) {
                try refused(JSONOutput.errorLine(line: number, id: line.id, message: problem.description))
                return true
            }
            try emit(engine.evaluate(line.comment, id: line.id, scratch: scratch, rulesOnly: rulesOnly), line.comment)
            return true
        }
        return scratch.counts
    }

    /// `moderate check`: one JSON verdict a line to standard output, in input order; with `stats`,
    /// the returned lines report how often the prefilter let each rule run (for standard error).
    public static func run(_ source: CommentSource, settings: Settings, stats: Bool, rulesOnly: Bool = false) async throws
        -> [String]
    {
        let engine = try settings.loadEngine()
        // Verdicts and error lines share one buffer, so they keep the input's order; whatever was
        // evaluated is written before an error goes to standard error.
        let output = BufferedOutput()
        let counts: RuleRunCounts
        do {
            counts = try await evaluate(
                source, settings: settings, engine: engine, timed: stats, rulesOnly: rulesOnly, refused: output.line,
                beforeRead: output.flush
            ) { verdict, _ in
                try output.line { VerdictJSON.append(verdict, to: &$0) }
            }
            try output.flush()
        } catch {
            try? output.flush()
            throw error
        }
        guard stats else { return [] }
        return RunStatsReport.lines(counts, rules: engine.ruleSet.rules, prefilter: engine.prefilterSummary)
    }
}

import ModerationRules
import ModerationStore

/// What `moderate submit` does: the policy at intake, then durable storage of what it accepts.
public enum SubmitRun {
    /// Intakes the source's comment (printing its id) or every JSONL line (one JSON result a line, in
    /// input order). A refused single comment throws its problems (exit 65); refused JSONL lines
    /// each get an error line, and the run then throws a count of them.
    public static func run(_ source: CommentSource, key: String?, settings: Settings) async throws {
        // Intake applies the policy only, read from policy.yaml alone: a broken rules file never
        // refuses a comment here (the worker decides with its last good rules).
        let intake = Intake(policy: try settings.loadPolicy())
        let reader = InputReader(maxBytes: settings.maxInputBytes)
        let scratch = try EngineScratch()
        let logger = LogSetup.logger(label: "moderate.submit", level: settings.logLevel)
        guard case .jsonl(let jsonl) = source else {
            let comment = try source.comment(reader: reader)
            let accepted = try intake.accept(SubmissionLine(key: key, comment: comment), scratch: scratch)
            let store = try await StoreOpener.open(settings, logger: logger)
            do {
                let id = try await store.submit(accepted).id
                await StoreOpener.close(store)
                print(id)
            } catch let error as StoreError {
                await StoreOpener.close(store)
                throw AppError(error)
            }
            return
        }
        let store = try await StoreOpener.open(settings, logger: logger)
        let output = BufferedOutput()
        var batch = SubmitBatch(store: store, output: output)
        var refused = 0
        do {
            try await reader.forEachLine(of: jsonl, beforeRead: output.flush) { number, data in
                guard let data else {
                    try batch.refuse(line: number, message: "the line is over \(reader.maxBytes) bytes")
                    refused += 1
                    return true
                }
                if data.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
                do throws(AppError) {
                    batch.accept(line: number, try intake.accept(try SubmissionLine.parse(data), scratch: scratch))
                } catch {
                    try batch.refuse(line: number, message: error.lines.joined(separator: "; "))
                    refused += 1
                    return true
                }
                try await batch.flushIfFull()
                return true
            }
            try await batch.flush()
            try output.flush()
        } catch {
            // What was stored is reported before the error goes to standard error.
            try? await batch.finishInFlight()
            try? output.flush()
            await StoreOpener.close(store)
            if let error = error as? StoreError { throw AppError(error) }
            throw error
        }
        await StoreOpener.close(store)
        refused += batch.refusedByStore
        if refused > 0 { throw AppError(.dataError, "\(refused) line\(refused == 1 ? "" : "s") refused") }
    }
}

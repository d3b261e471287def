import ArgumentParser
import Foundation
import ModerationApp
import ModerationRules
import ModerationStore
import PCRE2

/// `moderate submit`: intake one comment or a JSONL batch; accepted comments are stored durably.
struct Submit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Submit comments: the policy is checked at intake; accepted ones are stored and their ids printed.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: CommentOptions
    @Option(help: "An idempotency key: the same key returns the first submission's id.") var key: String?

    func validate() throws {
        if input.jsonl != nil, key != nil { throw ValidationError("With --jsonl, give each line its own \"key\".") }
    }

    func run() async throws {
        try await reporting {
            let settings = try global.settings()
            // Intake applies the policy only: the rules are loaded and checked, but no matching plan is built.
            let intake = Intake(policy: try settings.loadRuleSet().policy)
            let reader = InputReader(maxBytes: settings.maxInputBytes)
            let scratch = try MatchScratch()
            let logger = LogSetup.logger(label: "moderate.submit", level: settings.logLevel)
            guard let jsonl = input.jsonl else {
                let comment = try input.comment(reader: reader)
                let accepted = try intake.accept(SubmissionLine(key: key, comment: comment), scratch: scratch)
                let store = try await StoreOpener.open(settings.database, logger: logger)
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
            let store = try await StoreOpener.open(settings.database, logger: logger)
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
            if refused > 0 { throw AppError(.dataError, "\(refused) line\(refused == 1 ? "" : "s") refused") }
        }
    }
}

/// Accepted submissions gathered into one transaction a few hundred at a time, with output kept in
/// input order: a refused line that follows accepted ones waits for their transaction.
///
/// One batch is stored while the next one fills (reading, parsing and the policy go on beside the
/// database's work), and a batch is sent only once the one before it has committed, so a key
/// repeated across batches still finds the first id. A line's id is written only after its
/// transaction has committed, as before.
struct SubmitBatch {
    let store: any ModerationStore
    let output: BufferedOutput
    private var pending: [NewComment] = []
    /// The lines since the last batch was sent, in input order.
    private var order: [Entry] = []
    /// The batch being stored, and its lines.
    private var inFlight: (task: Task<[SubmitResult], any Error>, order: [Entry], count: Int)?
    static let size = 500

    private enum Entry {
        /// An accepted line, waiting for its id.
        case accepted(line: Int)
        /// A refused line's error line.
        case refused(String)
    }

    init(store: any ModerationStore, output: BufferedOutput) {
        self.store = store
        self.output = output
    }

    mutating func accept(line: Int, _ comment: NewComment) {
        pending.append(comment)
        order.append(.accepted(line: line))
    }

    mutating func refuse(line: Int, message: String) throws {
        let text = JSONOutput.errorLine(line: line, id: nil, message: message)
        if order.isEmpty && inFlight == nil {
            try output.line(text)
        } else {
            order.append(.refused(text))
        }
    }

    /// Stores the batch when it is full.
    mutating func flushIfFull() async throws {
        if pending.count >= Self.size { try await send() }
    }

    /// Stores everything pending and writes every line's result.
    mutating func flush() async throws {
        try await send()
        try await finishInFlight()
    }

    /// Waits for the batch being stored, if any, and writes its lines. Also called on the way out
    /// after an error, so that what was stored is reported.
    mutating func finishInFlight() async throws {
        guard let flight = inFlight else { return }
        inFlight = nil
        let results = try await flight.task.value
        try write(flight.order, results: results, expected: flight.count)
    }

    /// Starts storing what is pending, once the batch before it is done and written.
    private mutating func send() async throws {
        try await finishInFlight()
        guard !pending.isEmpty else {
            try write(order, results: [], expected: 0)
            order.removeAll(keepingCapacity: true)
            return
        }
        let batch = pending
        let store = store
        inFlight = (Task { try await store.submit(batch: batch) }, order, batch.count)
        pending = []
        pending.reserveCapacity(Self.size)
        order = []
    }

    private func write(_ entries: [Entry], results: [SubmitResult], expected: Int) throws {
        guard results.count == expected else {
            throw StoreError(.backend, "The store returned \(results.count) results for \(expected) submissions.")
        }
        var next = results.makeIterator()
        for entry in entries {
            switch entry {
            case .refused(let text):
                try output.line(text)
            case .accepted(let line):
                guard let result = next.next() else { break }
                try output.line { JSONOutput.appendSubmitted(line: line, id: result.id, created: result.created, to: &$0) }
            }
        }
    }
}

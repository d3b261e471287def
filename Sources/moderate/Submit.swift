import ArgumentParser
import Foundation
import ModerationApp
import ModerationRules
import ModerationStore
import PCRE2

/// `moderate submit`: intake one comment or a JSONL batch; accepted comments are stored durably.
struct Submit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Submit comments: the policy is checked at intake; accepted ones are stored and their ids printed.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: CommentOptions
    @Option(help: "An idempotency key: the same key returns the first submission's id.") var key: String?

    func validate() throws {
        if input.jsonl != nil, key != nil { throw ValidationError("With --jsonl, give each line its own \"key\".") }
    }

    func run() async throws {
        try await reporting {
            let settings = try global.settings()
            let engine = try settings.loadEngine()
            let intake = Intake(policy: engine.ruleSet.policy)
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
            var batch = SubmitBatch(store: store)
            var refused = 0
            do {
                try await reader.forEachLine(of: jsonl) { number, data in
                    guard let data else {
                        batch.refuse(line: number, message: "the line is over \(reader.maxBytes) bytes")
                        refused += 1
                        return true
                    }
                    if data.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
                    do {
                        let line = try SubmissionLine.parse(data)
                        batch.accept(line: number, try intake.accept(line, scratch: scratch))
                        try await batch.flushIfFull()
                    } catch let error as AppError {
                        batch.refuse(line: number, message: error.lines.joined(separator: "; "))
                        refused += 1
                    }
                    return true
                }
                try await batch.flush()
            } catch let error as StoreError {
                await StoreOpener.close(store)
                throw AppError(error)
            }
            await StoreOpener.close(store)
            if refused > 0 { throw AppError(.dataError, "\(refused) line\(refused == 1 ? "" : "s") refused") }
        }
    }
}

/// Accepted submissions gathered into one transaction a few hundred at a time, with output kept in input order.
struct SubmitBatch {
    let store: any ModerationStore
    fileprivate var pending: [(line: Int, comment: NewComment)] = []
    private var output: [(line: Int, text: String?)] = []
    static let size = 500

    init(store: any ModerationStore) {
        self.store = store
    }

    mutating func accept(line: Int, _ comment: NewComment) {
        pending.append((line, comment))
        output.append((line, nil))
    }

    mutating func refuse(line: Int, message: String) {
        output.append((line, JSONOutput.errorLine(line: line, id: nil, message: message)))
        if output.count >= Self.size * 2 { printReady() }
    }

    /// Stores what is pending and prints every result so far.
    mutating func flush() async throws {
        if !pending.isEmpty {
            let results = try await store.submit(batch: pending.map(\.comment))
            var byLine: [Int: SubmitResult] = [:]
            for (entry, result) in zip(pending, results) { byLine[entry.line] = result }
            output = output.map { entry in
                guard entry.text == nil, let result = byLine[entry.line] else { return entry }
                struct Line: Encodable { var line: Int; var id: Int64; var created: Bool }
                return (entry.line, JSONOutput.line(Line(line: entry.line, id: result.id, created: result.created)))
            }
            pending.removeAll(keepingCapacity: true)
        }
        printReady()
    }

    private mutating func printReady() {
        var printed = 0
        for entry in output {
            guard let text = entry.text else { break }
            print(text)
            printed += 1
        }
        output.removeFirst(printed)
    }
}

extension SubmitBatch {
    /// Stores the batch when it is full.
    mutating func flushIfFull() async throws {
        if pending.count >= Self.size { try await flush() }
    }
}

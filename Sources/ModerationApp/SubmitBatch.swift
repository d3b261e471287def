import ModerationStore

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
    private var inFlight: (task: Task<[Result<SubmitResult, StoreError>], any Error>, order: [Entry], count: Int)?
    static let size = 500
    /// How many accepted lines the store refused (``StoreError/Kind/invalid``), each reported on its line.
    private(set) var refusedByStore = 0

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
        inFlight = (Task { try await Self.submit(batch, to: store) }, order, batch.count)
        pending = []
        pending.reserveCapacity(Self.size)
        order = []
    }

    /// Stores the batch in one transaction. When the store refuses its data (``StoreError/Kind/invalid``:
    /// nothing of it was stored), each comment is stored on its own, so that one bad comment costs
    /// only its own line: the others are stored and the bad one gets the store's error.
    private static func submit(_ batch: [NewComment], to store: any ModerationStore) async throws -> [Result<
        SubmitResult, StoreError
    >] {
        do {
            return try await store.submit(batch: batch).map { .success($0) }
        } catch let error as StoreError where error.kind == .invalid {
            var results: [Result<SubmitResult, StoreError>] = []
            results.reserveCapacity(batch.count)
            for comment in batch {
                do {
                    results.append(.success(try await store.submit(comment)))
                } catch let error as StoreError where error.kind == .invalid {
                    results.append(.failure(error))
                }
            }
            return results
        }
    }

    private mutating func write(_ entries: [Entry], results: [Result<SubmitResult, StoreError>], expected: Int) throws {
        guard results.count == expected else {
            throw StoreError(.backend, "The store returned \(results.count) results for \(expected) submissions.")
        }
        var next = results.makeIterator()
        for entry in entries {
            switch entry {
            case .refused(let text):
                try output.line(text)
            case .accepted(let line):
                switch next.next() {
                case .success(let result)?:
                    try output.line { JSONOutput.appendSubmitted(line: line, id: result.id, created: result.created, to: &$0) }
                case .failure(let error)?:
                    refusedByStore += 1
                    try output.line(JSONOutput.errorLine(line: line, id: nil, message: error.message))
                case nil:
                    break
                }
            }
        }
    }
}

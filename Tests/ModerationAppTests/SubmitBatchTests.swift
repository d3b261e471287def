import Foundation
import ModerationStore
import Testing

@testable import ModerationApp

/// Batch `submit` when the store itself refuses a transaction's data: only the bad line is lost.
@Suite("Submit batch")
struct SubmitBatchTests {
    @Test("a comment the store refuses (NUL, past intake) costs only its own line: the rest of its chunk is stored")
    func storeRefusal() async throws {
        let store = InMemoryStore()
        // Never flushed: the lines stay in `pending`, where the test reads them.
        let output = BufferedOutput(descriptor: -1, threshold: 1 << 20, writesEachLine: false)
        var batch = SubmitBatch(store: store, output: output)
        let total = 1201
        for line in 1...total {
            let body = line == 601 ? "nice article\u{0}spam" : "comment \(line)"
            batch.accept(line: line, NewComment(article: "a1", name: "Reader", email: "r@example.com", body: body))
            try await batch.flushIfFull()
        }
        try await batch.flush()
        let lines = String(decoding: output.pending, as: UTF8.self).split(separator: "\n").map(String.init)
        try #require(lines.count == total)
        let objects = lines.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
        #expect(objects.map { $0["line"] as? Int } == Array(1...total))
        let error = try #require(objects[600]["error"] as? String)
        #expect(error.hasPrefix("body: contains the control character U+0000"), "\(error)")
        #expect(objects.enumerated().allSatisfy { $0.offset == 600 || $0.element["created"] as? Bool == true })
        #expect(batch.refusedByStore == 1)
        let stored = try await store.comments(matching: CommentFilter())
        #expect(stored.count == total - 1)
        #expect(!stored.contains { $0.comment.body.contains("\u{0}") })
    }
}

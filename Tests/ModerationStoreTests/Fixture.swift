import Foundation
import ModerationStore
import Testing

/// Comments, verdicts and times the tests build on; times are whole seconds so every store keeps them exactly.
enum Fixture {
    /// The start of every test's clock.
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// An id no test's store gives out, even one that shares a database server with other tests.
    static let unknownID: Int64 = 9_000_000_001

    /// `seconds` after the start.
    static func time(_ seconds: Int) -> Date {
        start.addingTimeInterval(TimeInterval(seconds))
    }

    /// A submission; `number` makes the body and the time differ.
    static func comment(
        _ number: Int = 0, article: String = "article-1", key: String? = nil,
        body: String? = nil
    ) -> NewComment {
        NewComment(
            article: article, name: "Reader \(number)", email: "reader\(number)@example.com",
            body: body ?? "Comment number \(number)", key: key, submittedAt: time(number))
    }

    /// A verdict that puts a comment in `state`.
    static func verdict(_ state: CommentState, rules: [String] = [], score: Int = 0) -> VerdictRecord {
        VerdictRecord(
            state: state, score: score, rulesVersion: "rules-v1", ruleIDs: rules,
            json: #"{"decision":"\#(state.rawValue)","hits":[]}"#,
            reason: rules.isEmpty ? nil : rules.map { "\($0) (\(state.rawValue))" }.joined(separator: ", "))
    }
}

extension ModerationStore {
    /// Submits one comment per state, claims them all as `worker` and completes each with its verdict.
    ///
    /// `rules[i]`, when given, are the rule ids of the i-th verdict. Returns the ids, in order.
    func decided(
        _ states: [CommentState], rules: [[String]] = [], articles: [String] = [],
        worker: String = "worker-1"
    ) async throws -> [Int64] {
        let comments = states.indices.map { index in
            Fixture.comment(index, article: index < articles.count ? articles[index] : "article-1")
        }
        let ids = try await submit(batch: comments).map(\.id)
        let claimed = try await claim(owner: worker, limit: ids.count, leaseDuration: 60, now: Fixture.time(100))
        #expect(Set(claimed.map(\.id)) == Set(ids))
        let verdicts = ids.indices.map { index in
            CompletedVerdict(
                commentID: ids[index],
                verdict: Fixture.verdict(states[index], rules: index < rules.count ? rules[index] : []))
        }
        let written = try await complete(verdicts, owner: worker, now: Fixture.time(101))
        #expect(written == Set(ids))
        return ids
    }

    /// The state of one comment, or nil when there is none.
    func state(of id: Int64) async throws -> CommentState? {
        try await comment(id: id)?.state
    }
}

import Foundation
import ModerationApp
import ModerationRules
import ModerationStore
import Testing

@Suite("The review screen")
struct ReviewScreenTests {
    static let long =
        "Readers in Lahore and Karachi asked why the article left out the budget figures, which the ministry published last week in full"

    @Test("a body wraps at word boundaries to the width, and loses no word", arguments: [40, 57, 80])
    func wrapsAtWords(width: Int) {
        let screen = ReviewScreen(color: false, width: width)
        let rows = screen.wrapped(Self.long, hits: [])
        #expect(rows.count > 1)
        for row in rows {
            #expect(row.count <= width, "\(row)")
            #expect(row.hasPrefix("  "))
        }
        let words = rows.flatMap { $0.split(separator: " ").map(String.init) }
        #expect(words == Self.long.split(separator: " ").map(String.init))
    }

    @Test("a word longer than a row is cut where the row ends; controls show as marks; hits are marked")
    func longWordsControlsAndHits() {
        let screen = ReviewScreen(color: false, width: 40)
        let word = String(repeating: "x", count: 90)
        let rows = screen.wrapped(word, hits: [])
        #expect(rows.map { $0.count } == [40, 40, 16])  // 38 + 38 + 14 characters, each behind a two-space indent
        let hostile = screen.wrapped(
            "you idiot\r\u{1B}[2Kfine",
            hits: [
                Hit(
                    rule: "abuse.insult-en", field: .body, action: .hold, mode: .enforce, score: nil, spans: [[4, 9]],
                    text: ["idiot"])
            ])
        #expect(hostile == ["  you [[idiot]]␍␛[2Kfine"])
    }

    @Test("right-to-left lines are isolated; left-to-right lines are left as they are")
    func isolation() {
        let screen = ReviewScreen(color: false, width: 80)
        #expect(screen.wrapped("یہ مضمون اچھا ہے", hits: []) == ["  \u{2068}یہ مضمون اچھا ہے\u{2069}"])
        #expect(screen.wrapped("plain text", hits: []) == ["  plain text"])
    }

    @Test("reasons offered: the hit rules' descriptions first for a reject, each once")
    func presets() {
        let reject = ReviewScreen.presets(
            for: .rejected, descriptions: ["English insult words", "English insult words", ""], hasHits: true)
        #expect(reject.first == "English insult words")
        #expect(reject.filter { $0 == "English insult words" }.count == 1)
        #expect(!reject.contains(""))
        #expect(ReviewScreen.presets(for: .approved, descriptions: [], hasHits: false) == ["within the comment policy"])
    }

    @Test("the author's record counts their comments by state and names a ban on them")
    func authorRecord() async throws {
        let store = InMemoryStore()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        for _ in 0..<3 {
            _ = try await store.submit(
                NewComment(article: "a1", name: "Troll", email: "troll@example.com", body: "x", submittedAt: now))
        }
        let claimed = try await store.claim(owner: "worker@t:1", limit: 3, leaseDuration: 60, now: now)
        let states: [CommentState] = [.approved, .held, .held]
        _ = try await store.complete(
            zip(claimed, states).map {
                CompletedVerdict(
                    commentID: $0.0.id,
                    verdict: VerdictRecord(state: $0.1, score: 0, rulesVersion: "v", ruleIDs: [], json: "{}", reason: nil))
            }, owner: "worker@t:1", now: now)
        try await store.addBan(Ban(kind: .ip, value: "203.0.113.0/24", reason: "spam\u{1B}[2J", createdBy: "sana"))
        let comment = NewComment(
            article: "a1", name: "Troll", email: "TROLL@example.com", ip: "203.0.113.9", body: "x", submittedAt: now)
        let record = try await AuthorRecord.of(comment, in: store)
        #expect(record.counts == [.approved: 1, .held: 2])
        #expect(record.summary == "1 approved · 2 held · BANNED (ip 203.0.113.0/24: spam␛[2J, by sana)")
    }
}

import Foundation
import Testing

@testable import ModerationApp

@Suite("Submit output")
struct SubmitOutputTests {
    @Test(
        "the result line is the one JSONEncoder made",
        arguments: [(1, Int64(1), true), (3, 12, false), (1_000_000, Int64.max, true), (0, -5, false)])
    func submitted(line: Int, id: Int64, created: Bool) {
        struct Line: Encodable {
            var line: Int
            var id: Int64
            var created: Bool
        }
        var bytes: [UInt8] = []
        JSONOutput.appendSubmitted(line: line, id: id, created: created, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == JSONOutput.line(Line(line: line, id: id, created: created)))
    }

    @Test(
        "the article is trimmed as Foundation trims it",
        arguments: [
            "a1", " a1 ", "\ta\n", "\u{A0}a\u{3000}", "\u{85}a", "a\u{2028}", "é", " ", "", "\u{200B}a\u{200B}", "a b", "~",
        ])
    func trimming(article: String) {
        #expect(Intake.trimmed(article) == article.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(Array(Intake.trimmed(article).utf8) == Array(article.trimmingCharacters(in: .whitespacesAndNewlines).utf8))
    }
}

import Foundation
import ModerationRules
import ModerationStore
import Testing

@testable import ModerationApp

/// What intake adds to the policy: the article, the key, the IP address, and the same words as the stores.
@Suite("Intake of hostile input")
struct IntakeTests {
    let intake = Intake(policy: try! Policy.standard())
    let scratch = try! EngineScratch()

    func comment(
        article: String? = "a1", name: String? = "Reader", ip: String? = nil, body: String? = "nice article"
    ) -> CommentInput {
        CommentInput(article: article, name: name, email: "reader@example.com", ip: ip, body: body)
    }

    /// The lines of the refusal, or nil when the line was accepted.
    func refusal(_ line: SubmissionLine) -> [String]? {
        do throws(AppError) {
            _ = try intake.accept(line, scratch: scratch)
            return nil
        } catch {
            #expect(error.status == .dataError)
            return error.lines
        }
    }

    @Test("an article of only invisible or filler characters is blank")
    func invisibleArticle() {
        for article in ["\u{200B}", "\u{FEFF}\u{2060}", " \u{2800} ", "\u{3164}", "\u{AD}\u{FE0F}"] {
            #expect(refusal(SubmissionLine(comment: comment(article: article))) == ["article: required, and missing or blank"])
        }
    }

    @Test("the article and the key may hold no control character, named as the stores name it")
    func articleAndKeyControls() {
        #expect(
            refusal(SubmissionLine(comment: comment(article: "a\u{0}1")))
                == ["article: contains the control character U+0000, which is not allowed"])
        #expect(
            refusal(SubmissionLine(key: "form\u{85}7", comment: comment()))
                == ["key: contains the control character U+0085, which is not allowed"])
    }

    @Test("a body with NUL is refused at intake in the words a store would use")
    func nulBody() throws {
        let body = "nice article\u{0}<a href=http://spam.test>cheap</a>"
        let lines = try #require(refusal(SubmissionLine(comment: comment(body: body))))
        let stored = NewComment(article: "a1", name: "Reader", email: "reader@example.com", body: body)
        #expect(lines == [try #require(StoreContract.textProblem(stored))])
        #expect(lines.first?.hasPrefix("body: contains the control character U+0000") == true)
    }

    @Test(
        "the IP address is stored in canonical form: an IPv4-mapped address as IPv4, IPv6 shortest",
        arguments: [
            ("10.0.0.1", "10.0.0.1"), ("::ffff:10.0.0.1", "10.0.0.1"), ("::FFFF:0A00:0001", "10.0.0.1"),
            (" 10.0.0.1 ", "10.0.0.1"), ("2001:0DB8:0000::0001", "2001:db8::1"),
        ])
    func canonicalIP(given: String, stored: String) throws {
        let accepted = try intake.accept(SubmissionLine(comment: comment(ip: given)), scratch: scratch)
        #expect(accepted.ip == stored)
        #expect(try intake.accept(SubmissionLine(comment: comment(ip: "")), scratch: scratch).ip == nil)
    }

    @Test("a bad IP address is refused naming the field, by intake and by the check shared with `check`")
    func badIP() {
        for ip in ["010.0.0.1", "10.0.0.256", "not-an-ip", "10.0.0.1\u{0}"] {
            let message = "ip: not an IPv4 or IPv6 address (leading zeros are not accepted)"
            #expect(refusal(SubmissionLine(comment: comment(ip: ip))) == [message])
            guard case .failure(let problem) = Intake.canonicalIP(ip) else {
                Issue.record("\(ip) accepted")
                continue
            }
            #expect(problem.description == message)
        }
    }
}

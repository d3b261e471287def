import Foundation
import ModerationStore
import Testing

@testable import ModerationWorker

@Suite("Bans hold against trivial variations")
struct BanMatcherTests {
    static let bans = [
        Ban(kind: .email, value: "troll@example.com", createdBy: "ayesha"),
        Ban(kind: .name, value: "troll king", createdBy: "ayesha"),
        Ban(kind: .ip, value: "10.0.0.1", createdBy: "ayesha"),
    ]

    static func comment(name: String = "Reader", email: String = "reader@example.com", ip: String? = nil) -> NewComment {
        NewComment(article: "a1", name: name, email: email, ip: ip, body: "hello")
    }

    @Test(
        "the evasions are caught",
        arguments: [
            comment(email: "troll+x@example.com"), comment(email: "TROLL@example.com"),
            comment(name: "troll  king"), comment(name: "tr\u{043E}ll king"), comment(name: "TROLL KING"),
            comment(name: "troll\u{200B} king"), comment(ip: "::ffff:10.0.0.1"),
        ])
    func caught(comment: NewComment) {
        #expect(BanMatcher(bans: Self.bans).ban(for: comment) != nil)
    }

    @Test("other authors are not banned")
    func others() {
        let matcher = BanMatcher(bans: Self.bans)
        for comment in [
            Self.comment(), Self.comment(name: "troll queen"), Self.comment(email: "troll@example.org"),
            Self.comment(ip: "10.0.0.2"),
        ] {
            #expect(matcher.ban(for: comment) == nil)
        }
    }
}

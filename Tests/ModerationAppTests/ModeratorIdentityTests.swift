import Testing

@testable import ModerationApp

@Suite("Moderator identity")
struct ModeratorIdentityTests {
    @Test("the flag wins over MODERATE_MODERATOR, which wins over USER; spaces at the ends go")
    func precedence() throws {
        let environment = ["MODERATE_MODERATOR": "ayesha", "USER": "root"]
        #expect(try ModeratorIdentity.resolve(flag: " bilal ", environment: environment) == "bilal")
        #expect(try ModeratorIdentity.resolve(flag: nil, environment: environment) == "ayesha")
        #expect(try ModeratorIdentity.resolve(flag: nil, environment: ["USER": "sana"]) == "sana")
    }

    @Test(
        "refused: no name at all, blank, a control or line break, too long, or a worker's name",
        arguments: [
            (String?.none, [String: String]()),
            ("", [:]), ("   ", [:]), ("ayesha\nworker@vm:1 approved", [:]), ("a\u{1B}[2K", [:]),
            (String(repeating: "m", count: 65), [:]), ("worker@vm:1#0", [:]), ("Worker@host", [:]),
            (nil, ["MODERATE_MODERATOR": ""]),
        ] as [(String?, [String: String])])
    func refused(flag: String?, environment: [String: String]) {
        #expect(throws: AppError.self) { try ModeratorIdentity.resolve(flag: flag, environment: environment) }
    }
}

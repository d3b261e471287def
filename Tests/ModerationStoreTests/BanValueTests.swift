import ModerationStore
import Testing

@Suite("Ban values in canonical form")
struct BanValueTests {
    @Test(
        "emails: case, surrounding space and plus-addressing do not make another author",
        arguments: ["troll@example.com", " Troll@Example.COM ", "troll+x@example.com", "TROLL+spam+more@example.com"])
    func emails(variant: String) {
        #expect(BanValue.canonical(variant, kind: .email) == "troll@example.com")
    }

    @Test("IP addresses: IPv4-mapped IPv6 is the IPv4 address; IPv6 in its shortest form")
    func addresses() {
        #expect(BanValue.canonical("10.0.0.1", kind: .ip) == "10.0.0.1")
        #expect(BanValue.canonical("::ffff:10.0.0.1", kind: .ip) == "10.0.0.1")
        #expect(BanValue.canonical("::FFFF:0a00:0001", kind: .ip) == "10.0.0.1")
        #expect(BanValue.canonical("2001:0DB8:0000:0000:0000:0000:0000:0001", kind: .ip) == "2001:db8::1")
    }

    @Test("names: white space runs and case do not make another author")
    func names() {
        #expect(BanValue.canonical("  Troll \t King ", kind: .name) == "troll king")
    }

    @Test(
        "ban add refuses what is not its kind",
        arguments: [
            (BanKind.email, "not-an-email"), (.email, "a@b"), (.email, "@example.com"), (.email, "a b@example.com"),
            (.ip, "010.000.000.001"), (.ip, "10.0.0"), (.ip, "10.0.0.256"), (.ip, "example.com"), (.ip, ""),
            (.name, "   "),
        ])
    func refused(kind: BanKind, value: String) {
        guard case .failure(let error) = BanValue.validated(value, kind: kind) else {
            Issue.record("\(value) accepted as \(kind)")
            return
        }
        #expect(error.description.hasPrefix("\(kind.rawValue): "))
    }
}

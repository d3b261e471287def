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
            (.ip, "10.0.0.0/33"), (.ip, "10.0.0.0/"), (.ip, "10.0.0.0/-1"), (.ip, "2001:db8::/129"), (.ip, "/24"),
            (.name, "   "),
        ])
    func refused(kind: BanKind, value: String) {
        guard case .failure(let error) = BanValue.validated(value, kind: kind) else {
            Issue.record("\(value) accepted as \(kind)")
            return
        }
        #expect(error.description.hasPrefix("\(kind.rawValue): "))
    }

    @Test("IP ranges: written with the host bits cleared, and hold exactly the addresses under their prefix")
    func ranges() throws {
        #expect(try BanValue.validated("203.0.113.77/24", kind: .ip).get() == "203.0.113.0/24")
        #expect(try BanValue.validated("2001:DB8:0:1::5/48", kind: .ip).get() == "2001:db8::/48")
        #expect(try BanValue.validated("10.1.2.3/0", kind: .ip).get() == "0.0.0.0/0")
        let range = Ban(kind: .ip, value: "10.0.0.0/30", createdBy: "sana")
        for (address, inside) in [
            ("10.0.0.0", true), ("10.0.0.3", true), ("10.0.0.4", false), ("::ffff:10.0.0.2", true),
            ("11.0.0.1", false), ("2001:db8::1", false),
        ] {
            #expect(BanValue.applies(range, email: "a@b.c", ip: address, name: "x") == inside, "\(address)")
        }
        let v6 = Ban(kind: .ip, value: "2001:db8:abcd::/47", createdBy: "sana")
        #expect(BanValue.applies(v6, email: "a@b.c", ip: "2001:db8:abcd:ffff::1", name: "x"))
        #expect(BanValue.applies(v6, email: "a@b.c", ip: "2001:db8:abce::1", name: "x") == false)
        #expect(BanValue.applies(v6, email: "a@b.c", ip: nil, name: "x") == false)
    }

    @Test("a ban applies by canonical email and name; an empty field never matches")
    func applies() {
        let email = Ban(kind: .email, value: "troll@example.com", createdBy: "sana")
        #expect(BanValue.applies(email, email: "Troll+x@Example.com", ip: nil, name: "x"))
        #expect(!BanValue.applies(email, email: "other@example.com", ip: nil, name: "x"))
        let name = Ban(kind: .name, value: "Troll King", createdBy: "sana")
        #expect(BanValue.applies(name, email: "a@b.c", ip: nil, name: "troll   KING"))
        #expect(!BanValue.applies(name, email: "a@b.c", ip: nil, name: ""))
    }
}

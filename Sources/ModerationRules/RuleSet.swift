/// A loaded, compiled set of rules with the policy they apply under.
public struct RuleSet: Sendable {
    /// The form policy and thresholds.
    public var policy: Policy
    /// The rules, in file order then entry order.
    public var rules: [Rule]
    /// A hash of every loaded file (names and bytes): what a verdict records as its rules version.
    public var version: String
    /// The text of every file the set was loaded from, by path relative to the rules folder: what
    /// ``RulesLoader/init(files:)`` loads the same set from again.
    public var files: [String: String]

    /// Creates a rule set.
    public init(policy: Policy, rules: [Rule], version: String, files: [String: String] = [:]) {
        self.policy = policy
        self.rules = rules
        self.version = version
        self.files = files
    }
}

/// FNV-1a, 64 bits: a stable, dependency-free content hash for the rules version.
struct ContentHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Mixes bytes into the hash.
    mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }

    /// The hash as 16 hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

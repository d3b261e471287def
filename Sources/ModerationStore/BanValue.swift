import Foundation

/// The canonical forms ban values are stored and compared in, so that trivial variations of a
/// banned author do not get around a ban.
///
/// - email: trimmed and lowercased, with plus-addressing dropped from the local part
///   (`Troll+x@Example.com` is `troll@example.com`);
/// - IP: parsed, IPv4 as four decimal parts without leading zeros, IPv6 in its shortest form, and an
///   IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as the IPv4 address it maps;
/// - name: trimmed, runs of white space as one space, lowercased. (The worker also compares names
///   by their folded skeleton, which needs the text normalizer this module does not have.)
public enum BanValue {
    /// The canonical form of `value` as a ban of `kind`; a value that does not parse as its kind is
    /// only trimmed and lowercased (it can match nothing that parses).
    public static func canonical(_ value: String, kind: BanKind) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch kind {
        case .email: return email(trimmed) ?? trimmed.lowercased()
        case .ip: return IPRange(trimmed)?.description ?? ip(trimmed) ?? trimmed.lowercased()
        case .name: return name(trimmed)
        }
    }

    /// The canonical value, or a sentence saying why `value` is not a valid ban of `kind`.
    public static func validated(_ value: String, kind: BanKind) -> Result<String, BanValueError> {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch kind {
        case .email:
            guard let canonical = email(trimmed) else {
                return .failure(BanValueError(kind: kind, problem: "not an email address"))
            }
            return .success(canonical)
        case .ip:
            if trimmed.contains("/") {
                guard let range = IPRange(trimmed) else {
                    return .failure(
                        BanValueError(
                            kind: kind,
                            problem: "not an address range: give ADDRESS/BITS, such as 203.0.113.0/24 or 2001:db8::/48"))
                }
                return .success(range.description)
            }
            guard let canonical = ip(trimmed) else {
                return .failure(
                    BanValueError(kind: kind, problem: "not an IPv4 or IPv6 address (leading zeros are not accepted)"))
            }
            return .success(canonical)
        case .name:
            let canonical = name(trimmed)
            guard !canonical.isEmpty else { return .failure(BanValueError(kind: kind, problem: "blank")) }
            return .success(canonical)
        }
    }

    /// `local@domain`, lowercased, without a `+tag`; nil unless it has one `@` with text on both
    /// sides, a dot in the domain and no white space.
    static func email(_ value: String) -> String? {
        let lowered = value.lowercased()
        let parts = lowered.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !lowered.contains(where: \.isWhitespace)
        else { return nil }
        let local = parts[0].split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard !local.isEmpty else { return nil }
        return "\(local)@\(parts[1])"
    }

    /// The address in canonical text form, or nil when it is not an IPv4 or IPv6 address.
    static func ip(_ value: String) -> String? {
        // inet_pton reads a C string: a NUL would end the address early ("10.0.0.1\0junk" would pass).
        guard !value.isEmpty, value.utf8.count <= 45, !value.utf8.contains(0) else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, value, &v4) == 1 { return text(family: AF_INET, &v4, length: INET_ADDRSTRLEN) }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, value, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        return text(family: AF_INET6, &v6, length: INET6_ADDRSTRLEN)
    }

    private static func text<Address>(family: Int32, _ address: inout Address, length: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(length))
        guard inet_ntop(family, &address, &buffer, socklen_t(length)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether a ban applies to an author's email, IP or name, comparing canonical forms; an IP range
    /// (`203.0.113.0/24`) applies to every address in it.
    public static func applies(_ ban: Ban, email: String, ip address: String?, name: String) -> Bool {
        switch ban.kind {
        case .email:
            let value = canonical(email, kind: .email)
            return !value.isEmpty && value == ban.value
        case .name:
            let value = canonical(name, kind: .name)
            return !value.isEmpty && value == ban.value
        case .ip:
            guard let address, let value = ip(address.trimmingCharacters(in: .whitespacesAndNewlines)) else { return false }
            if let range = IPRange(ban.value) { return range.contains(value) }
            return value == ban.value
        }
    }

    /// The 4 or 16 bytes of an address in canonical text form.
    static func bytes(_ canonical: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, canonical, &v4) == 1 { return withUnsafeBytes(of: v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, canonical, &v6) == 1 { return withUnsafeBytes(of: v6) { Array($0) } }
        return nil
    }

    /// Trimmed, white space runs as one space, lowercased.
    static func name(_ value: String) -> String {
        value.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}

/// Why a value cannot be banned.
public struct BanValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of ban asked for.
    public var kind: BanKind
    /// What is wrong with the value.
    public var problem: String

    /// `ip: not an IPv4 or IPv6 address …`.
    public var description: String { "\(kind.rawValue): \(problem)" }
}

/// An IP address range in CIDR form: `203.0.113.0/24`, `2001:db8::/48`. Written canonically, with
/// the host bits cleared (`203.0.113.7/24` is `203.0.113.0/24`).
public struct IPRange: Sendable, Equatable, CustomStringConvertible {
    /// The network's bytes (4 or 16), host bits zero.
    public let network: [UInt8]
    /// How many leading bits are fixed.
    public let bits: Int

    /// Parses `ADDRESS/BITS`; nil when either part is wrong (bits 0–32 for IPv4, 0–128 for IPv6).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = Int(parts[1]), parts[1].allSatisfy(\.isASCII),
            let address = BanValue.ip(String(parts[0])), let bytes = BanValue.bytes(address),
            bits >= 0, bits <= bytes.count * 8
        else { return nil }
        var network = bytes
        for index in network.indices {
            let kept = max(0, min(8, bits - index * 8))
            network[index] &= kept == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - kept))
        }
        self.network = network
        self.bits = bits
    }

    /// Whether an address (canonical text form) is in the range.
    public func contains(_ address: String) -> Bool {
        guard let bytes = BanValue.bytes(address), bytes.count == network.count else { return false }
        for index in bytes.indices {
            let kept = max(0, min(8, bits - index * 8))
            let mask = kept == 0 ? UInt8(0) : UInt8(truncatingIfNeeded: 0xFF << (8 - kept))
            if bytes[index] & mask != network[index] { return false }
        }
        return true
    }

    /// `NETWORK/BITS`.
    public var description: String {
        var bytes = network
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let length = bytes.count == 4 ? INET_ADDRSTRLEN : INET6_ADDRSTRLEN
        var buffer = [CChar](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(length)) }
        let address =
            written == nil ? "" : String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(address)/\(bits)"
    }
}

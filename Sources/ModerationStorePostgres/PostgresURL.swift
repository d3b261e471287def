import Foundation
import ModerationStore

extension PostgresStore {
    /// A PostgreSQL setting that cannot work: a malformed `postgres://` URL, an unsupported option, a bad
    /// schema name. The message never contains the password.
    public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, naming the part of the URL.
        public var message: String

        /// Creates an error.
        public init(_ message: String) {
            self.message = message
        }

        /// The message.
        public var description: String { message }
    }
}

/// The parts of a `postgres://user:password@host:port/database?name=value&…` URL, percent-decoded.
///
/// Parsed by hand rather than with `URLComponents`, which refuses some valid passwords, wraps ports over
/// 65535 and gives no reason when it fails. Every failure names the part that is wrong and quotes nothing
/// from the user-information part, so the password cannot leak into a message.
struct PostgresURL: Equatable {
    var username: String
    var password: String?
    var host: String?
    var port: Int?
    var database: String
    /// The query parameters in their order, decoded.
    var parameters: [(name: String, value: String)]

    static func == (left: PostgresURL, right: PostgresURL) -> Bool {
        left.username == right.username && left.password == right.password && left.host == right.host
            && left.port == right.port && left.database == right.database
            && left.parameters.map(\.name) == right.parameters.map(\.name)
            && left.parameters.map(\.value) == right.parameters.map(\.value)
    }

    typealias Failure = PostgresStore.ConfigurationError

    /// The schemes that select PostgreSQL.
    static let schemes = ["postgres://", "postgresql://"]

    init(_ url: String) throws(Failure) {
        guard let scheme = Self.schemes.first(where: { url.lowercased().hasPrefix($0) }) else {
            throw Failure("not a postgres:// URL")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var tail = rest[authorityEnd...]

        // user-information: everything before the last "@" of the authority.
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userinfo.firstIndex(of: ":") {
                username = try Self.decode(userinfo[..<colon], part: "user name")
                password = try Self.decode(userinfo[userinfo.index(after: colon)...], part: "password")
            } else {
                username = try Self.decode(userinfo, part: "user name")
                password = nil
            }
        } else {
            username = ""
            password = nil
        }
        guard !username.isEmpty else { throw Failure("the PostgreSQL URL names no user (postgres://USER@HOST/DATABASE)") }

        // host and port; an IPv6 address is in brackets.
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw Failure("the PostgreSQL URL's IPv6 host has no closing ']'")
            }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw Failure("the PostgreSQL URL has text after its IPv6 host; a port follows a ':'")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = try Self.decode(hostPort[..<colon], part: "host")
            portText = hostPort[hostPort.index(after: colon)...]
        } else {
            host = try Self.decode(hostPort, part: "host")
        }
        if host?.isEmpty == true { host = nil }
        if let host, host.contains(where: { $0.isWhitespace || $0 == "/" || $0.asciiValue.map { $0 < 0x20 } == true }) {
            throw Failure("the PostgreSQL URL's host is not a host name or address")
        }
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(portText), (1...65535).contains(value)
            else {
                throw Failure("the PostgreSQL URL's port must be a number from 1 to 65535")
            }
            port = value
        } else {
            port = nil
        }

        // database, then the query.
        var query: Substring = ""
        if let question = tail.firstIndex(of: "?") {
            query = tail[tail.index(after: question)...]
            tail = tail[..<question]
        }
        database = try Self.decode(tail.drop(while: { $0 == "/" }), part: "database name")
        guard !database.isEmpty else {
            throw Failure("the PostgreSQL URL names no database (postgres://USER@HOST/DATABASE)")
        }
        parameters = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = item.firstIndex(of: "=") else {
                throw Failure("the PostgreSQL URL's parameter '\(Self.printable(item))' has no '=value'")
            }
            let name = try Self.decode(item[..<equals], part: "parameter name")
            let value = try Self.decode(item[item.index(after: equals)...], part: "value of \(Self.printable(name))")
            parameters.append((name: name, value: value))
        }
    }

    /// Percent-decodes `text` as UTF-8; a malformed escape names `part` but does not quote the text.
    static func decode(_ text: Substring, part: String) throws(Failure) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard utf8.count >= 2, let high = hexValue(utf8.popFirst()!), let low = hexValue(utf8.popFirst()!) else {
                throw Failure("the PostgreSQL URL's \(part) has a '%' not followed by two hexadecimal digits")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw Failure("the PostgreSQL URL's \(part) does not decode to UTF-8 text")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Text quoted in a message: at most 40 characters, controls shown as '?'.
    static func printable<S: StringProtocol>(_ text: S) -> String {
        let cleaned = String(text.map { $0.isASCII && ($0.asciiValue! < 0x20 || $0.asciiValue! == 0x7F) ? "?" : $0 })
        return cleaned.count > 40 ? String(cleaned.prefix(40)) + "…" : cleaned
    }

    /// `url` with everything between the first ':' of its user information and the last '@' replaced by
    /// `***`, whether or not the URL parses: the form of a `postgres://` URL safe to show.
    ///
    /// The user information is taken up to the last '@' anywhere in the URL, so a password holding an
    /// unencoded '/', '?' or '#' is still hidden (at worst, more than the password is).
    static func redacting(_ url: String) -> String {
        guard let scheme = schemes.first(where: { url.lowercased().hasPrefix($0) }) else { return url }
        let rest = url.dropFirst(scheme.count)
        guard let at = rest.lastIndex(of: "@") else { return url }
        let userinfo = rest[..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return url }
        return String(url.prefix(scheme.count)) + userinfo[...colon] + "***" + rest[at...]
    }

    /// The password as written in `url` (still percent-encoded) and decoded, by the same reading as
    /// ``redacting(_:)``; empty when there is none. Messages are scrubbed of both.
    static func passwordTexts(in url: String) -> [String] {
        guard let scheme = schemes.first(where: { url.lowercased().hasPrefix($0) }) else { return [] }
        let rest = url.dropFirst(scheme.count)
        guard let at = rest.lastIndex(of: "@") else { return [] }
        let userinfo = rest[..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return [] }
        let raw = String(userinfo[userinfo.index(after: colon)...])
        guard raw.count >= 3 else { return [] }  // one or two characters occur in any message
        var texts = [raw]
        if let decoded = try? decode(Substring(raw), part: "password"), decoded != raw, decoded.count >= 3 {
            texts.append(decoded)
        }
        return texts
    }
}

extension PostgresStore.Configuration {
    /// `url` with its password replaced by `***`, for messages; parsed or not. Any other text is returned as is.
    public static func redacting(_ url: String) -> String {
        PostgresURL.redacting(url)
    }

    /// `text` with every form of the password in `url` (as written, and decoded) replaced by `***`.
    public static func scrubbing(_ text: String, passwordOf url: String) -> String {
        PostgresURL.passwordTexts(in: url).sorted { $0.count > $1.count }.reduce(text) {
            $0.replacingOccurrences(of: $1, with: "***")
        }
    }
}

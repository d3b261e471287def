import Foundation

/// A strict reader for the one JSON object on a JSONL line, straight from its UTF-8 bytes.
///
/// It keeps the values of the keys it was made for, and checks then skips everything else (nested
/// arrays and objects included), so a line costs one pass and a few `String`s instead of a Foundation
/// object graph. What it accepts is what `JSONSerialization` accepted for a UTF-8 line, which the
/// differential test in ModerationAppTests checks:
/// - RFC 8259 grammar, plus one trailing comma before `}` or `]`, which Foundation allows;
/// - a leading UTF-8 byte order mark is skipped; whitespace is space, tab, CR and LF only;
/// - strings: every escape including `\uXXXX` surrogate pairs; a lone surrogate, an unknown escape or
///   a raw control character (U+0000–U+001F) is an error;
/// - a repeated key: the last one wins, as in Foundation's dictionary;
/// - at most 512 nested arrays and objects, Foundation's limit;
/// - numbers Foundation could not represent (`1e400`) are errors.
///
/// One difference: Foundation guessed UTF-16 or UTF-32 when NUL bytes came among the first four;
/// this reader reads UTF-8 only, so such a line is malformed.
public struct JSONLineReader: Sendable {
    /// The value of a kept key.
    public enum Value: Sendable, Equatable {
        /// A string, unescaped.
        case string(String)
        /// A number, as its literal; ``JSONNumberText`` gives the text Foundation made of it.
        case number(String)
        /// `true` or `false`.
        case bool(Bool)
        /// `null`.
        case null
        /// An array or an object (checked, not kept).
        case container
    }

    /// Why a line was refused, in the order the checks run.
    public enum Failure: Error, Sendable, Equatable {
        /// The bytes are not well-formed UTF-8 (checked first, over the whole line).
        case invalidUTF8
        /// The line is not one JSON value, or the value breaks the grammar or a limit.
        case malformed
        /// The line is a well-formed JSON array, not an object.
        case notAnObject
    }

    /// Foundation's nesting limit for arrays and objects, the top-level object included.
    static let maximumDepth = 512

    /// The keys whose values ``read(_:)-(Data)`` returns, in this order.
    public let keys: [String]
    /// The keys' UTF-8 bytes, compared with the raw bytes of unescaped keys.
    let keyBytes: [[UInt8]]

    /// Creates a reader that keeps the values of `keys`.
    public init(keys: [String]) {
        self.keys = keys
        keyBytes = keys.map { Array($0.utf8) }
    }

    /// The values of the kept keys (nil for an absent key) of the object on a line.
    public func read(_ data: Data) throws(Failure) -> [Value?] {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(Failure) -> [Value?] in try read(raw) }
        }
        return try result.get()
    }

    /// The values of the kept keys (nil for an absent key) of the object in `bytes`.
    public func read(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> [Value?] {
        guard UTF8Validation.isValid(bytes) else { throw .invalidUTF8 }
        var values = [Value?](repeating: nil, count: keyBytes.count)
        var parser = JSONLineParser(bytes)
        parser.skipByteOrderMark()
        parser.skipWhitespace()
        switch parser.current {
        case UInt8(ascii: "{"):
            try parser.readObject(keys: keyBytes, into: &values)
            try parser.expectEnd()
            return values
        case UInt8(ascii: "["):
            try parser.skipArray(depth: 0)
            try parser.expectEnd()
            throw .notAnObject
        default:
            throw .malformed
        }
    }
}

/// The cursor over one line's bytes; every read checks the bounds first.
struct JSONLineParser {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The byte at the cursor, or nil at the end.
    var current: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// Only whitespace may follow the top-level value.
    mutating func expectEnd() throws(JSONLineReader.Failure) {
        skipWhitespace()
        guard position == bytes.count else { throw .malformed }
    }

    /// Reads the top-level object at the cursor, storing the values of `keys` into `values`.
    mutating func readObject(keys: [[UInt8]], into values: inout [JSONLineReader.Value?]) throws(JSONLineReader.Failure) {
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw .malformed }
            let key = try scanString()
            try expectColon()
            if let slot = slot(of: key, in: keys) {
                values[slot] = try readValue(depth: 1)
            } else {
                try skipValue(depth: 1)
            }
            if try endOfMembers(closing: UInt8(ascii: "}")) { return }
        }
    }

    /// Checks and skips the array at the cursor; `depth` containers are already open.
    mutating func skipArray(depth: Int) throws(JSONLineReader.Failure) {
        guard depth < JSONLineReader.maximumDepth else { throw .malformed }
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            try skipValue(depth: depth + 1)
            if try endOfMembers(closing: UInt8(ascii: "]")) { return }
        }
    }

    /// Checks and skips the object at the cursor; `depth` containers are already open.
    mutating func skipObject(depth: Int) throws(JSONLineReader.Failure) {
        guard depth < JSONLineReader.maximumDepth else { throw .malformed }
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw .malformed }
            _ = try scanString()
            try expectColon()
            try skipValue(depth: depth + 1)
            if try endOfMembers(closing: UInt8(ascii: "}")) { return }
        }
    }

    /// After a member: true at the closing bracket (also after a trailing comma, as Foundation
    /// allows), false after a comma with another member to come.
    private mutating func endOfMembers(closing: UInt8) throws(JSONLineReader.Failure) -> Bool {
        skipWhitespace()
        switch current {
        case closing:
            position += 1
            return true
        case UInt8(ascii: ","):
            position += 1
            skipWhitespace()
            if current == closing {
                position += 1
                return true
            }
            return false
        default:
            throw .malformed
        }
    }

    private mutating func expectColon() throws(JSONLineReader.Failure) {
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw .malformed }
        position += 1
        skipWhitespace()
    }

    /// The index of the kept key that `key` spells, if any.
    private func slot(of key: RawString, in keys: [[UInt8]]) -> Int? {
        if key.escaped {
            let decoded = Array(decode(key).utf8)
            return keys.firstIndex(of: decoded)
        }
        let length = key.end - key.start
        for (index, candidate) in keys.enumerated() where candidate.count == length {
            let same = candidate.withUnsafeBytes { wanted in
                wanted.elementsEqual(UnsafeRawBufferPointer(rebasing: bytes[key.start..<key.end]))
            }
            if same { return index }
        }
        return nil
    }

    /// Reads the value at the cursor, keeping it.
    private mutating func readValue(depth: Int) throws(JSONLineReader.Failure) -> JSONLineReader.Value {
        guard let byte = current else { throw .malformed }
        switch byte {
        case UInt8(ascii: "\""):
            return .string(decode(try scanString()))
        case UInt8(ascii: "{"):
            try skipObject(depth: depth)
            return .container
        case UInt8(ascii: "["):
            try skipArray(depth: depth)
            return .container
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let range = try scanNumber()
            return .number(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        default:
            return try readLiteral()
        }
    }

    /// Checks and skips the value at the cursor.
    private mutating func skipValue(depth: Int) throws(JSONLineReader.Failure) {
        guard let byte = current else { throw .malformed }
        switch byte {
        case UInt8(ascii: "\""): _ = try scanString()
        case UInt8(ascii: "{"): try skipObject(depth: depth)
        case UInt8(ascii: "["): try skipArray(depth: depth)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try scanNumber()
        default: _ = try readLiteral()
        }
    }

    /// `true`, `false` or `null` at the cursor.
    private mutating func readLiteral() throws(JSONLineReader.Failure) -> JSONLineReader.Value {
        func matches(_ word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard position + length <= bytes.count else { return false }
            return UnsafeRawBufferPointer(start: word.utf8Start, count: length)
                .elementsEqual(UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]))
        }
        if matches("true") {
            position += 4
            return .bool(true)
        }
        if matches("false") {
            position += 5
            return .bool(false)
        }
        if matches("null") {
            position += 4
            return .null
        }
        throw .malformed
    }

    /// Scans the number at the cursor (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`) and
    /// checks that Foundation could represent it.
    private mutating func scanNumber() throws(JSONLineReader.Failure) -> Range<Int> {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
        } else {
            guard skipDigits() > 0 else { throw .malformed }
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard skipDigits() > 0 else { throw .malformed }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard skipDigits() > 0 else { throw .malformed }
        }
        // A digit right after a leading zero ("01") is not a number; the member loop refuses any
        // other byte that is not a separator.
        if let next = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) { throw .malformed }
        guard JSONNumberText.isRepresentable(UnsafeRawBufferPointer(rebasing: bytes[start..<position])) else {
            throw .malformed
        }
        return start..<position
    }

    private mutating func skipDigits() -> Int {
        let start = position
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
        return position - start
    }
}

/// The cursor of ``JSONLineReader`` over one line's bytes, and the grammar; every read checks the
/// bounds first. Strings are in `JSONLineParser+Strings.swift`.
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
        if enterContainer(closing: UInt8(ascii: "}")) { return }
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

    /// Steps past the opening bracket at the cursor and any whitespace; true when the container is
    /// empty (its closing bracket consumed too).
    mutating func enterContainer(closing: UInt8) -> Bool {
        position += 1
        skipWhitespace()
        guard current == closing else { return false }
        position += 1
        return true
    }

    /// Checks and skips the array at the cursor; `depth` containers are already open.
    mutating func skipArray(depth: Int) throws(JSONLineReader.Failure) {
        guard depth < JSONLineReader.maximumDepth else { throw .malformed }
        if enterContainer(closing: UInt8(ascii: "]")) { return }
        while true {
            try skipValue(depth: depth + 1)
            if try endOfMembers(closing: UInt8(ascii: "]")) { return }
        }
    }

    /// Checks and skips the object at the cursor; `depth` containers are already open.
    mutating func skipObject(depth: Int) throws(JSONLineReader.Failure) {
        guard depth < JSONLineReader.maximumDepth else { throw .malformed }
        if enterContainer(closing: UInt8(ascii: "}")) { return }
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

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

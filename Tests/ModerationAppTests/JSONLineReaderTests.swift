import Foundation
import ModerationRules
import TestSupport
import Testing

@testable import ModerationApp

/// The hand-written line reader against the `JSONSerialization` parse it replaced: the same
/// `SubmissionLine` (byte for byte) or the same error, for tricky lines and for mutated ones.
@Suite("JSONL line reader")
struct JSONLineReaderTests {
    typealias Outcome = FoundationSubmissionLine.Outcome

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Lines that exercise escapes, Unicode, numbers, nesting, duplicates and every error.
    static let tricky: [[UInt8]] = {
        var lines: [String] = [
            #"{"id":7,"article":"a","name":"n","email":"e@x.y","text":"hi","label":"ham"}"#,
            #"{"body":"plain"}"#, #"{}"#, #" { } "#, "\t{\"body\":\"x\"}\r", "\u{FEFF}{\"body\":\"bom\"}",
            #"{"body":"quote \" backslash \\ slash \/ controls \b\f\n\r\t"}"#,
            #"{"body":"\u0041\u00e9\u00E9\u0627\u06cc\u200d\ud83d\ude00\uD83D\uDE00 end"}"#,
            #"{"body":"\u0000 nul and \u001f unit separator"}"#,
            #"{"body":"emoji 👨‍👩‍👧‍👦 and 😀 raw, Urdu یہ ایک تبصرہ ہے، شکریہ"}"#,
            "{\"body\":\"line separator \u{2028} paragraph \u{2029} DEL \u{7F} nbsp \u{A0} bom \u{FEFF}\"}",
            "{\"body\":\"e\u{301} vs \u{E9}\",\"name\":\"\u{212B}ngstr\u{F6}m\"}",
            #"{"b\u006fdy":"escaped key","n\u0061me":"N"}"#,
            #"{"id":"s1","key":"k-1","article":"art","name":"Reader","email":"r@example.com","url":"https://x.io/a?b=c","ip":"10.0.0.1","body":"all"}"#,
            #"{"inj":[],"lang":"ur","id":3,"text":"nested skipped"}"#,
            #"{"meta":{"a":[1,2.5,-3e2,true,false,null,"s",{"b":[]}]},"body":"deep"}"#,
            #"{"body":"first","body":"second"}"#, #"{"body":"x","body":5}"#, #"{"body":5,"body":"x"}"#,
            #"{"body":"x","text":"y"}"#, #"{"text":"t","body":"b","id":1}"#, #"{"body":"b","name":"n","text":"t"}"#,
            #"{"text":"t","label":[1],"body":"b"}"#, #"{"text":"","body":""}"#, #"{"body":"x","text":null}"#,
            #"{"body":null,"text":"y"}"#,
            #"{"body":null,"text":null}"#, #"{"text":"alias"}"#, #"{"body":"x","text":5}"#,
            #"{"body":5}"#, #"{"body":true}"#, #"{"body":[]}"#, #"{"body":{}}"#, #"{"name":1}"#, #"{"email":false}"#,
            #"{"url":[1]}"#, #"{"ip":{"v":4}}"#, #"{"key":3}"#, #"{"id":true}"#, #"{"id":false}"#, #"{"id":null}"#,
            #"{"id":[]}"#, #"{"article":{}}"#, #"{"article":true,"id":"x"}"#, #"{"name":2,"email":3}"#,
            #"{"id":1,"key":2,"name":3}"#, #"{"ip":1,"url":2,"id":[]}"#,
            #"{"body":"a",}"#, #"{"a":[1,2,],"body":"b"}"#, #"{"a":{"b":1,},"body":"c"}"#, #"[1,2,]"#,
            #"{,}"#, #"{"a":1,,"b":2}"#, #"[,]"#, #"[1,,2]"#, #"{"a" : 1 , "body" :"s" }"#,
            "[1,2]", "[]", "[{\"body\":\"x\"}]", "[1,2] x", "5", "\"abc\"", "null", "true", "", "{", "}", "{\"a\"}",
            "{\"a\":}", "{a:1}", "{'a':1}", "{\"a\":1}}", "{\"a\":1} x", "{\"a\":1}{}", "{} ,", "{\"a\":1}\u{A0}",
            "{\"a\":[1 2]}", "{\"a\":{\"b\"}}", "{\"a\":tru}", "{\"a\":nulls}", "{\"a\":True}", "{\"a\":NaN}",
            "{\"a\":\"unterminated}", "{\"a\":\"\\x\"}", "{\"a\":\"\\U0041\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}",
            "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud83dx\"}", "{\"a\":\"\\ud83d\\u0041\"}",
            "{\"a\":\"\\ud83d\\ud83d\"}", "{\"a\":\"\\ude00\\ud83d\"}", "{\"a\":\"\\", "{\"a\":\"\\u",
            "{\"a\":\"raw\ttab\"}", "{\"a\":\"raw\u{1}\"}", "{\"a\":\"raw\u{1F}\"}", "{\"body\":\"x\"}\n", "{\"a\":1}\r\n",
            "{\"body\":\"x\"}   \t ", "  \t{\"body\":\"x\"}",
        ]
        for number in [
            "12", "-12", "0", "-0", "1.5", "-1.5", "1e3", "1E3", "1e+3", "1E+2", "1e-7", "1.0e2", "12.0",
            "0.1", "0.30000000000000004", "1e16", "1e21", "1e22", "2.5E-3", "12345678.9", "0.000001", "5e-324",
            "1e-400", "1.7976931348623157e308", "1e308", "1e309", "1e400", "-1e400", "1E400",
            "123456789012345678", "1234567890123456789", "12345678901234567890", "-1234567890123456789",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "18446744073709551615", "18446744073709551616", "123456789012345678901234",
            "100000000000000000000.0", "3.141592653589793238462643383279", "123456789.123456789",
            "1.00000000000000000001", "99999999999999999999e-5", "12345678901234567890e130",
            "-0.0", "0e0", "0E-0", "1e05", "01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "1.e3",
            "--1", "1.5.3", "1e5e3", "0x10", "1_000", "١٢",
        ] {
            lines.append("{\"id\":\(number),\"body\":\"n\"}")
            lines.append("{\"article\":\(number)}")
            lines.append("{\"label\":\(number),\"body\":\"skipped number\"}")
            lines.append("{\"name\":\(number)}")
        }
        let nested = { (depth: Int) in String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        for depth in [510, 511, 512, 513, 2000] {
            lines.append("{\"a\":\(nested(depth)),\"body\":\"deep\"}")
            lines.append("{\"body\":\(nested(depth))}")
            lines.append(nested(depth))
        }
        var result = lines.map(bytes)
        // Bytes that are not UTF-8, inside strings, outside them, and with other faults after them.
        let badUTF8: [[UInt8]] = [
            [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
            [0x80], [0xFE], [0xFF], [0xC3], [0xF0, 0x9F, 0x98], [0xE0, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xC2, 0x41],
        ]
        for bad in badUTF8 {
            result.append(bytes("{\"body\":\"") + bad + bytes("\"}"))
            result.append(bytes("{\"label\":\"") + bad + bytes("\",\"body\":\"x\"}"))
            result.append(bytes("{\"body\":\"x\"}") + bad)
            result.append(bad + bytes("{\"body\":\"x\"}"))
            result.append(bytes("{\"body\":") + bad + bytes("}"))
            result.append(bytes("[\"") + bad + bytes("\"]"))
        }
        // Valid multi-byte sequences at each boundary of Table 3-7.
        for good: [UInt8] in [
            [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
            [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        ] {
            result.append(bytes("{\"body\":\"") + good + bytes("\"}"))
        }
        return result
    }()

    @Test("tricky lines: the same SubmissionLine or the same error as JSONSerialization")
    func trickyLines() {
        for line in Self.tricky {
            expectSame(line)
        }
    }

    @Test("20,000 mutated lines: the same outcome as JSONSerialization")
    func mutatedLines() {
        var random = SplitMix64(seed: 0x5EED_2024)
        // NUL is left out: Foundation took NULs among the first four bytes for UTF-16 or UTF-32 (see
        // `nulBytes`).
        let alphabet: [[UInt8]] =
            [
                "{", "}", "[", "]", "\"", ",", ":", "\\", " ", "u", "b", "n", "t", "r", "f", "0", "1",
                "9", "-", "+", ".", "e", "E", "a", "x", "é", "😀", "\u{1}", "\u{1F}", "\t", "\n", "\\u",
                "\\ud83d", "\\ude00", "\\u00e9", "true", "null", "1e400", "\"body\":", "\"id\":",
                "\"text\":",
            ].map(Self.bytes) + [[0x80], [0xC3], [0xA9], [0xED], [0xF0], [0x9F], [0x7F]]
        // Every short tricky line is a seed, so mutations start from each outcome, not only from good lines.
        let seeds = Self.tricky.filter { $0.count < 300 }
        #expect(seeds.count > 300)
        var differences = 0
        var outcomes: [String: Int] = [:]
        for _ in 0..<20_000 {
            var line = seeds[Int(random.next() % UInt64(seeds.count))]
            for _ in 0...(random.next() % 2) {
                let position = line.isEmpty ? 0 : Int(random.next() % UInt64(line.count + 1))
                let piece = alphabet[Int(random.next() % UInt64(alphabet.count))]
                switch random.next() % 4 {
                case 0: line.insert(contentsOf: piece, at: position)
                case 1 where position < line.count:
                    line.replaceSubrange(position..<min(line.count, position + piece.count), with: piece)
                case 2 where position < line.count: line.remove(at: position)
                default: line = Array(line.prefix(position))
                }
            }
            if !expectSame(line) { differences += 1 }
            if differences > 5 { break }
            switch Outcome({ () throws(AppError) in try SubmissionLine.parse(Data(line)) }) {
            case .line: outcomes["line", default: 0] += 1
            case .error(let message): outcomes[message.hasSuffix("expected a string") ? "type" : message, default: 0] += 1
            }
        }
        // The mutations reach every outcome, not just one kind of error.
        for kind in [
            "line", "malformed JSON", "the line is not valid UTF-8", "type", "expected a JSON object",
            "give either body or text, not both",
        ] {
            #expect(outcomes[kind, default: 0] >= 10, "\(kind): \(outcomes)")
        }
    }

    @Test("NUL bytes: Foundation guessed UTF-16 or UTF-32 from them; the reader takes the line as malformed UTF-8")
    func nulBytes() {
        for line: [UInt8] in [[0x7B, 0x00, 0x7D, 0x00], [0x00, 0x7B, 0x00, 0x7D]] {
            #expect(Outcome { () throws(AppError) in try SubmissionLine.parse(Data(line)) } == .error("malformed JSON"))
        }
        // A NUL later in the line was malformed for both.
        expectSame(Self.bytes("{\"body\":\"x\"}") + [0x00])
    }

    @Test("the reader keeps the asked keys' values and skips the rest")
    func values() throws {
        let reader = JSONLineReader(keys: ["a", "b", "c", "d", "e", "f"])
        let values = try reader.read(Data(#"{"z":[{"a":"no"}],"a":"x\ny","b":-1.5e3,"c":true,"d":null,"e":{"f":1}}"#.utf8))
        #expect(values == [.string("x\ny"), .number("-1.5e3"), .bool(true), .null, .container, nil])
        #expect(throws: JSONLineReader.Failure.notAnObject) { try reader.read(Data("[]".utf8)) }
        #expect(throws: JSONLineReader.Failure.malformed) { try reader.read(Data("{\"a\":01}".utf8)) }
        #expect(throws: JSONLineReader.Failure.invalidUTF8) { try reader.read(Data([0x7B, 0xFF, 0x7D])) }
    }

    @Test(
        "numbers for id and article read as NSNumber.stringValue printed them",
        arguments: [
            ("12", "12"), ("-0", "0"), ("1.5", "1.5"), ("1e3", "1000.0"), ("12.0", "12.0"), ("1e-7", "1e-07"),
            ("18446744073709551615", "18446744073709551615"),
        ])
    func numberText(literal: String, expected: String) throws {
        let line = try SubmissionLine.parse(Data("{\"id\":\(literal),\"article\":\(literal)}".utf8))
        #expect(line.id == expected)
        #expect(line.comment.article == expected)
    }

    /// Compares both parsers on `line`, field by field as bytes; records an issue and returns false on a difference.
    @discardableResult
    func expectSame(_ line: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let data = Data(line)
        let reference = Outcome { () throws(AppError) in try FoundationSubmissionLine.parse(data) }
        let ours = Outcome { () throws(AppError) in try SubmissionLine.parse(data) }
        let same = ours == reference && ours.fieldBytes == reference.fieldBytes
        #expect(
            same,
            "line \(String(decoding: line.prefix(120), as: UTF8.self).debugDescription) \(line.prefix(12)): ours \(ours), JSONSerialization \(reference)",
            sourceLocation: sourceLocation)
        return same
    }
}

extension FoundationSubmissionLine.Outcome {
    /// Every field's UTF-8 bytes: `String`'s `==` would call canonically equivalent texts equal.
    var fieldBytes: [[UInt8]?] {
        guard case .line(let line) = self else { return [] }
        let comment = line.comment
        return [line.id, line.key, comment.article, comment.name, comment.email, comment.url, comment.ip, comment.body]
            .map { $0.map { Array($0.utf8) } }
    }
}

/// The seeded generator, so that the mutated lines are the same on every run.
typealias SplitMix64 = SeededRandom

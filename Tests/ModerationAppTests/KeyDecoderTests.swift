import Testing

@testable import ModerationApp

@Suite("Review keys are decoded whole")
struct KeyDecoderTests {
    /// Decodes every key in `bytes`; a read with a timeout finds nothing once the bytes of one
    /// write are used up, as on a terminal where each key press arrives at once.
    static func keys(_ presses: [[UInt8]]) -> [KeyPress] {
        var queue = presses
        var current: [UInt8] = []
        var decoded: [KeyPress] = []
        func read(_ timeout: Int?) -> UInt8? {
            if current.isEmpty {
                guard timeout == nil, !queue.isEmpty else { return nil }
                current = queue.removeFirst()
            }
            return current.isEmpty ? nil : current.removeFirst()
        }
        while let key = KeyDecoder.next(read: read) { decoded.append(key) }
        return decoded
    }

    @Test(
        "arrows, function keys, Alt+key and Escape are one escape, never a command letter",
        arguments: [
            "\u{1B}[A", "\u{1B}[B", "\u{1B}OP", "\u{1B}OS", "\u{1B}[15~", "\u{1B}[24~", "\u{1B}[1;5C", "\u{1B}a", "\u{1B}r",
            "\u{1B}",
        ])
    func escapes(sequence: String) {
        #expect(Self.keys([Array(sequence.utf8)]) == [.escape])
    }

    @Test("an Urdu letter is one non-ASCII key; plain letters and controls are themselves")
    func letters() {
        #expect(
            Self.keys([Array("ر".utf8), Array("a".utf8), [3], Array("?".utf8)]) == [
                .other("ر"), .character("a"), .control(3), .character("?"),
            ])
        #expect(Self.keys([[0xD8]]) == [.other("\u{FFFD}")], "a cut UTF-8 sequence is not read as a letter")
    }

    @Test("a letter typed right after a lone Escape is still read")
    func escapeThenLetter() {
        #expect(Self.keys([[0x1B], Array("q".utf8)]) == [.escape, .character("q")])
    }
}

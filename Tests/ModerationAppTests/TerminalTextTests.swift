import ModerationRules
import ModerationStore
import Testing

@testable import ModerationApp

@Suite("Stored text is data, never terminal control")
struct TerminalTextTests {
    /// Texts that try to hide, overwrite or reorder what a moderator sees.
    static let hostile: [String] = [
        "you are a stupid idiot\r\u{1B}[2Kgreat article, thanks!",
        "title\u{1B}]0;owned\u{07}",
        "\u{1B}]8;;http://evil.test\u{1B}\\click\u{1B}]8;;\u{1B}\\",
        "abc\u{08}\u{08}\u{08}xyz",
        "c1 \u{9B}31m red",
        "bidi \u{202E}txet desrever\u{202C}",
        "isolate \u{2067}x\u{2069}",
        "line\nhistory:\n  2026-01-01T00:00:00Z  decision  ayesha: held → approved",
        "del\u{7F}",
    ]

    @Test("no control, C1 or bidi control survives rendering", arguments: hostile)
    func marked(text: String) {
        for rendered in [TerminalText.line(text), TerminalText.block(text)] {
            for scalar in rendered.unicodeScalars {
                let value = scalar.value
                let allowedBreak = value == 0x0A && rendered == TerminalText.block(text)
                #expect(
                    allowedBreak || !(value < 0x20 || (0x7F...0x9F).contains(value)),
                    "U+\(String(value, radix: 16)) in \(rendered)")
                #expect(!(0x202A...0x202E).contains(value) && !(0x2066...0x2069).contains(value))
            }
        }
        #expect(!TerminalText.line(text).contains("\n"))
    }

    @Test("a block's line breaks are indented, so a comment cannot print a line of its own at the left edge")
    func blockIndents() {
        let rendered = TerminalText.block("first\nhistory: forged", indent: "  ")
        #expect(rendered == "first⏎\n  history: forged")
        #expect(TerminalText.line("a\r\nb\tc") == "a␍⏎b␉c")
        #expect(TerminalText.line("\u{1B}[2K") == "␛[2K")
        #expect(TerminalText.line("x\u{202E}y") == "x⟨U+202E⟩y")
    }

    @Test("ordinary text, Urdu with joiners and emoji are printed as they are")
    func ordinaryUnchanged() {
        for text in ["long live Pakistan army", "پاکستان زندہ باد", "می\u{200C}خواهم", "👨\u{200D}👩\u{200D}👧 family", "café"] {
            #expect(TerminalText.line(text) == text)
            #expect(!TerminalText.needsMarking(text))
        }
    }

    @Test("the queue table, queue show and explain print no raw control from a comment")
    func renderersAreSafe() throws {
        let body = Self.hostile[0]
        let comment = NewComment(
            article: "a\u{1B}[1m", name: "n\u{07}", email: "e@x.io", url: nil, ip: nil, body: body, key: nil,
            submittedAt: .init(timeIntervalSince1970: 0))
        let stored = StoredComment(id: 1, comment: comment, state: .held, updatedAt: .init(timeIntervalSince1970: 0))
        let formatting = QueueFormatting(color: false)
        let event = AuditEvent(
            id: 1, commentID: 1, at: .init(timeIntervalSince1970: 0), kind: .moderator, actor: "ayesha\u{1B}[2K",
            from: .held, to: .approved, reason: "ok\nforged line", rulesVersion: nil, batch: nil)
        let hit = Hit(
            rule: "abuse.insult", field: .body, action: .hold, mode: .enforce, score: nil, spans: [[10, 16]], text: ["stupid"])
        let verdict = Verdict(
            decision: .hold, score: 0, rulesVersion: "v", hits: [hit], violations: [], errors: [], reason: "r\u{1B}")
        let outputs = [
            formatting.table([stored]),
            formatting.show(stored, history: [event]),
            formatting.renderer.explain(verdict, comment: CommentInput(body: body)),
        ]
        let raw: Set<UInt32> = [0x1B, 0x07, 0x0D]
        for output in outputs {
            let found = output.unicodeScalars.filter { raw.contains($0.value) }
            #expect(found.isEmpty)
        }
        #expect(outputs[1].contains("ok⏎forged line"))
        #expect(outputs[2].contains("[[stupid]]"))
    }
}

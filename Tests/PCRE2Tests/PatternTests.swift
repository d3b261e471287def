import Testing

@testable import PCRE2

/// Substrings of `subject` for UTF-8 byte ranges.
private func texts(_ ranges: [Range<Int>], in subject: String) -> [String] {
    let bytes = Array(subject.utf8)
    return ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
}

@Suite("PCRE2 pattern")
struct PatternTests {
    @Test("UCP word characters and boundaries work on Urdu")
    func urduWords() throws {
        let pattern = try Pattern(#"\bزندہ\b"#)
        let scratch = try MatchScratch()
        let subject = "پاکستان زندہ باد، زندہ دل لوگ"
        let found = try pattern.matches(in: subject, scratch: scratch)
        #expect(texts(found, in: subject) == ["زندہ", "زندہ"])
        #expect(try Pattern(#"^\w+$"#).isMatch("پاکستان", scratch: scratch))
    }

    @Test("caseless matching folds accented Latin under UCP")
    func caselessAccents() throws {
        let pattern = try Pattern("élan", options: .caseless)
        let scratch = try MatchScratch()
        #expect(try pattern.isMatch("ÉLAN vital", scratch: scratch))
        #expect(try !Pattern("élan").isMatch("ÉLAN", scratch: scratch))
    }

    @Test("match ranges are UTF-8 byte offsets around emoji")
    func emojiOffsets() throws {
        let subject = "👨‍👩‍👧‍👦 spam 😀 spam"
        let found = try Pattern("spam").matches(in: subject, scratch: MatchScratch())
        #expect(found.count == 2)
        #expect(found[0] == 26..<30)
        #expect(texts(found, in: subject) == ["spam", "spam"])
    }

    @Test("empty matches step over whole multi-byte characters")
    func emptyMatches() throws {
        let subject = "aپ😀b"
        let found = try Pattern("x*").matches(in: subject, scratch: MatchScratch())
        // One empty match at every character boundary: before a, پ, 😀, b and at the end.
        #expect(found == [0..<0, 1..<1, 3..<3, 7..<7, 8..<8])
        let letters = try Pattern(#"\w*"#).matches(in: "ab پ", scratch: MatchScratch())
        #expect(texts(letters, in: "ab پ") == ["ab", "", "پ", ""])
    }

    @Test("all matches, not only the first")
    func allMatches() throws {
        let subject = "see http://a.test and http://b.test or www.c.test"
        let found = try Pattern(#"(?:https?://|www\.)\S+"#, options: .caseless).matches(in: subject, scratch: MatchScratch())
        #expect(texts(found, in: subject) == ["http://a.test", "http://b.test", "www.c.test"])
    }

    @Test("a catastrophic pattern stops at the match limit")
    func catastrophicPattern() throws {
        let pattern = try Pattern("^(a+)+$")
        let subject = String(repeating: "a", count: 5_000) + "!"
        let scratch = try MatchScratch()
        let clock = ContinuousClock()
        var thrown: PCRE2Error?
        let elapsed = clock.measure {
            do { _ = try pattern.isMatch(subject, scratch: scratch) } catch let error as PCRE2Error { thrown = error } catch {}
        }
        #expect(thrown?.isResourceLimit == true)
        #expect(thrown?.kind == .match)
        // Correctness guard against an unbounded run, not a speed claim.
        #expect(elapsed < .seconds(5))
    }

    @Test(
        "compile errors carry PCRE2's message and the offset",
        arguments: [
            ("(abc", 4), ("a{2,1}", 5), ("[z-a]", 3),
        ])
    func compileError(source: String, offset: Int) {
        do {
            _ = try Pattern(source)
            Issue.record("\(source) compiled")
        } catch {
            #expect(error.kind == .compile)
            #expect(error.patternOffset == offset)
            #expect(!error.message.isEmpty)
            #expect(!error.message.hasPrefix("PCRE2 error"))
        }
    }

    @Test("flags: multiline, dotall, extended")
    func flags() throws {
        let scratch = try MatchScratch()
        #expect(try Pattern("^b", options: .multiline).isMatch("a\nb", scratch: scratch))
        #expect(try !Pattern("^b").isMatch("a\nb", scratch: scratch))
        #expect(try Pattern("a.b", options: .dotall).isMatch("a\nb", scratch: scratch))
        #expect(try Pattern("a b # comment", options: .extended).isMatch("ab", scratch: scratch))
    }

    @Test("one compiled pattern is shared by many tasks, each with its own scratch")
    func threadSafety() async throws {
        let pattern = try Pattern(#"\b\w+\b"#)
        let subject = String(repeating: "alpha بیٹا gamma ", count: 200)
        let expected = try pattern.matches(in: subject, scratch: MatchScratch()).count
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    let scratch = try MatchScratch()
                    var total = 0
                    for _ in 0..<50 { total += try pattern.matches(in: subject, scratch: scratch).count }
                    return total
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(expected == 600)
        #expect(counts == Array(repeating: expected * 50, count: 16))
    }

    @Test("the interpreter runs a pattern's first runs; the JIT compiles it once, on the threshold run")
    func tieredJIT() throws {
        let pattern = try Pattern(#"(?i)\bgamma\d+\b"#)
        let subject = "Gamma12 and gamma7, بیٹا GAMMA3"
        let scratch = try MatchScratch()
        for run in 1..<Pattern.jitAfterRuns {
            #expect(try pattern.matches(in: subject, scratch: scratch).count == 3, "interpreted run \(run)")
            #expect(!pattern.hasJITCode, "run \(run)")
        }
        #expect(try pattern.matches(in: subject, scratch: scratch).count == 3)
        // The threshold run compiled it (where the platform has a JIT, as isJITCompiled tells).
        #expect(pattern.hasJITCode == pattern.isJITCompiled)
        #expect(try pattern.matches(in: subject, scratch: scratch).count == 3)
    }

    @Test("a long pattern (a word list) is JIT-compiled on its first run")
    func longPatternJITAtOnce() throws {
        let words = (0..<60).map { "word\($0)x" }
        let pattern = try Pattern("(?i)\\b(?:" + words.joined(separator: "|") + ")\\b")
        #expect(pattern.source.utf8.count >= Pattern.jitAtOnceLength)
        #expect(!pattern.hasJITCode)
        #expect(try pattern.matches(in: "a WORD7X and word59x, not word60x", scratch: MatchScratch()).count == 2)
        #expect(pattern.hasJITCode == pattern.isJITCompiled)
    }

    @Test("tasks matching a fresh pattern while the JIT compiles it mid-way all get the same matches")
    func jitWhileMatching() async throws {
        for round in 0..<20 {
            // A fresh pattern each round: the threshold run falls among concurrent interpreted runs.
            let pattern = try Pattern(#"(?i)\b(?:alpha|gamma\d{\#(round % 3 + 1)})\b"#)
            let subject = String(repeating: "Alpha x gamma123 بیٹا ", count: 50)
            let counts = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let scratch = try MatchScratch()
                        return try (0..<(Pattern.jitAfterRuns / 2)).map { _ in
                            try pattern.matches(in: subject, scratch: scratch).count
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(
                counts == Array(repeating: round % 3 == 2 ? 100 : 50, count: 8 * (Pattern.jitAfterRuns / 2)), "round \(round)")
            #expect(pattern.hasJITCode == pattern.isJITCompiled)
        }
    }
}

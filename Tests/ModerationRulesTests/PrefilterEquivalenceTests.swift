import Foundation
import PCRE2
import Testing
@testable import ModerationRules

@Suite("Prefiltered evaluation equals running every rule")
struct PrefilterEquivalenceTests {
    /// Texts of the labeled corpora beside the repository (`../shared/data/corpus`), a sample of each.
    static let texts: [String] = {
        let folder = shippedRules.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/corpus")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }.sorted()) ?? []
        return files.flatMap { file -> [String] in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else { return [] }
            return text.split(separator: "\n").prefix(800).compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
            }
        }
    }()

    @Test("the shipped rules give identical verdicts with and without the prefilter on the labeled corpora",
          .enabled(if: !texts.isEmpty, "../shared/data/corpus is not beside the repository"))
    func shippedRulesOnCorpora() throws {
        let engine = try #require(shippedEngine)
        let scratch = try EngineScratch()
        var differences = 0
        for text in Self.texts {
            let input = CommentInput(article: "a", name: "Reader", email: "reader@example.com", body: text)
            let fast = engine.evaluate(input, scratch: scratch)
            let reference = engine.evaluateWithoutPrefilter(input, scratch: scratch.match)
            if fast.hits != reference.hits || fast.decision != reference.decision {
                differences += 1
                Issue.record("differs on: \(text.prefix(80)) — \(fast.hits.map(\.rule)) vs \(reference.hits.map(\.rule))")
            }
        }
        #expect(differences == 0)
        #expect(Self.texts.count > 1000)
    }

    @Test("evasions that only normalized rules catch are still candidates", arguments: [
        "ｆｕｃｋ you", "f.u.c.k off", "you are a b1tch", "f\u{200B}uck this", "fuuuuck",
    ])
    func evasions(text: String) throws {
        let engine = try #require(shippedEngine)
        let input = CommentInput(name: "Reader", email: "reader@example.com", body: text)
        let fast = engine.evaluate(input, scratch: try EngineScratch())
        #expect(fast.hits == engine.evaluateWithoutPrefilter(input, scratch: try MatchScratch()).hits)
        #expect(fast.decision != .approve)
    }
}

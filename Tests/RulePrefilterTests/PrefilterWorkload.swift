import Foundation
import PCRE2
@testable import RulePrefilter

/// The generated benchmark workload and real comment texts, found beside the repository in `../shared`.
///
/// The workload is generated once per test run by `../shared/bench/gen_workload.py` into a
/// temporary directory; tests that need it are skipped when python3 or the script is missing.
enum PrefilterWorkload {
    /// The repository root: the nearest directory above this file that holds a `Package.swift`.
    static let repositoryRoot: URL? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    /// `../shared` relative to the repository root.
    static var sharedDirectory: URL? {
        repositoryRoot?.deletingLastPathComponent().appendingPathComponent("shared")
    }

    static var generatorScript: URL? {
        sharedDirectory?.appendingPathComponent("bench/gen_workload.py")
    }

    static var python: URL? {
        ["/usr/bin/python3", "/usr/local/bin/python3", "/root/.pyenv/shims/python3"]
            .map(URL.init(fileURLWithPath:))
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// True when the workload can be generated here.
    static var isAvailable: Bool {
        guard let script = generatorScript, python != nil else { return false }
        return FileManager.default.fileExists(atPath: script.path)
    }

    /// Patterns (2,000) and comments (3,000), generated once.
    static let generated: (patterns: [String], comments: [String])? = {
        guard isAvailable, let script = generatorScript, let python else { return nil }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("prefilter-workload-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let patternsPath = directory.appendingPathComponent("patterns.txt").path
        let corpusPath = directory.appendingPathComponent("corpus.jsonl").path
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path, "--rules", "2000", "--comments", "3000", "--patterns", patternsPath,
                             "--corpus", corpusPath]
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return nil
        }
        guard process.terminationStatus == 0,
              let patternText = try? String(contentsOfFile: patternsPath, encoding: .utf8),
              let corpusText = try? String(contentsOfFile: corpusPath, encoding: .utf8)
        else { return nil }
        let patterns = patternText.split(separator: "\n").map(String.init)
        return (patterns, texts(fromJSONLines: corpusText, limit: nil))
    }()

    /// The first `limit` texts of `shared/data/corpus/<name>.jsonl`, or nil when it is missing.
    static func realTexts(_ name: String, limit: Int) -> [String]? {
        guard let path = sharedDirectory?.appendingPathComponent("data/corpus/\(name).jsonl").path,
              let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        return texts(fromJSONLines: text, limit: limit)
    }

    static var realTextsAvailable: Bool {
        realTexts("jigsaw_toxic_sample", limit: 1) != nil && realTexts("roman_urdu_ruhsold", limit: 1) != nil
    }

    static func texts(fromJSONLines text: String, limit: Int?) -> [String] {
        var out: [String] = []
        for line in text.split(separator: "\n") {
            if let limit, out.count >= limit { break }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let value = object["text"] as? String
            else { continue }
            out.append(value)
        }
        return out
    }
}

/// Runs PCRE2 the way the engine does: first match only, over the subject's UTF-8.
enum PrefilterReference {
    /// True when `pattern` matches anywhere in `bytes`.
    static func matches(_ pattern: Pattern, _ bytes: UnsafeBufferPointer<UInt8>, _ scratch: MatchScratch) -> Bool {
        var found = false
        do {
            try pattern.forEachMatch(in: bytes, scratch: scratch) { _ in
                found = true
                return false
            }
        } catch {
            // A resource limit: the engine would not count it as a match either.
            return false
        }
        return found
    }
}

extension String {
    /// True when `needle`'s UTF-8 bytes occur in this string's (not Character-wise: `"🖕🏽"` contains `"🖕"`).
    func containsBytes(_ needle: String) -> Bool {
        let haystack = Array(utf8)
        let needle = Array(needle.utf8)
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}

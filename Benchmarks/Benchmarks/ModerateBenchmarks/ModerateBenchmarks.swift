import Benchmark
import Foundation
import ModerationRules
import ModerationStore
import ModerationStoreSQLite

/// The repository root (this file is Benchmarks/Benchmarks/ModerateBenchmarks/ModerateBenchmarks.swift).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// Texts of a labeled corpus in ../shared/data/corpus (empty when it is not there).
func corpus(_ name: String, limit: Int) -> [String] {
    let url = root.deletingLastPathComponent().appendingPathComponent("shared/data/corpus/\(name)")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").prefix(limit).compactMap { line in
        (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
    }
}

/// A rules folder from `gen_workload.py`'s pattern list of `count` rules, in a temporary directory.
func syntheticRules(_ count: Int) -> (rules: URL, comments: [String])? {
    let bench = root.deletingLastPathComponent().appendingPathComponent("shared/bench/gen_workload.py")
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-bench-\(count)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "python3", bench.path, "--rules", String(count), "--comments", "2000",
        "--patterns", work.appendingPathComponent("patterns.txt").path,
        "--corpus", work.appendingPathComponent("corpus.jsonl").path,
    ]
    process.standardOutput = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    guard process.terminationStatus == 0,
        let patterns = try? String(contentsOf: work.appendingPathComponent("patterns.txt"), encoding: .utf8),
        let lines = try? String(contentsOf: work.appendingPathComponent("corpus.jsonl"), encoding: .utf8)
    else { return nil }
    var yaml = "rules:\n"
    for (index, line) in patterns.split(separator: "\n").enumerated() {
        var pattern = String(line)
        var flags = ""
        if pattern.hasPrefix("(?i)") {
            pattern.removeFirst(4)
            flags = "\n    flags: [caseless]"
        }
        yaml +=
            "  - id: bench.r\(index)\n    pattern: '\(pattern.replacingOccurrences(of: "'", with: "''"))'\(flags)\n    action: hold\n"
    }
    let rules = work.appendingPathComponent("rules")
    try? FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
    try? "mode: post-moderation\nfields:\n  body: { required: false }\n".write(
        to: rules.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
    try? yaml.write(to: rules.appendingPathComponent("bench.yaml"), atomically: true, encoding: .utf8)
    let comments = lines.split(separator: "\n").compactMap { line in
        (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
    }
    return (rules, comments)
}

func comment(_ body: String) -> CommentInput {
    CommentInput(article: "a1", name: "Reader", email: "reader@example.com", body: body)
}

/// One iteration a comment: `engine` on `texts` in turn, with one scratch for the whole run.
func evaluateEach(_ benchmark: Benchmark, engine: ModerationEngine, texts: [String]) throws {
    let scratch = try EngineScratch()
    var index = 0
    for _ in benchmark.scaledIterations {
        blackHole(engine.evaluate(comment(texts[index % texts.count]), scratch: scratch))
        index += 1
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .peakMemoryResident, .mallocCountTotal],
        maxDuration: .seconds(5), maxIterations: 1_000_000)

    // The shipped rules on real comments: one iteration is one comment.
    let shipped = try! RulesLoader(directory: root.appendingPathComponent("Rules")).load()
    let engine = ModerationEngine(ruleSet: shipped)
    let texts =
        corpus("jigsaw_toxic_sample.jsonl", limit: 2000) + corpus("youtube_spam_collection.jsonl", limit: 1000)
        + corpus("roman_urdu_ruhsold.jsonl", limit: 1000)
    Benchmark("engine: shipped rules, one comment (labeled corpora)") { benchmark in
        try evaluateEach(benchmark, engine: engine, texts: texts)
    }

    Benchmark("folding: one comment (labeled corpora)") { benchmark in
        let normalizer = TextNormalizer()
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(normalizer.fold(texts[index % texts.count]))
            index += 1
        }
    }

    // Loading is reading and compiling the files and building the engine's prefilters.
    Benchmark("rules load: shipped Rules/", configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxIterations: 50)) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ModerationEngine(ruleSet: try RulesLoader(directory: root.appendingPathComponent("Rules")).load()))
        }
    }

    for count in [50, 500, 2000] {
        guard let (rules, comments) = syntheticRules(count), !comments.isEmpty else { continue }
        let synthetic = ModerationEngine(ruleSet: try! RulesLoader(directory: rules).load())
        Benchmark("engine: \(count) synthetic rules, one comment") { benchmark in
            try evaluateEach(benchmark, engine: synthetic, texts: comments)
        }
        Benchmark(
            "rules load: \(count) synthetic rules",
            configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxIterations: 20)
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(ModerationEngine(ruleSet: try RulesLoader(directory: rules).load()))
            }
        }
    }

    // The SQLite queue: one iteration is a batch of 100 submissions, or 100 decisions.
    Benchmark(
        "sqlite: submit a batch of 100", configuration: .init(metrics: [.throughput, .wallClock], maxDuration: .seconds(5))
    ) { benchmark in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).sqlite").path
        let store = try SQLiteStore(path: path)
        let batch = (0..<100).map { NewComment(article: "a1", name: "R", email: "r@example.com", body: texts[$0 % texts.count]) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await store.submit(batch: batch))
        }
    }

    Benchmark(
        "sqlite: claim, evaluate and complete 100 with the shipped rules",
        configuration: .init(metrics: [.throughput, .wallClock], maxDuration: .seconds(5))
    ) { benchmark in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).sqlite").path
        let store = try SQLiteStore(path: path)
        let batch = (0..<100).map { NewComment(article: "a1", name: "R", email: "r@example.com", body: texts[$0 % texts.count]) }
        for _ in 0..<(benchmark.scaledIterations.count + 1) { _ = try await store.submit(batch: batch) }
        let scratch = try EngineScratch()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let claimed = try await store.claim(owner: "bench", limit: 100, leaseDuration: 60, now: Date())
            let verdicts = claimed.map { stored in
                let verdict = engine.evaluate(comment(stored.comment.body), scratch: scratch)
                let state: CommentState = verdict.decision == .approve ? .approved : verdict.decision == .hold ? .held : .rejected
                return CompletedVerdict(
                    commentID: stored.id,
                    verdict: VerdictRecord(
                        state: state, score: verdict.score, rulesVersion: verdict.rulesVersion, ruleIDs: verdict.hits.map(\.rule),
                        json: "{}"))
            }
            blackHole(try await store.complete(verdicts, owner: "bench", now: Date()))
        }
    }
}

import Foundation
import Testing

@testable import ModerationApp

@Suite("Settings precedence")
struct SettingsTests {
    func configFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("flags beat the environment, which beats the file, which beats the defaults")
    func precedence() throws {
        let path = try configFile("database: file.sqlite\nrules: FileRules\nworker:\n  batch: 7\n  lease_seconds: 30\n")
        let settings = try Settings.resolve(
            config: path, flags: ["database": "flag.sqlite"],
            environment: ["MODERATE_DATABASE": "env.sqlite", "MODERATE_RULES": "EnvRules"])
        #expect(settings.database == "flag.sqlite")
        #expect(settings.rules == "EnvRules")
        #expect(settings.workerBatch == 7)
        #expect(settings.leaseSeconds == 30)
        #expect(settings.workerConcurrency == Settings().workerConcurrency)
    }

    @Test("unknown keys, bad values and a missing named file are errors")
    func errors() throws {
        #expect(throws: AppError.self) {
            try Settings.resolve(config: try configFile("databse: x\n"), flags: [:], environment: [:])
        }
        #expect(throws: AppError.self) {
            try Settings.resolve(config: try configFile("worker:\n  batch: zero\n"), flags: [:], environment: [:])
        }
        #expect(throws: AppError.self) {
            try Settings.resolve(config: nil, flags: [:], environment: ["MODERATE_WORKER_BATCH": "-1"])
        }
        do {
            _ = try Settings.resolve(config: "/nonexistent.yaml", flags: [:], environment: [:])
            Issue.record("a missing config file was accepted")
        } catch {
            #expect(error.status == .noInput)
        }
    }

    @Test("SQLite commits are durable (full) unless the file or MODERATE_SQLITE_SYNCHRONOUS says normal")
    func sqliteSynchronous() throws {
        #expect(Settings().sqliteSynchronous == .full)
        let path = try configFile("sqlite_synchronous: normal\n")
        #expect(try Settings.resolve(config: path, flags: [:], environment: [:]).sqliteSynchronous == .normal)
        let overridden = try Settings.resolve(
            config: path, flags: [:], environment: ["MODERATE_SQLITE_SYNCHRONOUS": "full"])
        #expect(overridden.sqliteSynchronous == .full)
        do {
            _ = try Settings.resolve(config: nil, flags: [:], environment: ["MODERATE_SQLITE_SYNCHRONOUS": "off"])
            Issue.record("synchronous off was accepted")
        } catch {
            #expect(error.lines.contains { $0.contains("sqlite_synchronous") && $0.contains("'off'") })
        }
    }

    @Test("an unknown key or malformed YAML in the file exits 78, naming the file, the line and the key")
    func configErrors() throws {
        let path = try configFile("database: x.sqlite\nworker:\n  batch: 5\n  bacth: 7\n")
        do {
            _ = try Settings.resolve(config: path, flags: [:], environment: [:])
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(error.status == .config)
            #expect(error.lines == ["\(path):4: unknown setting 'worker.bacth'"])
        }
        let malformed = try configFile("worker: [unclosed\n")
        do {
            _ = try Settings.resolve(config: malformed, flags: [:], environment: [:])
            Issue.record("malformed YAML was accepted")
        } catch {
            #expect(error.status == .config)
        }
    }

    @Test("the shipped config file holds exactly the defaults")
    func shippedConfig() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Config/moderate.yaml").path
        #expect(try Settings.resolve(config: path, flags: [:], environment: [:]) == Settings())
    }
}

@Suite("Input")
struct InputTests {
    @Test("JSONL lines: text is an alias of body, ids may be numbers, wrong types are errors")
    func parse() throws {
        let line = try SubmissionLine.parse(
            Data(#"{"id":7,"article":"a","name":"n","email":"e@x.y","text":"hi","label":"ham"}"#.utf8))
        #expect(line.id == "7")
        #expect(line.comment.body == "hi")
        #expect(throws: AppError.self) { try SubmissionLine.parse(Data(#"{"body":5}"#.utf8)) }
        #expect(throws: AppError.self) { try SubmissionLine.parse(Data(#"[1,2]"#.utf8)) }
        #expect(throws: AppError.self) { try SubmissionLine.parse(Data(#"{"body":"a","text":"b"}"#.utf8)) }
    }

    @Test("lines over the limit are skipped without buffering, and the next lines still arrive")
    func longLines() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).jsonl")
        var data = Data("short\n".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: 600_000))
        data.append(Data("\nlast".utf8))
        try data.write(to: url)
        var seen: [String?] = []
        try await InputReader(maxBytes: 1000).forEachLine(of: url.path) { _, line in
            seen.append(line.map { String(decoding: $0, as: UTF8.self) })
            return true
        }
        #expect(seen == ["short", nil, "last"])
    }
}

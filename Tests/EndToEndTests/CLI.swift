import Foundation

/// Runs the built `moderate` binary in a scratch folder of its own.
struct CLI {
    /// What one run printed and returned.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// The package root, for the shipped rules.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The built binary: beside the test bundle.
    static let binary: URL = {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        let candidate = directory.appendingPathComponent("moderate")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        return root.appendingPathComponent(".build/debug/moderate")
    }()

    /// A fresh folder for the run's database and files.
    let directory: URL
    /// Environment for every run: the database in the folder and the shipped rules.
    var environment: [String: String]

    /// The database URL of a backend for this run: a SQLite file in the folder, or a fresh schema on
    /// the test PostgreSQL server (nil when none is configured).
    static func database(_ backend: Backend, in directory: URL) -> String? {
        switch backend {
        case .sqlite:
            return directory.appendingPathComponent("db.sqlite").path
        case .postgres:
            guard let url = Backend.postgresURL else { return nil }
            let schema = "e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            return url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"
        }
    }

    /// A CLI on a backend (SQLite unless told); a backend that is not configured here is an error, so
    /// tests that need PostgreSQL carry `.enabled(if: Backend.postgres.isConfigured)`.
    init(backend: Backend = .sqlite) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-e2e-\(UUID().uuidString)")
        guard let database = CLI.database(backend, in: directory) else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "MODERATE_TEST_POSTGRES_URL is not set"])
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        environment = [
            "MODERATE_DATABASE": database,
            "MODERATE_RULES": CLI.root.appendingPathComponent("Rules").path,
            "MODERATE_CONFIG": "", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "NO_COLOR": "1", "USER": "tester",
        ]
    }

    /// Starts the binary without waiting.
    func start(_ arguments: [String], stdin: Data? = nil, extraEnvironment: [String: String] = [:]) throws -> (
        Process, Pipe, Pipe
    ) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment.merging(extraEnvironment) { $1 }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin {
            DispatchQueue.global().async {
                try? input.fileHandleForWriting.write(contentsOf: stdin)
                try? input.fileHandleForWriting.close()
            }
        } else {
            try? input.fileHandleForWriting.close()
        }
        return (process, out, err)
    }

    /// Starts the binary with its standard error going to a file in the folder, to be watched while it runs.
    func startLogged(_ arguments: [String], log: String, extraEnvironment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment.merging(extraEnvironment) { $1 }
        let path = directory.appendingPathComponent(log).path
        FileManager.default.createFile(atPath: path, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: path)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The text a logged process has written so far.
    func log(_ name: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    /// Runs the binary to the end. A run still going after `limit` is killed (status 137), so a hung
    /// command fails its test instead of hanging the suite.
    @discardableResult
    func run(
        _ arguments: [String], stdin: Data? = nil, extraEnvironment: [String: String] = [:],
        limit: Duration = .seconds(300)
    ) throws -> Result {
        let (process, out, err) = try start(arguments, stdin: stdin, extraEnvironment: extraEnvironment)
        let watchdog = Watchdog(process, limit: limit)
        let errData = ErrCollector(err)
        let outData = readAll(out.fileHandleForReading.fileDescriptor)
        waitForExit(process, limit: .seconds(30))
        watchdog.cancel()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.data(), as: UTF8.self))
    }

    /// Writes a file into the folder and returns its path.
    func write(_ name: String, _ data: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }
}

/// The stores the end-to-end tests run on.
enum Backend: String, CaseIterable, Sendable {
    case sqlite
    case postgres

    /// The test PostgreSQL server's URL (`MODERATE_TEST_POSTGRES_URL`), or nil when none is configured.
    static let postgresURL = ProcessInfo.processInfo.environment["MODERATE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether this backend can run here.
    var isConfigured: Bool { self == .sqlite || Self.postgresURL != nil }
}

/// Kills a child process that outlives its time limit: SIGTERM, then SIGKILL two seconds later.
final class Watchdog: @unchecked Sendable {
    // Safe: `item` is set once in init and only cancelled afterwards.
    private let item: DispatchWorkItem

    init(_ process: Process, limit: Duration) {
        let pid = process.processIdentifier
        item = DispatchWorkItem { [process] in
            guard process.isRunning else { return }
            kill(pid, SIGTERM)
            Thread.sleep(forTimeInterval: 2)
            if process.isRunning { kill(pid, SIGKILL) }
        }
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
    }

    func cancel() { item.cancel() }
}

/// Waits for a process to end, at most `limit`; kills it (SIGKILL) and returns false when it does not.
/// Polls `isRunning` rather than calling `waitUntilExit`, which spins a run loop and was seen never to
/// return when called from a test's (cooperative) thread after the child had exited.
@discardableResult
func waitForExit(_ process: Process, limit: Duration) -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    var killed = false
    while process.isRunning {
        if clock.now >= deadline + .seconds(10) { return false }
        if !killed && clock.now >= deadline {
            kill(process.processIdentifier, SIGKILL)
            killed = true
        }
        Thread.sleep(forTimeInterval: 0.01)
    }
    return !killed
}

/// Drains a pipe on another thread so that a chatty stderr never blocks the child.
final class ErrCollector: @unchecked Sendable {
    // Safe: `collected` is written once by the reading thread before `done` is signalled, and read after.
    private var collected = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        DispatchQueue.global().async {
            self.collected = readAll(pipe.fileHandleForReading.fileDescriptor)
            self.done.signal()
        }
    }

    func data() -> Data {
        done.wait()
        return collected
    }
}

/// The JSON object of one output line.
func object(_ line: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
}

/// Everything readable from a descriptor, retrying reads that a signal interrupts.
func readAll(_ descriptor: Int32) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if got > 0 {
            data.append(contentsOf: buffer[0..<got])
        } else if got == 0 {
            return data
        } else if errno != EINTR {
            return data
        }
    }
}

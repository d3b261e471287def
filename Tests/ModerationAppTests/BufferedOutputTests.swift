import Foundation
import TestSupport
import Testing

@testable import ModerationApp

@Suite("Buffered output and line input")
struct BufferedOutputTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    }

    @Test("lines wait until the threshold or a flush, and arrive whole and in order")
    func threshold() throws {
        let path = Self.temporaryPath("out")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let output = BufferedOutput(descriptor: descriptor, threshold: 100, writesEachLine: false)
        try output.line("first")
        try output.line { $0.append(contentsOf: "second".utf8) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        for index in 0..<20 { try output.line("line \(index)") }
        #expect(try !Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        try output.line("last")
        try output.flush()
        let expected = (["first", "second"] + (0..<20).map { "line \($0)" } + ["last"]).map { $0 + "\n" }.joined()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        #expect(output.pending.isEmpty)
    }

    @Test("a terminal-like output writes every line at once")
    func eachLine() throws {
        let path = Self.temporaryPath("out")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(descriptor) }
        let output = BufferedOutput(descriptor: descriptor, writesEachLine: true)
        try output.line("now")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "now\n")
    }

    @Test("partial writes and a full non-blocking pipe lose nothing")
    func partialWrites() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        let drained = Drain(descriptor: readEnd)
        drained.start()
        let output = BufferedOutput(descriptor: writeEnd, threshold: 300_000, writesEachLine: false)
        var expected: [UInt8] = []
        for index in 0..<20_000 {
            let text = "line \(index) " + String(repeating: "x", count: index % 97)
            try output.line(text)
            expected += Array(text.utf8) + [0x0A]
        }
        try output.flush()
        close(writeEnd)
        #expect(drained.wait() == expected)
        close(readEnd)
    }

    @Test("a closed pipe ends the output with Closed, not an error message")
    func brokenPipe() throws {
        signal(SIGPIPE, SIG_IGN)
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        let output = BufferedOutput(descriptor: ends[1], writesEachLine: false)
        try output.line("nobody reads this")
        #expect(throws: BufferedOutput.Closed.self) { try output.flush() }
        #expect(throws: BufferedOutput.Closed.self) { try output.line("nor this") }
    }

    @Test("lines across 256 KB reads, CRLF, long lines and a last line without a break; beforeRead runs before each read")
    func chunkBoundaries() async throws {
        var random = SplitMix64(seed: 42)
        var content: [UInt8] = []
        while content.count < 900_000 {
            let length = Int(random.next() % 3000)
            content += [UInt8](repeating: UInt8(ascii: "a") + UInt8(random.next() % 26), count: length)
            if random.next() % 5 == 0 { content.append(0x0D) }
            content.append(0x0A)
        }
        content += Array("{\"last\":1}".utf8)
        let path = Self.temporaryPath("lines")
        try Data(content).write(to: URL(fileURLWithPath: path))
        let maxBytes = 2000
        let expected: [[UInt8]?] = content.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            guard line.count <= maxBytes else { return nil }
            return Array(line.last == 0x0D ? line.dropLast() : line)
        }
        var seen: [[UInt8]?] = []
        var numbers: [Int] = []
        var reads = 0
        try await InputReader(maxBytes: maxBytes).forEachLine(of: path, beforeRead: { reads += 1 }) { number, line in
            seen.append(line.map { Array($0) })
            numbers.append(number)
            return true
        }
        #expect(seen == expected)
        #expect(numbers == Array(1...expected.count))
        #expect(reads >= 4)
    }
}

/// Reads a descriptor to its end on a thread of its own.
private final class Drain: @unchecked Sendable {
    // `bytes` is written only by the drain thread, and read only after `done` is signalled.
    private var bytes: [UInt8] = []
    private let descriptor: Int32
    private let done = DispatchSemaphore(value: 0)

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func start() {
        Thread.detachNewThread { [self] in
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 4096) }
                if got > 0 {
                    bytes += chunk[0..<got]
                    usleep(50)
                } else if got == 0 || errno != EINTR {
                    break
                }
            }
            done.signal()
        }
    }

    func wait() -> [UInt8] {
        done.wait()
        return bytes
    }
}

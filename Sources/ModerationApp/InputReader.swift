import Foundation

/// Reads comment input from files and standard input without ever holding more than a bound.
public struct InputReader: Sendable {
    /// The most bytes one comment's raw input (a body, or one JSONL line) may have.
    public var maxBytes: Int

    /// Creates a reader.
    public init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// Opens a path for reading, or standard input for `-`.
    public func open(_ path: String) throws(AppError) -> RawInput {
        if path == "-" { return RawInput(descriptor: STDIN_FILENO, owned: false) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw AppError(.noInput, "\(path): no such file")
        }
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw AppError(.noInput, "\(path): cannot be opened (errno \(errno))") }
        return RawInput(descriptor: descriptor, owned: true)
    }

    /// Reads a whole body (a file or stdin) as UTF-8 text, refusing more than `maxBytes` and invalid UTF-8.
    public func readBody(from path: String) throws(AppError) -> String {
        let handle = try open(path)
        var data = Data()
        while true {
            let chunk = try handle.read(upTo: 64 * 1024)
            if chunk.isEmpty { break }
            data.append(chunk)
            if data.count > maxBytes {
                throw AppError(.dataError, "body: the input is over \(maxBytes) bytes; refused without reading further")
            }
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw AppError(.dataError, "body: the input is not valid UTF-8")
        }
        return text
    }

    /// Calls `body` with each line of a JSONL input (1-based number and bytes), or with nil bytes for a
    /// line over `maxBytes` (skipped, not buffered). Stops when `body` returns false. `beforeRead` runs
    /// before each read of the input, which may block: a caller that buffers output flushes it there,
    /// so that nothing it owes waits on input that is slow to come.
    public func forEachLine(
        of path: String, beforeRead: () throws -> Void = {},
        _ body: (Int, Data?) async throws -> Bool
    ) async throws {
        let handle = try open(path)
        var splitter = LineSplitter(maxBytes: maxBytes)
        var lines: [Data?] = []
        while true {
            try beforeRead()
            let chunk = try handle.read(upTo: 256 * 1024)
            if chunk.isEmpty { break }
            lines.removeAll(keepingCapacity: true)
            splitter.feed(chunk) { lines.append($0) }
            for line in lines {
                guard try await body(splitter.nextNumber(), line) else { return }
            }
        }
        if let last = splitter.finish() {
            _ = try await body(splitter.nextNumber(), last)
        }
    }
}

/// Cuts a byte stream into lines without holding more than one line of at most `maxBytes`.
struct LineSplitter {
    let maxBytes: Int
    private var pending = Data()
    private var overlong = false
    private var number = 0

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// The next line's 1-based number.
    mutating func nextNumber() -> Int {
        number += 1
        return number
    }

    /// Emits every line `chunk` completes: its bytes without the line break, or nil when it was too long.
    /// A line that lies wholly inside `chunk` is a slice of it, not a copy.
    mutating func feed(_ chunk: Data, _ emit: (Data?) -> Void) {
        var start = chunk.startIndex
        while start < chunk.endIndex {
            guard let newline = Self.firstNewline(in: chunk, from: start) else {
                append(chunk[start...])
                return
            }
            if pending.isEmpty && !overlong {
                emit(newline - start > maxBytes ? nil : Self.withoutReturn(chunk[start..<newline]))
            } else {
                append(chunk[start..<newline])
                emit(take())
            }
            start = newline + 1
        }
    }

    /// The index of the first line feed in `data` at or after `start`.
    private static func firstNewline(in data: Data, from start: Data.Index) -> Data.Index? {
        data.withUnsafeBytes { raw -> Data.Index? in
            guard let base = raw.baseAddress else { return nil }
            let offset = start - data.startIndex
            guard let found = memchr(base + offset, 0x0A, raw.count - offset) else { return nil }
            return data.startIndex + (UnsafeRawPointer(found) - base)
        }
    }

    /// The line without the carriage return of a CRLF break.
    private static func withoutReturn(_ line: Data) -> Data {
        line.last == 0x0D ? line.dropLast() : line
    }

    /// The last line when the input does not end with a line break.
    mutating func finish() -> Data?? {
        guard overlong || !pending.isEmpty else { return nil }
        return .some(take())
    }

    private mutating func append(_ bytes: Data) {
        guard !overlong else { return }
        if pending.count + bytes.count > maxBytes {
            overlong = true
            pending.removeAll()
        } else {
            pending.append(bytes)
        }
    }

    private mutating func take() -> Data? {
        defer {
            pending = Data()
            overlong = false
        }
        if overlong { return nil }
        return Self.withoutReturn(pending)
    }
}

/// A file descriptor read with plain `read(2)`, retrying when a signal interrupts it.
public final class RawInput {
    private let descriptor: Int32
    private let owned: Bool

    init(descriptor: Int32, owned: Bool) {
        self.descriptor = descriptor
        self.owned = owned
    }

    deinit {
        if owned { close(descriptor) }
    }

    /// Up to `count` bytes; empty at the end of input.
    public func read(upTo count: Int) throws(AppError) -> Data {
        var buffer = Data(count: count)
        while true {
            let got = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, count) }
            if got >= 0 { return buffer.prefix(got) }
            if errno == EINTR || errno == EAGAIN { continue }
            throw AppError(.failure, "reading input failed (errno \(errno))")
        }
    }
}

import Foundation

/// Standard output written in large chunks: lines gather as bytes and leave with `write(2)` once
/// about 64 KB are waiting, when asked (before waiting for input, before an error goes to stderr),
/// and at the end. On a terminal every line leaves at once, as `print` did.
///
/// Used by one task at a time; it is a class so that the closures of a command share one buffer.
public final class BufferedOutput {
    /// Thrown once the reader of the output has gone away (`EPIPE`): the command should stop quietly.
    public struct Closed: Error, Sendable {}

    /// The bytes not yet written.
    public private(set) var pending: [UInt8] = []
    /// The descriptor written to.
    public let descriptor: Int32
    /// How many bytes may wait before a write.
    public let threshold: Int
    /// Whether each line is written at once (a terminal).
    public let writesEachLine: Bool
    private var closed = false

    /// Creates an output for `descriptor`; `writesEachLine` defaults to whether it is a terminal.
    public init(descriptor: Int32 = STDOUT_FILENO, threshold: Int = 64 * 1024, writesEachLine: Bool? = nil) {
        self.descriptor = descriptor
        self.threshold = threshold
        self.writesEachLine = writesEachLine ?? (isatty(descriptor) != 0)
        pending.reserveCapacity(threshold + 4096)
    }

    /// Appends one line: `body` appends its bytes, this appends the line break.
    public func line(_ body: (inout [UInt8]) -> Void) throws {
        guard !closed else { throw Closed() }
        body(&pending)
        pending.append(0x0A)
        if writesEachLine || pending.count >= threshold { try flush() }
    }

    /// Appends one line of text.
    public func line(_ text: String) throws {
        try line { $0.append(contentsOf: text.utf8) }
    }

    /// Writes every waiting byte, retrying after signals and partial writes.
    ///
    /// - Throws: ``Closed`` when the reader has gone (the bytes are dropped); an ``AppError`` for
    ///   any other failure of `write(2)`.
    public func flush() throws {
        guard !pending.isEmpty else { return }
        guard !closed else { throw Closed() }
        defer { pending.removeAll(keepingCapacity: true) }
        var failure: Int32?
        pending.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
                if written >= 0 {
                    offset += written
                } else if errno == EAGAIN {
                    // A non-blocking descriptor that is full: wait until it takes more.
                    var waiter = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&waiter, 1, -1)
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        guard let failure else { return }
        if failure == EPIPE {
            closed = true
            throw Closed()
        }
        throw AppError(.failure, "writing standard output failed (errno \(failure))")
    }
}

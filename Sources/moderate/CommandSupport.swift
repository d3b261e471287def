import ArgumentParser
import Foundation
import ModerationApp

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Whether standard output is a terminal that wants colour (NO_COLOR turns it off).
var stdoutWantsColor: Bool {
    isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
}

/// Runs a command body, turning an ``AppError`` into its lines on stderr and its exit status, and a
/// closed standard output into a quiet end.
func reporting(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as AppError {
        error.lines.forEach(printError)
        throw ExitCode(error.status.rawValue)
    } catch is BufferedOutput.Closed {
        // The reader of standard output went away (a closed pipe): nothing more to say to anyone.
        throw ExitCode.success
    }
}

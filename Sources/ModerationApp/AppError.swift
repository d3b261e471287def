/// The process exit statuses of the command-line contract (sysexits).
public enum ExitStatus: Int32, Sendable {
    /// Success.
    case success = 0
    /// Anything else.
    case failure = 1
    /// Bad usage.
    case usage = 64
    /// Input refused by the policy, or malformed.
    case dataError = 65
    /// An input file is missing.
    case noInput = 66
    /// The database is unreachable.
    case unavailable = 69
    /// A file or folder cannot be created or written (a database in a folder this user may not write).
    case cantCreate = 73
    /// A file is in the way or cannot be read or written (a `-wal` or `-shm` file of another owner).
    case ioError = 74
    /// The configuration is broken: the config file (an unknown key, malformed YAML), `policy.yaml` at
    /// intake, or rules a worker cannot start on.
    case config = 78
}

/// A failure meant for a person: the lines to print on stderr and the exit status.
public struct AppError: Error, Sendable, CustomStringConvertible {
    /// The exit status.
    public var status: ExitStatus
    /// One problem a line.
    public var lines: [String]

    /// Creates an error.
    public init(_ status: ExitStatus, _ lines: [String]) {
        self.status = status
        self.lines = lines
    }

    /// Creates an error with one line.
    public init(_ status: ExitStatus, _ line: String) {
        self.init(status, [line])
    }

    /// The lines joined.
    public var description: String {
        lines.joined(separator: "\n")
    }
}

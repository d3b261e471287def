import Foundation

/// Why a SQLite database path cannot be used, found by looking at the files rather than at SQLite's
/// message (which says "attempt to write a readonly database" for a folder it cannot create the `-wal`
/// file in, and names only the database for a `-shm` file it cannot open).
///
/// SQLite in WAL mode needs the database file, `FILE-wal` and `FILE-shm` beside it, and (to create or
/// remove those two) a writable folder. Permission checks use `access(2)`, through `access` so that
/// tests, which run as root here, can stand in for a user who lacks a permission.
public struct SQLiteFileCheck: Sendable {
    /// What is wrong, with the exit status that fits it.
    public struct Problem: Sendable, Equatable {
        public var status: ExitStatus
        public var message: String
    }

    /// Whether the process may access a path: `access(path, mode) == 0`.
    public typealias Access = @Sendable (_ path: String, _ mode: Int32) -> Bool

    /// The real permission check.
    public static let systemAccess: Access = { path, mode in access(path, mode) == 0 }

    var mayAccess: Access

    /// A check with the process's own permissions (or stand-in ones).
    public init(access: @escaping Access = SQLiteFileCheck.systemAccess) {
        self.mayAccess = access
    }

    /// Problems that show before SQLite is asked: an empty path, a folder given as the database.
    public func beforeOpening(_ path: String) -> Problem? {
        if path.isEmpty {
            return Problem(status: .usage, message: "the database path is empty: give a SQLite file or a postgres:// URL")
        }
        if isFolder(path) {
            return Problem(status: .noInput, message: "database \(path): is a folder, not a SQLite database file")
        }
        for suffix in ["-wal", "-shm"] where isFolder(path + suffix) {
            return Problem(
                status: .ioError,
                message: "database \(path): \(path + suffix) is a folder; SQLite keeps its \(suffix.dropFirst()) file there. "
                    + "Remove or rename it")
        }
        return nil
    }

    /// Why opening `path` failed, when the files say so; nil when they look usable (then SQLite's own
    /// message is the best there is). `writing` is false for commands that open the database read-only.
    public func afterFailure(_ path: String, writing: Bool) -> Problem? {
        if let problem = beforeOpening(path) { return problem }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let exists = FileManager.default.fileExists(atPath: path)
        if exists && !mayAccess(path, R_OK) {
            return Problem(status: .noInput, message: "database \(path): this user may not read the file\(owner(path))")
        }
        for suffix in ["-wal", "-shm"] {
            let side = path + suffix
            // A reader needs to write the shared-memory file too (it records which snapshot it reads).
            let needsWrite = writing || suffix == "-shm"
            if needsWrite, FileManager.default.fileExists(atPath: side), !mayAccess(side, W_OK) {
                return Problem(
                    status: .ioError,
                    message: "database \(path): this user may not write \(side)\(owner(side)). SQLite needs it; "
                        + "if no process has the database open, it is stale: remove it, or fix its owner or mode")
            }
        }
        if writing && exists && !mayAccess(path, W_OK) {
            return Problem(
                status: .cantCreate, message: "database \(path): this user may not write the file\(owner(path))")
        }
        let missingSide = ["-wal", "-shm"].map { path + $0 }.filter { !FileManager.default.fileExists(atPath: $0) }
        if (writing || !missingSide.isEmpty) && !mayAccess(folder, W_OK | X_OK) {
            let what =
                writing
                ? "SQLite creates \(url.lastPathComponent)-wal and \(url.lastPathComponent)-shm there"
                : "\(missingSide.joined(separator: " and ")) do not exist and SQLite cannot create them; "
                    + "they exist while another process (the worker) has the database open"
            return Problem(
                status: .cantCreate,
                message: "database \(path): this user may not write in the folder \(folder)\(owner(folder)): \(what)")
        }
        return nil
    }

    private func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// " (owner NAME, mode 0644)", or nothing when the attributes cannot be read.
    private func owner(_ path: String) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = attributes[.posixPermissions] as? Int
        else { return "" }
        let name = attributes[.ownerAccountName] as? String ?? "?"
        return " (owner \(name), mode \(String(format: "%04o", mode)))"
    }
}

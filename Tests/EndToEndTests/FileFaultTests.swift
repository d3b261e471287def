import Foundation
import Testing

/// SQLite paths that cannot be used, and config files that are wrong, from the command line.
@Suite("SQLite and config faults, end to end")
struct FileFaultTests {
    @Test("an empty --database is a usage error; a folder is named as a folder; a -shm folder is named")
    func sqlitePaths() throws {
        let cli = try CLI()
        let empty = try cli.run(["queue", "list", "--database", ""])
        #expect(empty.status == 64, "\(empty.stderr)")
        #expect(empty.stderr.contains("database path is empty") && !empty.stderr.contains("WAL"), "\(empty.stderr)")

        let folder = cli.directory.path
        for arguments in [["queue", "list"], ["ban", "add", "--email", "x@example.com", "--moderator", "sana"]] {
            let result = try cli.run(arguments + ["--database", folder])
            #expect(result.status == 66, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("database \(folder): is a folder"), "\(result.stderr)")
        }

        let seeded = try cli.run(["submit", "--article", "a1", "--name", "R", "--email", "r@example.com", "--body", "hello"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let database = cli.environment["MODERATE_DATABASE"]!
        try? FileManager.default.removeItem(atPath: database + "-shm")
        try FileManager.default.createDirectory(atPath: database + "-shm", withIntermediateDirectories: false)
        for arguments in [
            ["queue", "list"], ["submit", "--article", "a1", "--name", "R", "--email", "r@example.com", "--body", "x"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 74, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("\(database)-shm is a folder"), "\(result.stderr)")
        }
    }

    @Test("reading commands read a database without creating anything or changing it")
    func readOnlyCommands() throws {
        let cli = try CLI()
        let seeded = try cli.run(["submit", "--article", "a1", "--name", "R", "--email", "r@example.com", "--body", "hello"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(try cli.run(["worker", "--once"]).status == 0)
        for arguments in [
            ["queue", "list", "--state", "all"], ["queue", "show", "1"], ["comments", "--article", "a1"], ["ban", "list"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let missing = cli.directory.appendingPathComponent("nested/none.sqlite").path
        #expect(try cli.run(["queue", "list", "--database", missing]).status == 66)
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("nested").path))
    }

    @Test("an unknown key in the config file exits 78 naming the file, the line and the key")
    func unknownConfigKey() throws {
        let cli = try CLI()
        let config = try cli.write("bad.yaml", Data("rules: Rules\nworker:\n  batch: 5\n  bacth: 7\n".utf8))
        let result = try cli.run(["queue", "list", "--config", config])
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stderr.contains("\(config):4: unknown setting 'worker.bacth'"), "\(result.stderr)")
    }
}

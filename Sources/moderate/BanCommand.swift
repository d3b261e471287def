import ArgumentParser
import Foundation
import ModerationApp
import ModerationStore

/// `moderate ban`: ban an email, IP or name; the worker rejects their comments.
struct BanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ban", abstract: "Ban authors by email, IP (or IP range) or name.",
        discussion: "Example: moderate ban add --email troll@example.com --reason 'repeated abuse' --reject-held",
        subcommands: [Add.self, List.self, Remove.self])
}

/// Exactly one of --email, --ip, --name.
struct BanTarget: ParsableArguments {
    @Option(help: "An email address.") var email: String?
    @Option(help: "An IP address, or a range as ADDRESS/BITS (203.0.113.0/24, 2001:db8::/48).") var ip: String?
    @Option(help: "A commenter name.") var name: String?

    func validate() throws {
        if [email, ip, name].compactMap({ $0 }).count != 1 {
            throw ValidationError("Give exactly one of --email, --ip, --name.")
        }
    }

    var target: (BanKind, String) {
        if let email { return (.email, email) }
        if let ip { return (.ip, ip) }
        return (.name, name ?? "")
    }
}

extension BanCommand {
    /// `ban add`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a ban.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: BanTarget
        @Option(help: "Why.") var reason: String?
        @Option(help: "Who bans (default: MODERATE_MODERATOR or USER).") var moderator: String?
        @Flag(help: "Also reject the held comments the ban applies to, in the same transaction.") var rejectHeld = false

        func run() async throws {
            try await reporting {
                let (kind, value) = target.target
                let canonical: String
                switch BanValue.validated(value, kind: kind) {
                case .success(let valid): canonical = valid
                case .failure(let problem): throw AppError(.usage, problem.description)
                }
                let who = try moderatorName(moderator)
                try await withStore(global, creating: true) { store, _ in
                    let ban = Ban(kind: kind, value: canonical, reason: reason, createdBy: who)
                    guard rejectHeld else {
                        try await store.addBan(ban)
                        print("banned \(kind.rawValue) \(TerminalText.line(canonical))")
                        return
                    }
                    let events = try await store.addBan(
                        ban, rejectingHeldAs: who, reason: "author banned" + (reason.map { ": \($0)" } ?? ""), now: Date())
                    print("banned \(kind.rawValue) \(TerminalText.line(canonical))")
                    for event in events { print("\(event.commentID): held → rejected") }
                    print("\(events.count) held comment\(events.count == 1 ? "" : "s") rejected")
                }
            }
        }
    }

    /// `ban list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List bans.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table or json (one object a line).") var format = "table"

        func validate() throws {
            if !["table", "json"].contains(format) { throw ValidationError("--format is table or json.") }
        }

        func run() async throws {
            try await reporting {
                try await withStore(global, readOnly: true) { store, _ in
                    let bans = try await store.bans()
                    if format == "json" {
                        for ban in bans { print(JSONOutput.line(ban)) }
                        return
                    }
                    print(["KIND", "VALUE", "BY", "SINCE", "REASON"].joined(separator: "\t"))
                    for ban in bans {
                        print(
                            "\(ban.kind.rawValue)\t\(TerminalText.line(ban.value))\t\(TerminalText.line(ban.createdBy))\t\(QueueFormatting.time(ban.createdAt))\t\(TerminalText.line(ban.reason ?? ""))"
                        )
                    }
                    print("\(bans.count) ban\(bans.count == 1 ? "" : "s")")
                }
            }
        }
    }

    /// `ban remove`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a ban.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: BanTarget

        func run() async throws {
            try await reporting {
                try await withStore(global) { store, _ in
                    let (kind, value) = target.target
                    guard try await store.removeBan(kind: kind, value: value) else {
                        throw AppError(
                            .dataError, "no ban on \(kind.rawValue) \(TerminalText.line(BanValue.canonical(value, kind: kind)))")
                    }
                    print("removed the ban on \(kind.rawValue) \(TerminalText.line(BanValue.canonical(value, kind: kind)))")
                }
            }
        }
    }
}

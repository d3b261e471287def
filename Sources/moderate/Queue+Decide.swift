import ArgumentParser
import Foundation
import ModerationApp
import ModerationStore

/// The arguments of `queue approve` and `queue reject`.
struct DecisionOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Comment ids; or none, with filters.") var ids: [Int64] = []
    @OptionGroup var filter: QueueFilter
    @Option(help: "Why (kept in the history).") var reason: String?
    @Option(help: "Who decides (default: MODERATE_MODERATOR or USER).") var moderator: String?
    @Flag(help: "Show what would change without changing it.") var dryRun = false
    @Flag(
        help:
            "Approve even a comment the rules rejected or a moderator decided (by id; without it only held ones are approved), and decide comments another moderator is reviewing."
    )
    var force = false

    func validate() throws {
        if ids.isEmpty && filter.isEmpty {
            throw ValidationError("Name comment ids, or choose them with --state, --article or --rule.")
        }
        if !ids.isEmpty && !filter.isEmpty {
            throw ValidationError("Give ids or filters, not both.")
        }
    }

    /// The states the chosen comments must still be in: by filter, the state they were chosen in (or
    /// already the target); by id, approving takes held comments only unless --force, rejecting any.
    func expecting(_ state: CommentState) -> Set<CommentState>? {
        if ids.isEmpty {
            guard let chosen = filter.filter(defaultState: .held, defaultLimit: nil).state else { return nil }
            return [chosen, state]
        }
        if state == .approved && !force { return [.held, .approved] }
        return nil
    }

    /// Decides the chosen comments (or previews them with --dry-run).
    func decide(_ state: CommentState) async throws {
        try await reporting {
            try await withStore(global) { store, _ in
                var targets = ids
                if ids.isEmpty {
                    targets = try await store.comments(matching: filter.filter(defaultState: .held, defaultLimit: nil)).map(\.id)
                }
                if dryRun {
                    var chosen: [StoredComment] = []
                    for id in targets {
                        guard let stored = try await store.comment(id: id) else {
                            throw AppError(StoreContract.notFound([id]))
                        }
                        chosen.append(stored)
                    }
                    print(QueueFormatting(color: stdoutWantsColor).table(chosen))
                    print("dry run: \(chosen.count) would be \(state.rawValue); nothing changed")
                    return
                }
                guard !targets.isEmpty else {
                    print("no comments match; nothing changed")
                    return
                }
                let events = try await store.decide(
                    targets, state: state, moderator: moderatorName(moderator), reason: reason, expecting: expecting(state),
                    overridingClaims: force, now: Date())
                for event in events { print("\(event.commentID): \(event.from?.rawValue ?? "-") → \(event.to.rawValue)") }
                print(
                    "\(events.count) \(state.rawValue)"
                        + (events.count < targets.count ? ", \(targets.count - events.count) already \(state.rawValue)" : ""))
            }
        }
    }
}

extension Queue {
    /// `queue approve`.
    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve comments by id or by filter.")
        @OptionGroup var options: DecisionOptions
        func run() async throws { try await options.decide(.approved) }
    }

    /// `queue reject`.
    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject comments by id or by filter.")
        @OptionGroup var options: DecisionOptions
        func run() async throws { try await options.decide(.rejected) }
    }

    /// `queue undo`.
    struct Undo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "undo", abstract: "Undo the moderator's last decision (the whole batch of one command).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Whose decision (default: MODERATE_MODERATOR or USER).") var moderator: String?

        func run() async throws {
            try await reporting {
                try await withStore(global) { store, _ in
                    let events = try await store.undoLast(moderator: moderatorName(moderator), now: Date())
                    if events.isEmpty {
                        print("nothing to undo for \(try moderatorName(moderator))")
                    }
                    for event in events {
                        print("\(event.commentID): \(event.from?.rawValue ?? "-") → \(event.to.rawValue) (undone)")
                    }
                }
            }
        }
    }
}

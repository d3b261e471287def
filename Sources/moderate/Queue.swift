import ArgumentParser
import Foundation
import ModerationApp
import ModerationStore

/// `moderate queue`: moderators work the queue.
struct Queue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "List, show, approve, reject and undo.",
        discussion: """
            To work held comments one at a screen, with claims so that two moderators never decide the same \
            comment, use `moderate review`.

            Example: moderate queue list --rule abuse.insult-en --limit 20
            """,
        subcommands: [List.self, Show.self, Approve.self, Reject.self, Undo.self]
    )
}

/// Filters shared by `queue list` and bulk decisions.
struct QueueFilter: ParsableArguments {
    @Option(help: "held, pending, approved, rejected or all.") var state: String?
    @Option(help: "Only this article.") var article: String?
    @Option(help: "Only comments a rule hit.") var rule: String?
    @Option(help: "Only comments from this email address.") var author: String?
    @Option(help: "Only comments after this id (the cursor a truncated listing prints).") var after: Int64?
    @Option(help: "At most this many, oldest first.") var limit: Int?

    var isEmpty: Bool { state == nil && article == nil && rule == nil && author == nil && after == nil }

    func validate() throws {
        if let state, state != "all", CommentState(rawValue: state) == nil {
            throw ValidationError("--state is held, pending, approved, rejected or all.")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func filter(defaultState: CommentState?, defaultLimit: Int?) -> CommentFilter {
        let chosen: CommentState? = state == "all" ? nil : (state.flatMap(CommentState.init(rawValue:)) ?? defaultState)
        return CommentFilter(
            state: chosen, article: article, ruleID: rule, author: author, afterID: after, limit: limit ?? defaultLimit)
    }
}

/// Opens the store of the settings (which must exist unless `creating`: reading commands never create
/// a database; with `readOnly`, a SQLite file is opened without write access), runs `body`, closes it,
/// and turns store errors into exit codes.
func withStore<T>(
    _ global: GlobalOptions, creating: Bool = false, readOnly: Bool = false,
    _ body: (any ModerationStore, Settings) async throws -> T
) async throws -> T {
    let settings = try global.settings()
    let logger = LogSetup.logger(label: "moderate", level: settings.logLevel)
    let store = try await StoreOpener.open(settings, logger: logger, creating: creating, readOnly: readOnly)
    do {
        let value = try await body(store, settings)
        await StoreOpener.close(store)
        return value
    } catch let error as StoreError {
        await StoreOpener.close(store)
        throw AppError(error)
    } catch {
        await StoreOpener.close(store)
        throw error
    }
}

/// The moderator's name: the flag, else MODERATE_MODERATOR, else USER, checked (``ModeratorIdentity``).
func moderatorName(_ flag: String?) throws(AppError) -> String {
    try ModeratorIdentity.resolve(flag: flag, environment: ProcessInfo.processInfo.environment)
}

extension Queue {
    /// `queue list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The queue, oldest first (held by default).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filter: QueueFilter
        @Flag(help: "Every matching comment (no limit).") var all = false
        @Option(help: "table or json (one object a line).") var format = "table"
        @Flag(help: "With --format json, include each comment's history (left out otherwise).") var history = false

        func validate() throws {
            if !["table", "json"].contains(format) { throw ValidationError("--format is table or json.") }
            if all && filter.limit != nil { throw ValidationError("Give --limit or --all, not both.") }
        }

        func run() async throws {
            try await reporting {
                try await withStore(global, readOnly: true) { store, _ in
                    let chosen = filter.filter(defaultState: .held, defaultLimit: all ? nil : 100)
                    let comments = try await store.comments(matching: chosen)
                    let total = try await store.count(matching: chosen)
                    let formatting = QueueFormatting(color: stdoutWantsColor)
                    let paging = QueueFormatting.paging(shown: comments, total: total, after: chosen.afterID)
                    if format == "json" {
                        for stored in comments {
                            print(formatting.showJSON(stored, history: history ? try await store.history(of: stored.id) : nil))
                        }
                        // The objects stay one a line on stdout; how much was left out goes to stderr.
                        if let paging { printError(paging) }
                    } else {
                        print(formatting.table(comments))
                        print(paging ?? "\(comments.count) comment\(comments.count == 1 ? "" : "s")")
                    }
                }
            }
        }
    }

    /// `queue show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One comment: fields, verdict with highlighted matches, history.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The comment id.") var id: Int64
        @Option(help: "text or json.") var format = "text"
        @Flag(help: "Mark matches with [[ ]] instead of colour.") var noColor = false

        func validate() throws {
            if !["text", "json"].contains(format) { throw ValidationError("--format is text or json.") }
        }

        func run() async throws {
            try await reporting {
                try await withStore(global, readOnly: true) { store, _ in
                    guard let stored = try await store.comment(id: id) else {
                        throw AppError(StoreContract.notFound([id]))
                    }
                    let history = try await store.history(of: id)
                    let formatting = QueueFormatting(color: !noColor && stdoutWantsColor)
                    print(
                        format == "json"
                            ? formatting.showJSON(stored, history: history) : formatting.show(stored, history: history))
                }
            }
        }
    }
}

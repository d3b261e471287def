import ArgumentParser
import Foundation
import ModerationApp
import ModerationStore

/// `moderate queue`: moderators work the queue.
struct Queue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "List, show, approve, reject and undo.",
        subcommands: [List.self, Show.self, Approve.self, Reject.self, Undo.self]
    )
}

/// Filters shared by `queue list` and bulk decisions.
struct QueueFilter: ParsableArguments {
    @Option(help: "held, pending, approved, rejected or all.") var state: String?
    @Option(help: "Only this article.") var article: String?
    @Option(help: "Only comments a rule hit.") var rule: String?
    @Option(help: "At most this many, oldest first.") var limit: Int?

    var isEmpty: Bool { state == nil && article == nil && rule == nil }

    func validate() throws {
        if let state, state != "all", CommentState(rawValue: state) == nil {
            throw ValidationError("--state is held, pending, approved, rejected or all.")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func filter(defaultState: CommentState?, defaultLimit: Int?) -> CommentFilter {
        let chosen: CommentState? = state == "all" ? nil : (state.flatMap(CommentState.init(rawValue:)) ?? defaultState)
        return CommentFilter(state: chosen, article: article, ruleID: rule, limit: limit ?? defaultLimit)
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
        @Option(help: "table or json (one object a line).") var format = "table"

        func validate() throws {
            if !["table", "json"].contains(format) { throw ValidationError("--format is table or json.") }
        }

        func run() async throws {
            try await reporting {
                try await withStore(global, readOnly: true) { store, _ in
                    let comments = try await store.comments(matching: filter.filter(defaultState: .held, defaultLimit: 100))
                    let formatting = QueueFormatting(color: stdoutWantsColor)
                    if format == "json" {
                        for stored in comments { print(formatting.showJSON(stored, history: [])) }
                    } else {
                        print(formatting.table(comments))
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
                        throw AppError(.dataError, "comment \(id): no such comment")
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

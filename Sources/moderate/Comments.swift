import ArgumentParser
import ModerationApp
import ModerationStore

/// `moderate comments --article ID`: what the site shows.
struct Comments: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comments", abstract: "Approved comments of an article, oldest first.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The article id.") var article: String
    @Option(help: "text or json (one object a line).") var format = "text"

    func validate() throws {
        if !["text", "json"].contains(format) { throw ValidationError("--format is text or json.") }
    }

    func run() async throws {
        try await reporting {
            try await withStore(global, readOnly: true) { store, _ in
                let comments = try await store.comments(matching: CommentFilter(state: .approved, article: article))
                for stored in comments {
                    if format == "json" {
                        struct Published: Encodable {
                            var id: Int64
                            var name: String
                            var url: String?
                            var body: String
                            var submitted_at: String
                        }
                        print(
                            JSONOutput.line(
                                Published(
                                    id: stored.id, name: stored.comment.name, url: stored.comment.url,
                                    body: stored.comment.body, submitted_at: QueueFormatting.time(stored.comment.submittedAt))))
                    } else {
                        print(
                            "#\(stored.id) \(TerminalText.line(stored.comment.name)) — \(QueueFormatting.time(stored.comment.submittedAt))"
                        )
                        print("  " + TerminalText.block(stored.comment.body))
                        print("")
                    }
                }
                if format == "text" {
                    print("\(comments.count) approved comment\(comments.count == 1 ? "" : "s") on \(TerminalText.line(article))")
                }
            }
        }
    }
}

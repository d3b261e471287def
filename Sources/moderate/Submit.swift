import ArgumentParser
import ModerationApp

/// `moderate submit`: intake one comment or a JSONL batch; accepted comments are stored durably.
struct Submit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit comments: the policy is checked at intake; accepted ones are stored and their ids printed.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: CommentOptions
    @Option(help: "An idempotency key: the same key returns the first submission's id.") var key: String?

    func validate() throws {
        if input.jsonl != nil, key != nil { throw ValidationError("With --jsonl, give each line its own \"key\".") }
    }

    func run() async throws {
        try await reporting {
            try await SubmitRun.run(input.source, key: key, settings: try global.settings())
        }
    }
}

import ArgumentParser

/// `moderate`: comment moderation for a news site — intake, a rules engine on PCRE2, a durable queue.
@main
struct Moderate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moderate",
        abstract: "Check, queue and moderate reader comments against the site's comment policy.",
        subcommands: [Submit.self, Check.self, Worker.self, Queue.self, Review.self, Comments.self, BanCommand.self, Rules.self]
    )
}

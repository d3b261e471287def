import ArgumentParser
import ModerationApp
import ModerationRules

/// One comment from flags, or a JSONL batch, as `submit`, `check` and `rules explain` take it.
struct CommentOptions: ParsableArguments {
    @Option(help: "The article id.") var article: String?
    @Option(help: "The commenter's name.") var name: String?
    @Option(help: "The commenter's email address.") var email: String?
    @Option(help: "The commenter's website.") var url: String?
    @Option(help: "The commenter's IP address.") var ip: String?
    @Option(help: "The comment text (else --body-file, else standard input).") var body: String?
    @Option(name: .customLong("body-file"), help: "A file holding the comment text.") var bodyFile: String?
    @Option(help: "A JSONL file (or - for standard input) of comment objects: article,name,email,url,ip,key,body.")
    var jsonl: String?

    func validate() throws {
        if jsonl != nil, [article, name, email, url, ip, body, bodyFile].contains(where: { $0 != nil }) {
            throw ValidationError("--jsonl reads every field from its lines; do not combine it with comment flags.")
        }
        if body != nil, bodyFile != nil {
            throw ValidationError("Give --body or --body-file, not both.")
        }
    }

    /// Where the comments come from: the JSONL file, or the one comment of the flags.
    var source: CommentSource {
        if let jsonl { return .jsonl(jsonl) }
        return .single(CommentInput(article: article, name: name, email: email, url: url, ip: ip, body: body), bodyFile: bodyFile)
    }
}

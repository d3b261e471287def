import ModerationStore
import TextFolding

/// Finds the ban that applies to an author, comparing canonical forms (``BanValue``) on both sides,
/// so that a ban stored before a canonical form changed still matches; names are compared by their
/// folded skeleton as well (look-alike letters, leetspeak, invisible characters, spacing), so that
/// `trоll king` with a Cyrillic `о` or `troll  king` is still `troll king`.
struct BanMatcher {
    private let normalizer = TextNormalizer()
    private var byKey: [BanKind: [String: Ban]] = [:]

    /// A matcher for `bans`; the oldest ban wins where two have one key.
    init(bans: [Ban]) {
        for ban in bans.reversed() {
            byKey[ban.kind, default: [:]][key(ban.value, kind: ban.kind)] = ban
        }
    }

    /// The ban on the comment's email, IP or name, in that order of preference, or nil.
    func ban(for comment: NewComment) -> Ban? {
        if let ban = byKey[.email]?[key(comment.email, kind: .email)] { return ban }
        if let ip = comment.ip, let ban = byKey[.ip]?[key(ip, kind: .ip)] { return ban }
        return byKey[.name]?[key(comment.name, kind: .name)]
    }

    private func key(_ value: String, kind: BanKind) -> String {
        let canonical = BanValue.canonical(value, kind: kind)
        guard kind == .name else { return canonical }
        return normalizer.fold(canonical).text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

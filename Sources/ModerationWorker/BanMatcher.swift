import ModerationStore
import TextFolding

/// Finds the ban that applies to an author, comparing canonical forms (``BanValue``) on both sides,
/// so that a ban stored before a canonical form changed still matches; names are compared by their
/// folded skeleton as well (look-alike letters, leetspeak, invisible characters, spacing), so that
/// `trоll king` with a Cyrillic `о` or `troll  king` is still `troll king`.
struct BanMatcher {
    private let normalizer = TextNormalizer()
    private var byKey: [BanKind: [String: Ban]] = [:]
    /// IP range bans (`203.0.113.0/24`), oldest first.
    private var ranges: [(range: IPRange, ban: Ban)] = []

    /// A matcher for `bans`; the oldest ban wins where two have one key.
    init(bans: [Ban]) {
        for ban in bans.reversed() {
            byKey[ban.kind, default: [:]][key(ban.value, kind: ban.kind)] = ban
        }
        ranges = bans.compactMap { ban in ban.kind == .ip ? IPRange(ban.value).map { ($0, ban) } : nil }
    }

    /// The ban on the comment's email, IP (or a range holding it) or name, in that order of
    /// preference, or nil.
    func ban(for comment: NewComment) -> Ban? {
        if let ban = byKey[.email]?[key(comment.email, kind: .email)] { return ban }
        if let ip = comment.ip {
            if let ban = byKey[.ip]?[key(ip, kind: .ip)] { return ban }
            let address = BanValue.canonical(ip, kind: .ip)
            if let hit = ranges.first(where: { $0.range.contains(address) }) { return hit.ban }
        }
        return byKey[.name]?[key(comment.name, kind: .name)]
    }

    private func key(_ value: String, kind: BanKind) -> String {
        let canonical = BanValue.canonical(value, kind: kind)
        guard kind == .name else { return canonical }
        return normalizer.fold(canonical).text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// Parses the PCRE2 subset that literal extraction understands into a ``LiteralNode``; returns nil
/// for anything else (the rule then always runs).
///
/// Understood: literal characters and escaped metacharacters, `\Q…\E`, `\x{…}` `\xhh` `\o{…}` `\0oo`
/// `\cX` `\a\e\f\n\r\t`, class escapes `\d\D\w\W\s\S\h\H\v\V\R\N\X` and `\p{…}`/`\P{…}`, `.`,
/// character classes with ranges and POSIX names, assertions `^ $ \b \B \A \z \Z \G \K`, lookarounds,
/// groups `(…)` `(?:…)` `(?|…)` `(?>…)` `(?<name>…)` `(?'name'…)` `(?P<name>…)`, inline options of
/// the letters `imnsUJ` (with `-` and `^`), comments `(?#…)`, backreferences `\1` `\g{…}` `\k<…>`
/// `(?P=…)`, alternation, and the quantifiers `* + ? {n} {n,} {n,m}` with lazy or possessive suffix.
/// Refused: `(?x)` and any `x` option, verbs `(*…)`, conditionals, recursion and subroutine calls,
/// callouts, `\C`, a `{` that is not a quantifier, and anything PCRE2 would reject.
struct LiteralPatternParser {
    let scalars: [UInt32]
    var index = 0
    /// Capturing groups opened so far (PCRE2 numbers them by their opening parenthesis).
    var captureCount = 0
    /// False once `(?|` or the `n` option makes group numbers uncertain.
    var numberingReliable = true
    /// True once an inline option group mentions `i` (even to turn it off).
    var sawCaselessOption = false

    init(_ pattern: String) {
        scalars = pattern.unicodeScalars.map(\.value)
    }

    /// The node for `pattern`, or nil when the pattern uses something outside the subset.
    static func parse(_ pattern: String) -> LiteralNode? {
        parseWithOptions(pattern)?.node
    }

    /// The node, and whether an inline option may turn on caseless matching somewhere.
    static func parseWithOptions(_ pattern: String) -> (node: LiteralNode, inlineCaseless: Bool)? {
        var parser = LiteralPatternParser(pattern)
        guard let node = parser.parseAlternation(), parser.index == parser.scalars.count else { return nil }
        return (node, parser.sawCaselessOption)
    }

    /// The number of a capturing group opening now, or nil when numbers are unreliable.
    mutating func openCapture() -> Int? {
        captureCount += 1
        return numberingReliable ? captureCount : nil
    }

    /// The group body as a capture.
    mutating func captureBody() -> Item? {
        let number = openCapture()
        guard case .node(let inner)? = groupBody(zeroWidth: false) else { return nil }
        return .node(.capture(inner, number: number))
    }

    // MARK: Structure

    var current: UInt32? { index < scalars.count ? scalars[index] : nil }

    func peek(_ offset: Int) -> UInt32? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    mutating func parseAlternation() -> LiteralNode? {
        var branches: [LiteralNode] = []
        while true {
            guard let branch = parseConcat() else { return nil }
            branches.append(branch)
            guard current == ascii("|") else { break }
            index += 1
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    /// What an item before a possible quantifier turned out to be.
    enum Item {
        case node(LiteralNode)
        /// `(?#…)`, `(?i)` and a stray `\E`: nothing to repeat.
        case nothing
        /// `\Q…\E`: literal characters; a quantifier applies to the last one.
        case quoted([UInt32])
    }

    mutating func parseConcat() -> LiteralNode? {
        var items: [LiteralNode] = []
        while let c = current, c != ascii("|"), c != ascii(")") {
            guard let item = parseItem() else { return nil }
            guard let quantifier = parseQuantifier() else { return nil }
            switch item {
            case .node(let node):
                items.append(quantifier.map { .repetition(node, min: $0.min, max: $0.max) } ?? node)
            case .nothing:
                if quantifier != nil { return nil }
            case .quoted(let characters):
                guard let last = characters.last else {
                    if quantifier != nil { return nil }
                    continue
                }
                items.append(contentsOf: characters.dropLast().map { .atom(.scalar($0)) })
                let node = LiteralNode.atom(.scalar(last))
                items.append(quantifier.map { .repetition(node, min: $0.min, max: $0.max) } ?? node)
            }
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concat(items)
        }
    }

    /// Parses a quantifier if one follows. Returns nil for a malformed one, `.some(nil)` for none.
    mutating func parseQuantifier() -> (min: Int, max: Int?)?? {
        guard let bounds = parseQuantifierBounds() else { return nil }
        guard let found = bounds else { return .some(nil) }
        if let c = current, c == ascii("+") || c == ascii("?") { index += 1 }
        // A second quantifier in a row is an error in PCRE2; a `{` that is not one is refused.
        if let c = current, c == ascii("*") || c == ascii("+") || c == ascii("?") || c == ascii("{") { return nil }
        return .some(found)
    }

    mutating func parseQuantifierBounds() -> (min: Int, max: Int?)?? {
        guard let c = current else { return .some(nil) }
        switch c {
        case ascii("*"):
            index += 1
            return .some((0, nil))
        case ascii("+"):
            index += 1
            return .some((1, nil))
        case ascii("?"):
            index += 1
            return .some((0, 1))
        case ascii("{"):
            var position = index + 1
            guard let low = number(at: &position) else { return nil }
            var high: Int? = low
            if position < scalars.count, scalars[position] == ascii(",") {
                position += 1
                high = number(at: &position)
            }
            guard position < scalars.count, scalars[position] == ascii("}"), low <= 65_535 else { return nil }
            if let high, high < low || high > 65_535 { return nil }
            index = position + 1
            return .some((low, high))
        default:
            return .some(nil)
        }
    }

    func number(at position: inout Int) -> Int? {
        var value = 0
        var digits = 0
        while position < scalars.count, let digit = decimalDigit(scalars[position]) {
            value = min(value * 10 + digit, 1_000_000)
            digits += 1
            position += 1
        }
        return digits > 0 ? value : nil
    }

    mutating func parseItem() -> Item? {
        guard let c = current else { return nil }
        switch c {
        case ascii("("):
            return parseGroup()
        case ascii("["):
            return parseClass().map { .node(.atom($0)) }
        case ascii("\\"):
            if peek(1) == ascii("Q") {
                index += 2
                var characters: [UInt32] = []
                while let q = current {
                    if q == ascii("\\"), peek(1) == ascii("E") {
                        index += 2
                        break
                    }
                    characters.append(q)
                    index += 1
                }
                return .quoted(characters)
            }
            if peek(1) == ascii("E") {
                index += 2
                return .nothing
            }
            return parseEscape().map { .node($0) }
        case ascii("."):
            index += 1
            return .node(.atom(.escapeClass(.other)))
        case ascii("^"), ascii("$"):
            index += 1
            return .node(.empty)
        case ascii("*"), ascii("+"), ascii("?"), ascii("{"):
            return nil
        default:
            index += 1
            return .node(.atom(.scalar(c)))
        }
    }

    // MARK: Groups

    mutating func parseGroup() -> Item? {
        // index is at "(".
        guard let next = peek(1) else { return nil }
        if next == ascii("*") { return nil }
        if next != ascii("?") {
            index += 1
            return captureBody()
        }
        guard let kind = peek(2) else { return nil }
        switch kind {
        case ascii("#"):
            index += 3
            while let c = current, c != ascii(")") { index += 1 }
            guard current != nil else { return nil }
            index += 1
            return .nothing
        case ascii(":"), ascii("|"), ascii(">"):
            if kind == ascii("|") { numberingReliable = false }
            index += 3
            return groupBody(zeroWidth: false)
        case ascii("="), ascii("!"):
            index += 3
            return groupBody(zeroWidth: true, positive: kind == ascii("="))
        case ascii("<"):
            if let c = peek(3), c == ascii("=") || c == ascii("!") {
                index += 4
                return groupBody(zeroWidth: true, positive: c == ascii("="))
            }
            index += 3
            guard skipName(until: ascii(">")) else { return nil }
            return captureBody()
        case ascii("'"):
            index += 3
            guard skipName(until: ascii("'")) else { return nil }
            return captureBody()
        case ascii("P"):
            switch peek(3) {
            case ascii("<"):
                index += 4
                guard skipName(until: ascii(">")) else { return nil }
                return captureBody()
            case ascii("="):
                index += 4
                guard skipName(until: ascii(")")) else { return nil }
                return .node(.backreference(nil))
            default:
                return nil
            }
        default:
            return parseOptions()
        }
    }

    /// Parses the inside of a group up to its ")" (index is just past the opening syntax). A
    /// lookaround is zero-width; a positive one keeps its inside as a requirement.
    mutating func groupBody(zeroWidth: Bool, positive: Bool = false) -> Item? {
        guard let inner = parseAlternation(), current == ascii(")") else { return nil }
        index += 1
        guard zeroWidth else { return .node(inner) }
        return .node(positive ? .requirementOnly(inner) : .empty)
    }

    /// `(?imnsUJ-…)` or `(?…:…)`; any other letter, `x` included, is refused.
    mutating func parseOptions() -> Item? {
        var position = index + 2
        let allowed = Set("imnsUJ-^".unicodeScalars.map(\.value))
        while position < scalars.count, allowed.contains(scalars[position]) {
            if scalars[position] == ascii("i") { sawCaselessOption = true }
            if scalars[position] == ascii("n") { numberingReliable = false }
            position += 1
        }
        guard position < scalars.count else { return nil }
        switch scalars[position] {
        case ascii(")"):
            index = position + 1
            return .nothing
        case ascii(":"):
            index = position + 1
            return groupBody(zeroWidth: false)
        default:
            return nil
        }
    }

    mutating func skipName(until terminator: UInt32) -> Bool {
        var length = 0
        while let c = current, c != terminator {
            guard isWordASCII(c) else { return false }
            index += 1
            length += 1
        }
        guard current == terminator, length > 0 else { return false }
        index += 1
        return true
    }
}

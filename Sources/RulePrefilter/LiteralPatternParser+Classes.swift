/// Character classes and the character tests the parser uses.
extension LiteralPatternParser {
    /// A character class (index at "[").
    mutating func parseClass() -> LiteralAtom? {
        index += 1
        var atom = LiteralAtom()
        if current == ascii("^") {
            atom.negated = true
            index += 1
        }
        var first = true
        while true {
            guard let c = current else { return nil }
            if c == ascii("]"), !first {
                index += 1
                return atom
            }
            first = false
            if c == ascii("["), let kind = peek(1), kind == ascii(":") || kind == ascii(".") || kind == ascii("=") {
                guard kind == ascii(":"), let posix = parsePOSIX() else { return nil }
                atom.addClass(posix.kind, categories: posix.categories, spacing: posix.spacing)
                if current == ascii("-"), peek(1) != ascii("]") { return nil }
                continue
            }
            if c == ascii("\\") {
                switch peek(1) {
                case ascii("Q"):
                    index += 2
                    while let q = current {
                        if q == ascii("\\"), peek(1) == ascii("E") {
                            index += 2
                            break
                        }
                        atom.ranges.append(q...q)
                        index += 1
                    }
                    if current == ascii("-"), peek(1) != ascii("]") { return nil }
                    continue
                case ascii("E"):
                    index += 2
                    continue
                case ascii("d"), ascii("D"), ascii("w"), ascii("S"), ascii("H"), ascii("V"):
                    if peek(1) == ascii("d") {
                        atom.addClass(.decimalDigit, categories: ScalarCategories.digits, spacing: .never)
                    } else {
                        atom.addClass(.other, spacing: peek(1) == ascii("w") ? .never : .mixed)
                    }
                    index += 2
                    if current == ascii("-"), peek(1) != ascii("]") { return nil }
                    continue
                case ascii("s"), ascii("h"), ascii("v"), ascii("W"):
                    let spaces = peek(1) != ascii("W")
                    index += 2
                    atom.addClass(
                        .deletable, categories: spaces ? ScalarCategories.spaces : ScalarCategories.all,
                        spacing: spaces ? .only : .mixed)
                    if current == ascii("-"), peek(1) != ascii("]") { return nil }
                    continue
                case ascii("p"), ascii("P"):
                    let negated = peek(1) == ascii("P")
                    index += 2
                    guard let property = parseProperty(negated: negated) else { return nil }
                    atom.addClass(property.kind, categories: property.categories)
                    if current == ascii("-"), peek(1) != ascii("]") { return nil }
                    continue
                default:
                    break
                }
            }
            guard let low = classCharacter() else { return nil }
            if current == ascii("-"), let after = peek(1), after != ascii("]") {
                index += 1
                if after == ascii("[") || (after == ascii("\\") && peek(1).map({ !isCharacterEscapeStart($0) }) ?? true) {
                    return nil
                }
                guard let high = classCharacter(), low <= high else { return nil }
                atom.ranges.append(low...high)
            } else {
                atom.ranges.append(low...low)
            }
        }
    }

    /// One character inside a class: a plain character or a character escape.
    mutating func classCharacter() -> UInt32? {
        guard let c = current else { return nil }
        if c == ascii("\\") {
            return characterEscape(inClass: true)
        }
        index += 1
        return c
    }

    func isCharacterEscapeStart(_ c: UInt32) -> Bool {
        !isAlphanumericASCII(c) || "aefnrtb01234567oxc".unicodeScalars.contains { $0.value == c }
    }

    /// `[:name:]` (index at "["): the class kind, its categories (UCP: `upper` is `\p{Lu}`,
    /// `digit` is `\p{Nd}`, `space` is `\s`, `blank` is `\h`…) and spacing, or nil when malformed.
    mutating func parsePOSIX() -> (kind: LiteralAtom.ClassKind, categories: UInt8, spacing: LiteralAtom.Spacing)? {
        var position = index + 2
        var negated = false
        if position < scalars.count, scalars[position] == ascii("^") {
            negated = true
            position += 1
        }
        var name = ""
        while position < scalars.count, let letter = Unicode.Scalar(scalars[position]),
            ("a"..."z").contains(Character(letter))
        {
            name.unicodeScalars.append(letter)
            position += 1
        }
        guard position + 1 < scalars.count, scalars[position] == ascii(":"), scalars[position + 1] == ascii("]"),
            [
                "alpha", "digit", "alnum", "word", "upper", "lower", "xdigit", "graph", "print",
                "space", "blank", "cntrl", "punct", "ascii",
            ].contains(name)
        else { return nil }
        index = position + 2
        if negated { return (.other, ScalarCategories.all, .mixed) }
        let categories: UInt8 =
            switch name {
            case "upper": ScalarCategories.property("lu")
            case "lower": ScalarCategories.property("ll")
            case "digit": ScalarCategories.digits
            case "space", "blank": ScalarCategories.spaces
            default: ScalarCategories.all
            }
        let spacing: LiteralAtom.Spacing = ["space", "blank"].contains(name) ? .only : .mixed
        return (["space", "blank", "cntrl", "punct"].contains(name) ? .deletable : .other, categories, spacing)
    }

    func ascii(_ character: Unicode.Scalar) -> UInt32 { character.value }

    func decimalDigit(_ c: UInt32) -> Int? {
        (0x30...0x39).contains(c) ? Int(c - 0x30) : nil
    }

    func hexDigit(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }

    func isAlphanumericASCII(_ c: UInt32) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
    }

    func isWordASCII(_ c: UInt32) -> Bool {
        isAlphanumericASCII(c) || c == 0x5F
    }
}

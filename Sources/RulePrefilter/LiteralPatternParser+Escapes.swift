/// Escapes outside and inside classes: class escapes, properties, backreferences, characters.
extension LiteralPatternParser {
    /// An escape outside a class (index at the backslash).
    mutating func parseEscape() -> LiteralNode? {
        guard let c = peek(1) else { return nil }
        index += 2
        if !isAlphanumericASCII(c) { return .atom(.scalar(c)) }
        switch c {
        case ascii("d"):
            return .atom(.escapeClass(.decimalDigit, categories: ScalarCategories.digits, spacing: .never))
        case ascii("w"):
            return .atom(.escapeClass(.other, spacing: .never))
        case ascii("D"), ascii("S"), ascii("H"), ascii("V"):
            return .atom(.escapeClass(.other))
        case ascii("s"), ascii("h"), ascii("v"):
            return .atom(.escapeClass(.deletable, categories: ScalarCategories.spaces, spacing: .only))
        case ascii("R"):
            return .atom(.escapeClass(.deletable, categories: ScalarCategories.spaces))
        case ascii("W"):
            return .atom(.escapeClass(.deletable))
        case ascii("N"):
            if current == ascii("{") {
                guard peek(1) == ascii("U"), peek(2) == ascii("+") else { return nil }
                index += 3
                return braced(radix: 16).map { .atom(.scalar($0)) }
            }
            return .atom(.escapeClass(.other))
        case ascii("p"), ascii("P"):
            return parseProperty(negated: c == ascii("P")).map { .atom(.escapeClass($0.kind, categories: $0.categories)) }
        case ascii("X"):
            return .opaque
        case ascii("b"):
            return .wordBoundary
        case ascii("B"), ascii("A"), ascii("z"), ascii("Z"), ascii("G"), ascii("K"):
            return .empty
        case ascii("1")...ascii("9"):
            var number = Int(c - ascii("0"))
            while let d = current, let digit = decimalDigit(d) {
                number = min(number * 10 + digit, 1_000_000)
                index += 1
            }
            return .backreference(numberingReliable ? number : nil)
        case ascii("g"):
            return parseBackreferenceG()
        case ascii("k"):
            guard let open = current else { return nil }
            let close: UInt32
            switch open {
            case ascii("<"): close = ascii(">")
            case ascii("'"): close = ascii("'")
            case ascii("{"): close = ascii("}")
            default: return nil
            }
            index += 1
            return skipName(until: close) ? .backreference(nil) : nil
        default:
            index -= 2
            return characterEscape(inClass: false).map { .atom(.scalar($0)) }
        }
    }

    /// `\g{n}`, `\g{-n}`, `\gn`, `\g-n`, `\g{name}`: a backreference. `\g<…>` and `\g'…'` are calls: refused.
    mutating func parseBackreferenceG() -> LiteralNode? {
        if current == ascii("{") {
            index += 1
            let relative = current == ascii("-")
            if relative { index += 1 }
            let start = index
            guard skipName(until: ascii("}")) else { return nil }
            let name = scalars[start..<(index - 1)]
            guard !relative, numberingReliable, name.allSatisfy({ decimalDigit($0) != nil }) else { return .backreference(nil) }
            return .backreference(name.reduce(0) { min($0 * 10 + (decimalDigit($1) ?? 0), 1_000_000) })
        }
        let relative = current == ascii("-")
        if relative { index += 1 }
        var digits = 0
        var number = 0
        while let d = current, let digit = decimalDigit(d) {
            number = min(number * 10 + digit, 1_000_000)
            index += 1
            digits += 1
        }
        guard digits > 0 else { return nil }
        return .backreference(relative || !numberingReliable ? nil : number)
    }

    /// A property after `\p` or `\P` (index just past the letter): its kind and the
    /// ``ScalarCategories`` it can match.
    mutating func parseProperty(negated: Bool) -> (kind: LiteralAtom.ClassKind, categories: UInt8)? {
        var name: [UInt32] = []
        guard let c = current else { return nil }
        if c == ascii("{") {
            index += 1
            while let n = current, n != ascii("}") {
                name.append(n)
                index += 1
            }
            guard current == ascii("}") else { return nil }
            index += 1
        } else {
            name = [c]
            index += 1
        }
        var isNegated = negated
        if name.first == ascii("^") {
            isNegated.toggle()
            name.removeFirst()
        }
        let key = String(String.UnicodeScalarView(name.compactMap(Unicode.Scalar.init)))
            .lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" }
        if isNegated {
            return (["xan", "xwd"].contains(key) ? .deletable : .other, ScalarCategories.all)
        }
        if key == "nd" { return (.decimalDigit, ScalarCategories.digits) }
        let categories = ScalarCategories.property(key)
        return (LiteralPatternParser.deletableProperties.contains(key) ? .deletable : .other, categories)
    }

    /// General categories (and PCRE2's space properties) with no letter or number in them.
    static let deletableProperties: Set<String> = [
        "m", "mn", "mc", "me", "p", "pc", "pd", "ps", "pe", "pi", "pf", "po", "s", "sm", "sc", "sk", "so",
        "z", "zs", "zl", "zp", "c", "cc", "cf", "cs", "co", "cn", "xsp", "xps",
    ]

    /// An escape standing for one character (index at the backslash); nil when it is not one.
    mutating func characterEscape(inClass: Bool) -> UInt32? {
        guard let c = peek(1) else { return nil }
        index += 2
        if !isAlphanumericASCII(c) { return c }
        switch c {
        case ascii("a"): return 0x07
        case ascii("e"): return 0x1B
        case ascii("f"): return 0x0C
        case ascii("n"): return 0x0A
        case ascii("r"): return 0x0D
        case ascii("t"): return 0x09
        case ascii("b") where inClass: return 0x08
        case ascii("0"):
            var value: UInt32 = 0
            var count = 0
            while count < 2, let d = current, (ascii("0")...ascii("7")).contains(d) {
                value = value * 8 + (d - ascii("0"))
                index += 1
                count += 1
            }
            return value
        case ascii("1")...ascii("7") where inClass:
            var value = c - ascii("0")
            var count = 1
            while count < 3, let d = current, (ascii("0")...ascii("7")).contains(d) {
                value = value * 8 + (d - ascii("0"))
                index += 1
                count += 1
            }
            return valid(value)
        case ascii("o"):
            guard current == ascii("{") else { return nil }
            return braced(radix: 8)
        case ascii("x"):
            if current == ascii("{") { return braced(radix: 16) }
            var value: UInt32 = 0
            var count = 0
            while count < 2, let d = current, let h = hexDigit(d) {
                value = value * 16 + h
                index += 1
                count += 1
            }
            return value
        case ascii("c"):
            guard let d = current, d >= 0x20, d < 0x7F else { return nil }
            index += 1
            let upper = (ascii("a")...ascii("z")).contains(d) ? d - 0x20 : d
            return upper ^ 0x40
        default:
            return nil
        }
    }

    /// `{digits}` in `radix` (index at the brace).
    mutating func braced(radix: UInt32) -> UInt32? {
        guard current == ascii("{") else { return nil }
        index += 1
        var value: UInt32 = 0
        var count = 0
        while let d = current, let digit = hexDigit(d), digit < radix {
            value = min(value &* radix &+ digit, 0x11_0000)
            index += 1
            count += 1
        }
        guard count > 0, current == ascii("}") else { return nil }
        index += 1
        return valid(value)
    }

    func valid(_ value: UInt32) -> UInt32? {
        value <= 0x10_FFFF && !(0xD800...0xDFFF).contains(value) ? value : nil
    }
}

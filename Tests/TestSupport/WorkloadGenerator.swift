import Foundation

/// A seeded workload of moderation rules and comments, made in memory for tests.
///
/// It follows the shapes of the benchmark's generator (`gen_workload.py`, which lives outside the
/// repository and is not read here): word lists as `\b` alternations, leetspeak classes with
/// separators, suffixes, vowel elongation, diacritic-tolerant Arabic-script words, phrases, links,
/// e-mail addresses, phone numbers, backreferences, shouting (`\p{Lu}{12,}`), lookarounds, spam
/// domains and phrase templates, threats. Comments are English, Urdu and Roman Urdu sentences; a
/// share of them carry a snippet that some rule matches, often disguised (leetspeak, separators,
/// invisible characters, look-alike letters, full-width and enclosed forms, case, repeats, marks).
///
/// The bad words are those of the repository's `Rules/lists` plus synthetic ones, so the workload
/// needs nothing outside the repository. The same seed gives the same workload.
public struct WorkloadGenerator {
    var rng: SeededRandom
    /// English bad words (single words and phrases), Roman Urdu ones, Arabic-script ones.
    public let english: [String], romanUrdu: [String], arabic: [String]

    /// A generator whose every draw follows from `seed`.
    public init(seed: UInt64) {
        rng = SeededRandom(seed: seed)
        var words = SeededRandom(seed: seed ^ 0x5EED)
        // The repository's lists, then synthetic words in the same shapes so that there are enough.
        english =
            Self.listWords(["profanity-en", "insults-en"])
            + Self.syntheticWords(&words, 160, consonants: "bcdfghjklmnpqrstvwxz", vowels: "aeiou")
        romanUrdu =
            Self.listWords(["profanity-ur-latn", "insults-ur-latn"])
            + Self.syntheticWords(&words, 60, consonants: "bcdghjklmnprstz", vowels: "aeiou")
        arabic =
            Self.listWords(["profanity-ur.txt"])
            + Self.syntheticWords(&words, 40, consonants: "بپتجچدرزسشکگلمنہ", vowels: "اوی")
    }

    /// The repository root: the nearest directory above this file that holds a `Package.swift`.
    public static let repositoryRoot: URL? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    /// The words of the lists in `Rules/lists` whose names start with one of `prefixes` (comments and blank lines skipped).
    public static func listWords(_ prefixes: [String]) -> [String] {
        guard let folder = repositoryRoot?.appendingPathComponent("Rules/lists"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        var seen = Set<String>()
        var words: [String] = []
        for name in names.sorted() where prefixes.contains(where: name.hasPrefix) {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                let word = line.trimmingCharacters(in: .whitespaces).lowercased()
                if !word.isEmpty, !word.hasPrefix("#"), seen.insert(word).inserted { words.append(word) }
            }
        }
        return words
    }

    static func syntheticWords(_ rng: inout SeededRandom, _ count: Int, consonants: String, vowels: String) -> [String] {
        let consonants = Array(consonants)
        let vowels = Array(vowels)
        var words = Set<String>()
        var ordered: [String] = []
        while words.count < count {
            var word = ""
            for _ in 0..<Int.random(in: 2...4, using: &rng) {
                word.append(consonants.randomElement(using: &rng)!)
                word.append(vowels.randomElement(using: &rng)!)
            }
            word += ["", "k", "t", "x"].randomElement(using: &rng)!
            if words.insert(word).inserted { ordered.append(word) }
        }
        return ordered
    }

    // MARK: Rules

    /// A literal escaped for PCRE2, a space standing for `\s+`.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == " " {
                out += #"\s+"#
            } else if ".^$|?*+()[]{}\\/#&@-".contains(character) {
                out += "\\" + String(character)
            } else {
                out.append(character)
            }
        }
        return out
    }

    static let leet: [Character: String] = [
        "a": "[a@4]", "e": "[e3]", "i": "[i1!|]", "o": "[o0]", "s": "[s$5]", "t": "[t7+]", "l": "[l1|]",
        "g": "[g9]", "b": "[b8]", "u": "[uv*]",
    ]

    static func leetPattern(_ word: String, separator: String) -> String {
        #"(?i)\b"# + word.filter { $0 != " " }.map { (leet[$0] ?? escape(String($0))) + "+" }.joined(separator: separator)
    }

    static func isWordy(_ word: String) -> Bool {
        word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " '-".contains($0)) }
    }

    /// `count` rules: the fixed core first, then a seeded shuffle of per-word and template rules.
    public mutating func rules(_ count: Int) -> [String] {
        let wordy = english.filter(Self.isWordy)
        let singles = wordy.filter { !$0.contains(" ") && !$0.contains("-") && $0.count >= 3 }
        let roman = romanUrdu.filter(Self.isWordy)
        var core: [String] = []
        let sorted = wordy.sorted { ($0.count, $0) < ($1.count, $1) }
        let chunk = (sorted.count + 5) / 6
        for start in stride(from: 0, to: sorted.count, by: max(chunk, 1)) {
            let words = sorted[start..<min(start + chunk, sorted.count)]
            core.append(#"(?i)\b(?:"# + words.map(Self.escape).joined(separator: "|") + #")\b"#)
        }
        core.append(#"(?i)\b(?:"# + roman.map(Self.escape).joined(separator: "|") + #")\b"#)
        core.append(#"\b(?:"# + arabic.map(Self.escape).joined(separator: "|") + #")\b"#)
        core += Self.coreRules

        var extended: [String] = []
        for word in singles {
            extended.append(Self.leetPattern(word, separator: #"[\W_]*"#) + #"\b"#)
            extended.append(#"(?i)\b"# + Self.escape(word) + #"(?:s|es|ed|er|ers|ing|y|z)?\b"#)
            extended.append(Self.leetPattern(word, separator: "") + #"\w{0,3}\b"#)
            extended.append(#"(?i)\b"# + word.map { Self.escape(String($0)) }.joined(separator: #"[\s.*_-]?"#) + #"\b"#)
        }
        for word in roman where !word.contains(" ") && word.count >= 3 {
            extended.append(#"(?i)\b"# + word.map { Self.escape(String($0)) + "+" }.joined() + #"\b"#)
        }
        for word in arabic where !word.contains(" ") {
            extended.append(#"\b"# + word.map { Self.escape(String($0)) }.joined(separator: #"\p{Mn}*"#) + #"\b"#)
        }
        for phrase in (wordy + roman) where phrase.contains(" ") {
            extended.append(
                #"(?i)\b"#
                    + phrase.split(separator: " ").map { Self.escape(String($0)) }
                    .joined(separator: #"[\s\W_]+"#) + #"\b"#)
        }
        let syllables = [
            "ka", "lo", "mi", "ra", "zen", "tor", "vex", "bet", "win", "cash", "loan", "pill", "spin",
            "lux", "max", "pro", "deal", "fast", "go", "top",
        ]
        let domains = ["com", "net", "xyz", "pk", "online", "site", "info", "club"]
        for _ in 0..<500 {
            let name = (0..<Int.random(in: 2...3, using: &rng)).map { _ in syllables.randomElement(using: &rng)! }.joined()
            let endings = domains.shuffled(using: &rng).prefix(3).joined(separator: "|")
            extended.append(#"(?i)\b"# + name + #"\d{0,4}\.(?:"# + endings + #")\b"#)
        }
        for verb in ["earn", "make", "win", "get", "claim", "grab", "receive", "double"] {
            for object in [
                "cash", "money", "prize", "bonus", "iphone", "gift card", "reward", "bitcoin", "followers",
                "loan", "discount", "jackpot",
            ] {
                let tails = ["now", "today", "instantly", "free", "online", "guaranteed", "fast", "here"]
                    .shuffled(using: &rng).prefix(3).joined(separator: "|")
                extended.append(#"(?i)\b"# + verb + #"\s+(?:\w+\s+){0,2}?"# + Self.escape(object) + #"\s+(?:"# + tails + #")\b"#)
            }
        }
        for act in ["kill", "murder", "beat", "destroy", "hang", "shoot", "burn"] {
            for target in ["you", "your family", "them", "all of you", "him", "her"] {
                extended.append(#"(?i)\b(?:i\s+will|i'll|gonna|going\s+to)\s+"# + act + #"\s+"# + Self.escape(target) + #"\b"#)
            }
        }
        extended.shuffle(using: &rng)
        return Array((core + extended).prefix(count))
    }

    // MARK: Comments

    /// A word of `vocabulary`, the first ones likelier (weight 1/(rank+3)), never `previous`.
    mutating func pick(_ vocabulary: [String], after previous: String?) -> String {
        let total = (0..<vocabulary.count).reduce(0.0) { $0 + 1 / Double($1 + 3) }
        while true {
            var target = Double.random(in: 0..<total, using: &rng)
            var chosen = vocabulary[vocabulary.count - 1]
            for (rank, word) in vocabulary.enumerated() {
                target -= 1 / Double(rank + 3)
                if target < 0 {
                    chosen = word
                    break
                }
            }
            if chosen != previous { return chosen }
        }
    }

    mutating func sentence(_ language: Int) -> String {
        var words: [String] = []
        for _ in 0..<Int.random(in: 4...16, using: &rng) {
            let vocabulary =
                language == 0
                ? Self.englishVocabulary
                : language == 1
                    ? Self.urduVocabulary
                    : Double.random(in: 0..<1, using: &rng) < 0.7 ? Self.romanVocabulary : Self.englishVocabulary
            words.append(pick(vocabulary, after: words.last))
        }
        if Double.random(in: 0..<1, using: &rng) < 0.12 {
            words.insert(Self.capitals.randomElement(using: &rng)!, at: Int.random(in: 0...words.count, using: &rng))
        }
        if Double.random(in: 0..<1, using: &rng) < 0.08 {
            let number =
                language == 1
                ? String((0..<Int.random(in: 1...4, using: &rng)).map { _ in Self.urduDigits.randomElement(using: &rng)! })
                : String(Int.random(in: 1...9_999, using: &rng))
            words.insert(number, at: Int.random(in: 0...words.count, using: &rng))
        }
        if language == 1, Double.random(in: 0..<1, using: &rng) < 0.05 {
            // A haraka after the first letter of a word.
            let index = Int.random(in: 0..<words.count, using: &rng)
            var scalars = Array(words[index].unicodeScalars)
            scalars.insert(["\u{650}", "\u{64E}", "\u{64F}"].randomElement(using: &rng)!, at: 1)
            words[index] = String(String.UnicodeScalarView(scalars))
        }
        var text = words.joined(separator: " ")
        if language != 1, let first = text.first { text = first.uppercased() + text.dropFirst() }
        let ends = language == 1 ? ["۔", "۔", "؟", "!"] : [".", ".", ".", "!", "?", "...", "!!", ""]
        return text + ends.randomElement(using: &rng)!
    }

    /// A snippet some rule matches, or that a rule matches once normalized.
    public mutating func snippet() -> String {
        let englishWords = english.filter { Self.isWordy($0) && !$0.contains(" ") && $0.count >= 3 }
        let romanWords = romanUrdu.filter { Self.isWordy($0) && !$0.contains(" ") }
        let arabicWords = arabic.filter { !$0.contains(" ") }
        switch Double.random(in: 0..<1, using: &rng) {
        case ..<0.30:
            let word = englishWords.randomElement(using: &rng)!
            return [word, word, word.uppercased(), word.capitalized, word + "s", word + "ing"].randomElement(using: &rng)!
        case ..<0.40: return romanWords.randomElement(using: &rng)!
        case ..<0.48: return arabicWords.randomElement(using: &rng)!
        case ..<0.52: return (english + romanUrdu).filter { $0.contains(" ") }.randomElement(using: &rng) ?? "you idiot"
        case ..<0.60:
            let link = [
                "example-deals.xyz", "bit.ly/3xYz9Q", "www.cheap-pills.com", "t.me/freecash_pk",
                "https://win-prize.top/claim?id=\(Int.random(in: 1...99_999, using: &rng))",
                "http://lottery-pk.click/ur", "https://wa.me/923001234567", "zenlux12.pk", "cashwinpro.online",
            ]
            return ["visit ", "check ", "👉 ", "", "yahan dekhein ", "یہاں دیکھیں "].randomElement(using: &rng)!
                + link.randomElement(using: &rng)!
        case ..<0.64:
            return ["ali.khan7@gmail.com", "deals4u@yahoo.com", "promo [at] gmail [dot] com", "win.now (at) mail (dot) pk"]
                .randomElement(using: &rng)!
        case ..<0.70:
            let digits = String((0..<7).map { _ in Self.urduDigits.randomElement(using: &rng)! })
            return [
                "whatsapp 0300-\(Int.random(in: 1_000_000...9_999_999, using: &rng))",
                "+92 321 \(Int.random(in: 1_000_000...9_999_999, using: &rng))", "call me 555-123-4567",
                "رابطہ کریں ۰۳۰۰-" + digits,
            ].randomElement(using: &rng)!
        case ..<0.76:
            return [
                "THIS IS ABSOLUTELY DISGUSTING AND SHAMEFUL", "STOP LYING TO THE PEOPLE OF PAKISTAN NOW",
                "WAKE UP PEOPLE THEY ARE ROBBING US", "sooooooo", "NOOOOOOOO", "!!!!!!!", "????", "lol lol lol",
                "haha haha haha", ".......",
            ].randomElement(using: &rng)!
        case ..<0.86:
            return [
                "work from home and earn $500 per day", "click here for free gift", "check out my channel",
                "Bitcoin investment with guaranteed double profit", "buy followers cheap", "earn 5000 a day",
                "mubarak ho! ap ka inaam nikla hai", "BISP 8171 se rupay hasil karein", "مفت انعام حاصل کریں",
                "win cash prize today", "claim your free bonus now", "grab a gift card instantly",
            ]
            .randomElement(using: &rng)!
        case ..<0.92:
            return [
                "i will kill you", "go die", "kys", "I'm gonna beat you", "i'll burn your family",
                "going to shoot him",
            ].randomElement(using: &rng)!
        default:
            return [
                "pаypal", "ſhit", "bıtch", "fu\u{200B}ck", "ＦＵＣＫ", "😂😂😂😂😂😂😂", "ſex", "\u{212A}KK",
                "price: 500", "a1b2c3d4e5f6g7h8", "4111 1111 1111 1111",
            ].randomElement(using: &rng)!
        }
    }

    /// `text` disguised the ways commenters dodge word lists.
    public mutating func disguise(_ text: String) -> String {
        let leet: [Character: [String]] = [
            "a": ["@", "4"], "e": ["3"], "i": ["1", "!", "|", "ı"], "o": ["0"],
            "s": ["$", "5", "ſ"], "t": ["7", "+"], "l": ["1", "|"], "b": ["8"],
            "u": ["v", "*"], "g": ["9"], "k": ["\u{212A}"],
        ]
        let lookAlike: [Character: String] = ["a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і"]
        var out = ""
        switch Int.random(in: 0..<8, using: &rng) {
        case 0:
            for character in text {
                let choices = leet[Character(character.lowercased())]
                out += choices != nil && Bool.random(using: &rng) ? choices!.randomElement(using: &rng)! : String(character)
            }
        case 1:
            let separator = [".", "*", " ", "_", "-", "\u{200B}", "\u{200D}", "\u{AD}", " . "].randomElement(using: &rng)!
            out = text.map(String.init).joined(separator: separator)
        case 2:
            for character in text {
                out += lookAlike[character].flatMap { Bool.random(using: &rng) ? $0 : nil } ?? String(character)
            }
        case 3:
            // Full-width forms.
            for scalar in text.unicodeScalars {
                if (0x21...0x7E).contains(scalar.value) {
                    out.unicodeScalars.append(Unicode.Scalar(scalar.value + 0xFEE0)!)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        case 4:
            for character in text {
                let repeats = Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: 2...6, using: &rng) : 1
                out += String(repeating: String(character), count: repeats)
            }
        case 5:
            // Harakat and other marks between letters.
            for scalar in text.unicodeScalars {
                out.unicodeScalars.append(scalar)
                if Int.random(in: 0..<3, using: &rng) == 0 {
                    out.unicodeScalars.append(
                        ["\u{64E}", "\u{650}", "\u{651}", "\u{301}", "\u{308}"].randomElement(using: &rng)!)
                }
            }
        case 6:
            out = String(text.map { Bool.random(using: &rng) ? Character($0.uppercased()) : $0 })
        default:
            // Enclosed letters and mathematical alphanumerics.
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if (0x61...0x7A).contains(value), Bool.random(using: &rng) {
                    out.unicodeScalars.append(Unicode.Scalar((Bool.random(using: &rng) ? 0x24D0 : 0x1D41A) + value - 0x61)!)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `count` comments; a share `hitRate` carries a snippet, disguised with probability `disguise`.
    public mutating func comments(_ count: Int, hitRate: Double, disguise disguiseRate: Double = 0.25) -> [String] {
        (0..<count).map { _ in
            let draw = Double.random(in: 0..<1, using: &rng)
            let language = draw < 0.65 ? 0 : draw < 0.82 ? 1 : 2
            let target = Int.random(in: 20...400, using: &rng) * (Int.random(in: 0..<10, using: &rng) == 0 ? 4 : 1)
            var text = ""
            while text.count < target {
                let sentence = sentence(language)
                text += text.isEmpty ? sentence : (Int.random(in: 0..<12, using: &rng) == 0 ? "\n\n" : " ") + sentence
            }
            if Int.random(in: 0..<4, using: &rng) == 0 {
                let emoji = (0..<Int.random(in: 1...3, using: &rng)).map { _ in Self.emoji.randomElement(using: &rng)! }.joined()
                text += " " + emoji
            }
            if Double.random(in: 0..<1, using: &rng) < hitRate {
                var injected = snippet()
                if Double.random(in: 0..<1, using: &rng) < disguiseRate { injected = disguise(injected) }
                let spaces = text.indices.filter { text[$0] == " " }
                if let space = spaces.randomElement(using: &rng), Int.random(in: 0..<5, using: &rng) != 0 {
                    text.insert(contentsOf: " " + injected, at: space)
                } else {
                    text += " " + injected
                }
                if Int.random(in: 0..<20, using: &rng) == 0 { text = text.uppercased() }
            }
            return String(text.prefix(1_500))
        }
    }

    /// `rules` rules and `comments` comments from one seed.
    public mutating func make(rules ruleCount: Int, comments commentCount: Int, hitRate: Double) -> (
        patterns: [String], comments: [String]
    ) {
        let patterns = rules(ruleCount)
        return (patterns, comments(commentCount, hitRate: hitRate))
    }
}

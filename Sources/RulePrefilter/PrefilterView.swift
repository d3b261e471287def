/// A way of looking at folded text in which a rule's literals are searched.
///
/// Every view starts from ``PrefilterFolding``. A match of a pattern, seen through a view, is a
/// substring of the whole text seen through the same view, so a literal that every match shows in
/// a view can be searched for in that view of the text:
/// - ``plain``: the folded text itself.
/// - ``leet``: ASCII leetspeak characters replaced by the letter they stand for (`@4`→a, `3`→e,
///   `1!|l`→i, `0`→o, `$5`→s, `7+`→t, `9`→g, `8`→b, `*v`→u), then every run of one character
///   cut to at most two. Catches `[b8]+[uv*]+[t7+]+` as `butt`.
/// - ``skeleton``: everything but letters and numbers deleted, leetspeak digits replaced as above,
///   runs cut to two. Catches `c[\s.*_-]?o…`, `w+[\W_]*…` and `م\p{Mn}*ف…` as whole words.
public enum PrefilterView: Int, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    /// The folded text.
    case plain = 0
    /// Folded text with leetspeak characters mapped to letters and runs cut to two.
    case leet = 1
    /// Folded letters and numbers only, leetspeak digits mapped, runs cut to two.
    case skeleton = 2

    /// The longest run of one character the view keeps (nil: runs are kept whole).
    var runCap: Int? {
        self == .plain ? nil : 2
    }

    /// The view's character for a folded scalar whose table entry is `entry`; nil when deleted.
    @inline(__always)  // unmeasured
    func map(folded value: UInt32, entry: UInt32) -> UInt32? {
        switch self {
        case .plain:
            return value
        case .leet:
            return value < 0x80 ? UInt32(PrefilterView.leetMap[Int(value)]) : value
        case .skeleton:
            if entry & PrefilterScalarTable.deletableBit != 0 { return nil }
            return value < 0x80 ? UInt32(PrefilterView.leetMap[Int(value)]) : value
        }
    }

    /// ASCII leetspeak replacements shared by the leet and skeleton views (the skeleton view deletes
    /// the symbols before this map is applied).
    static let leetMap: [UInt8] = {
        var map = (0..<128).map { UInt8($0) }
        let groups: [(Character, String)] = [
            ("a", "@4"), ("e", "3"), ("i", "1!|l"), ("o", "0"), ("s", "$5"), ("t", "7+"), ("g", "9"),
            ("b", "8"), ("u", "*v"),
        ]
        for (letter, sources) in groups {
            for source in sources.utf8 { map[Int(source)] = letter.asciiValue! }
        }
        return map
    }()

    // MARK: Word boundaries (plain view)

    /// The plain view also has word boundaries: seen whole (``PrefilterFolding/viewText(_:view:)``),
    /// it holds a marker between two scalars that may differ in being word characters (`\w` under
    /// UCP), and at either end of the text beside one that may be. `\b` in a pattern is that marker,
    /// so `\b(?:ass|tit)\b` requires `⟨b⟩ass⟨b⟩` or `⟨b⟩tit⟨b⟩` and is no candidate for "class" or
    /// "title". A scan writes no markers: it searches a literal's characters and, where they occur,
    /// checks the classes beside them (``LiteralPrefilter``).
    ///
    /// Sound because a marker stands wherever PCRE2 could see a boundary: ASCII letters, digits and
    /// `_`, and letters and numbers the scalar table keeps (``PrefilterScalarTable/deletableBit``,
    /// which follows PCRE2's Unicode version) are word characters; other ASCII is not; any other
    /// scalar (marks, symbols, scalars newer than PCRE2) may be either, and gets a marker on both
    /// sides. Extra markers only admit more texts.
    ///
    /// In literal bytes, until the prefilter turns its markers into conditions, the marker is `0xFF`
    /// (never in UTF-8); in literal strings U+FDD0 (a noncharacter, which patterns cannot use as a
    /// literal); in the algebra's strings `A`, which the folded plain view never holds (it keeps
    /// them one byte, inline).
    static let boundaryByte: UInt8 = 0xFF
    /// The marker in literal strings (``LiteralRequirement/literals``, ``PrefilterFolding/viewText(_:view:)``).
    public static let boundaryScalar: UInt32 = 0xFDD0
    /// The marker in the algebra's plain-view strings.
    static let boundaryCode: UInt32 = 0x41

    /// Word classes of a folded scalar: not a word character, one, or either (PCRE2 may see it as either).
    static let nonWord: UInt8 = 0, word: UInt8 = 1, eitherWord: UInt8 = 2

    /// The word class of a folded scalar whose table entry is `entry`.
    @inline(__always)  // unmeasured
    static func wordClass(folded value: UInt32, entry: UInt32) -> UInt8 {
        if value < 0x80 { return isASCIIWord(value) ? word : nonWord }
        return entry & PrefilterScalarTable.deletableBit == 0 ? word : eitherWord
    }

    /// `0-9`, `a-z`, `A-Z` and `_`.
    @inline(__always)  // unmeasured
    static func isASCIIWord(_ value: UInt32) -> Bool {
        (value >= 0x30 && value <= 0x39) || (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A) || value == 0x5F
    }

    /// Whether a marker stands between scalars of word classes `a` and `b` (the ends of a text count
    /// as ``nonWord``).
    @inline(__always)  // unmeasured
    static func boundaryBetween(_ a: UInt8, _ b: UInt8) -> Bool {
        a != b || a == eitherWord
    }

    /// A short name for reports.
    public var description: String {
        switch self {
        case .plain: "plain"
        case .leet: "leet"
        case .skeleton: "skeleton"
        }
    }
}

import Foundation

/// Word lists: one literal word or phrase a line, turned into one whole-word alternation.
public enum WordList {
    /// The words of a list file: trimmed lines, without blanks and `#` comment lines, duplicates dropped.
    public static func parse(_ text: String) -> [String] {
        var seen = Set<String>()
        var words: [String] = []
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            let word = line.trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty, !word.hasPrefix("#") else { continue }
            if seen.insert(word.lowercased()).inserted { words.append(word) }
        }
        return words
    }

    /// A PCRE2 pattern matching any of `words` as a whole word: not preceded or followed by a letter,
    /// mark, digit or underscore; a space inside a phrase matches any run of white space. Longer
    /// words come first so that the longest phrase wins at a position.
    public static func pattern(for words: [String]) -> String {
        let alternatives =
            words
            .sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
            .map { word in
                word.split(whereSeparator: \.isWhitespace).map { escape(String($0)) }.joined(separator: #"\s+"#)
            }
        let edge = #"[\p{L}\p{M}\p{N}_]"#
        return "(?<!\(edge))(?:\(alternatives.joined(separator: "|")))(?!\(edge))"
    }

    /// `text` with every PCRE2 metacharacter escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if #"\^$.|?*+()[]{}#-/"#.unicodeScalars.contains(scalar) { out.append("\\") }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}

/// Converts UTF-8 byte offsets of a text to character (grapheme cluster) offsets.
struct CharacterOffsets {
    /// The UTF-8 offset at which each character starts, plus the end.
    private let starts: [Int]

    /// Indexes the characters of `text`.
    init(_ text: String) {
        var starts: [Int] = []
        starts.reserveCapacity(text.utf8.count + 1)
        var offset = 0
        for character in text {
            starts.append(offset)
            offset += character.utf8.count
        }
        starts.append(offset)
        self.starts = starts
    }

    /// The character range covering a byte range: the start rounds down and the end rounds up to
    /// character boundaries, so a highlight never splits what a reader sees as one character.
    func characters(covering bytes: Range<Int>) -> Range<Int> {
        let lower = lastStart(atOrBefore: bytes.lowerBound)
        var upper = lastStart(atOrBefore: bytes.upperBound)
        if starts[upper] < bytes.upperBound { upper += 1 }
        return lower..<max(lower, upper)
    }

    /// The UTF-8 byte range of a character range.
    func bytes(of characters: Range<Int>) -> Range<Int> {
        starts[min(characters.lowerBound, starts.count - 1)]..<starts[min(characters.upperBound, starts.count - 1)]
    }

    private func lastStart(atOrBefore offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

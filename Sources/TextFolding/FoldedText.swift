/// The folded form of one text, with a map from folded UTF-8 offsets back to raw UTF-8 offsets.
///
/// Offsets are UTF-8 byte offsets, the unit PCRE2 reports. For every byte of `text` the map keeps
/// the raw range of the raw scalars that produced it; ranges never go backwards, so a folded range
/// maps to the start of its first byte's source and the end of its last byte's source.
public struct FoldedText: Sendable, Equatable {
    /// The folded text: what `normalize: true` rules match.
    public let text: String
    /// The length of the raw text in UTF-8 bytes.
    public let rawUTF8Count: Int
    /// For each UTF-8 byte of `text`, where its raw source starts.
    private let rawStarts: [UInt32]
    /// For each UTF-8 byte of `text`, where its raw source ends.
    private let rawEnds: [UInt32]

    /// Builds a folded text from its UTF-8 bytes and, for each byte, its raw source range.
    init(utf8 bytes: [UInt8], rawStarts: [UInt32], rawEnds: [UInt32], rawUTF8Count: Int) {
        precondition(bytes.count == rawStarts.count && bytes.count == rawEnds.count)
        self.text = String(decoding: bytes, as: UTF8.self)
        self.rawStarts = rawStarts
        self.rawEnds = rawEnds
        self.rawUTF8Count = rawUTF8Count
    }

    /// The length of the folded text in UTF-8 bytes.
    public var foldedUTF8Count: Int { rawStarts.count }

    /// Maps a UTF-8 byte range of `text` to the UTF-8 byte range of the raw text it came from
    /// (the smallest raw range covering every raw scalar that produced any byte of the folded range).
    ///
    /// Bounds outside `0...foldedUTF8Count` are clamped. An empty range maps to an empty raw range
    /// just before the raw source of the folded byte at that offset (at the end of the raw text when
    /// the offset is the end of the folded text).
    public func rawUTF8Range(forFolded range: Range<Int>) -> Range<Int> {
        let count = rawStarts.count
        let lower = min(max(range.lowerBound, 0), count)
        let upper = min(max(range.upperBound, lower), count)
        guard lower < upper else {
            let position = lower < count ? Int(rawStarts[lower]) : rawUTF8Count
            return position..<position
        }
        return Int(rawStarts[lower])..<Int(rawEnds[upper - 1])
    }
}

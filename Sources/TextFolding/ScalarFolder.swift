/// The per-scalar folds: invisibles removed, NFKC, case folding, Latin look-alikes, enclosed
/// letters, and Urdu/Arabic letter variants, diacritics and digits.
///
/// The raw text is cut into pieces that NFKC handles on their own: a starter (canonical combining
/// class 0) with the non-starters after it (Hangul vowel and trailing jamo stay with their
/// syllable). Every scalar NFKC makes from a piece carries the raw range of the whole piece, so
/// ﬁ → "fi" maps both letters back to the ligature's three bytes. Scalars that need no NFKC (ASCII,
/// and single scalars that Unicode says do not change under NFKC case folding) skip Foundation;
/// other single scalars go through `NFKCCache`.
///
/// Invisibles and non-composing Arabic marks are dropped before a piece is formed, so a zero-width
/// joiner between two letters cannot block composition or split a word.
struct ScalarFolder: Sendable {
    /// The Latin look-alike table used for step 4 of the fold.
    let confusables: ConfusableTable

    /// Folds `raw` scalar by scalar into units carrying raw UTF-8 ranges.
    func fold(_ raw: String) -> [FoldUnit] {
        var raw = raw
        return raw.withUTF8 { fold(utf8: $0) }
    }

    /// Folds valid UTF-8. An ASCII byte followed by another ASCII byte cannot take a combining mark,
    /// so it is folded on the spot; everything else goes through a piece.
    private func fold(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [FoldUnit] {
        var units: [FoldUnit] = []
        units.reserveCapacity(bytes.count)
        var piece = Piece()
        let count = bytes.count
        var index = 0
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                if piece.first != nil { flush(&piece, into: &units) }
                let value = UInt32(lead)
                if index + 1 == count || bytes[index + 1] < 0x80 {
                    let upper = (0x41...0x5A).contains(value)
                    units.append(
                        FoldUnit(
                            scalar: upper ? value + 0x20 : value, rawStart: UInt32(index),
                            rawEnd: UInt32(index + 1), wasUppercase: upper))
                } else {
                    piece.first = Unicode.Scalar(lead)
                    piece.start = UInt32(index)
                    piece.end = UInt32(index + 1)
                }
                index += 1
                continue
            }
            let (scalar, width) = Self.decode(bytes, at: index)
            let start = index
            index += width
            let value = scalar.value
            let properties = ScalarProperties.of(value)
            if properties.contains(.invisible) || ArabicScriptFolding.isRemovedBeforeComposition(value) {
                continue
            }
            if piece.first != nil {
                if !properties.contains(.startsPiece) {
                    piece.marks.append(scalar)
                    piece.end = UInt32(index)
                    continue
                }
                flush(&piece, into: &units)
            }
            piece.first = scalar
            piece.start = UInt32(start)
            piece.end = UInt32(index)
        }
        if piece.first != nil { flush(&piece, into: &units) }
        return units
    }

    /// Decodes the multi-byte scalar that starts at `index` of valid UTF-8.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let (value, width) = Self.decodeValue(bytes, at: index)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// The scalar at `index` of valid UTF-8 and its length in bytes (a sequence cut short by the end
    /// of `bytes` decodes from what is there). RulePrefilter's `UTF8Scalar` is the same code, kept
    /// there so its loops inline it (a shared copy across modules cost 3% of a 2,000-rule run).
    @inline(__always)
    private static func decodeValue(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = UInt32(lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07))
        for offset in 1..<min(length, bytes.count - index) { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (value, length)
    }

    /// Folds one piece, appends its units and empties the piece.
    @inline(__always)
    private func flush(_ piece: inout Piece, into units: inout [FoldUnit]) {
        guard let first = piece.first else { return }
        piece.first = nil
        let (start, end) = (piece.start, piece.end)
        if piece.marks.isEmpty {
            let value = first.value
            if value < 0x80 {
                let upper = (0x41...0x5A).contains(value)
                units.append(
                    FoldUnit(
                        scalar: upper ? value + 0x20 : value, rawStart: start,
                        rawEnd: end, wasUppercase: upper))
                return
            }
            if let letter = EnclosedLetters.letter(for: value) {
                units.append(FoldUnit(scalar: letter, rawStart: start, rawEnd: end))
                return
            }
            if !ScalarProperties.of(value).contains(.changesWhenNFKCCaseFolded) {
                foldComposed(first, start: start, end: end, pieceStartIndex: units.count, into: &units)
                return
            }
            // One scalar that NFKC may change: Foundation once per distinct scalar, then the cache.
            let pieceStartIndex = units.count
            for scalar in NFKCCache.shared.composed(first).unicodeScalars {
                foldComposed(scalar, start: start, end: end, pieceStartIndex: pieceStartIndex, into: &units)
            }
            return
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(first)
        scalars.append(contentsOf: piece.marks)
        piece.marks.removeAll(keepingCapacity: true)
        composeAndFold(String(scalars), start: start, end: end, into: &units)
    }

    /// Applies NFKC to a piece of several scalars (through Foundation) and folds what it yields.
    private func composeAndFold(_ text: String, start: UInt32, end: UInt32, into units: inout [FoldUnit]) {
        let pieceStartIndex = units.count
        for scalar in NFKCCache.compatibilityComposed(text).unicodeScalars {
            foldComposed(scalar, start: start, end: end, pieceStartIndex: pieceStartIndex, into: &units)
        }
    }

    /// Folds one scalar after NFKC: removal, Arabic-script canonical forms, case, look-alikes.
    @inline(__always)
    private func foldComposed(
        _ scalar: Unicode.Scalar, start: UInt32, end: UInt32, pieceStartIndex: Int,
        into units: inout [FoldUnit]
    ) {
        let value = scalar.value
        if value < 0x80 {
            let upper = (0x41...0x5A).contains(value)
            units.append(
                FoldUnit(
                    scalar: upper ? value + 0x20 : value, rawStart: start,
                    rawEnd: end, wasUppercase: upper))
            return
        }
        if InvisibleScalars.isInvisible(scalar) || ArabicScriptFolding.isRemovedMark(value) {
            return
        }
        if let canonical = ArabicScriptFolding.canonical(value) {
            units.append(FoldUnit(scalar: canonical, rawStart: start, rawEnd: end))
            return
        }
        if ScalarProperties.of(value).contains(.changesWhenLowercased) {
            for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
                appendLookAlike(
                    lowered, original: scalar, start: start, end: end,
                    pieceStartIndex: pieceStartIndex, into: &units)
            }
        } else {
            appendLookAlike(
                scalar, original: scalar, start: start, end: end,
                pieceStartIndex: pieceStartIndex, into: &units)
        }
    }

    /// Appends the Latin fold of `scalar` (looked up lowercase first, then as the commenter typed it).
    ///
    /// The lowercase lookup comes first so that Greek Ι and Cyrillic І (prototype `l`) fold through
    /// ι and і to `i`; the original lookup catches capitals whose lowercase is no look-alike
    /// (Cyrillic В → b, although в is not b). A nonspacing mark left on an ASCII letter after NFKC
    /// (zalgo overlays, the dot of İ) is dropped: the letter keeps the raw range of the mark.
    @inline(__always)
    private func appendLookAlike(
        _ scalar: Unicode.Scalar, original: Unicode.Scalar, start: UInt32, end: UInt32,
        pieceStartIndex: Int, into units: inout [FoldUnit]
    ) {
        let value = scalar.value
        if value >= 0x80 {
            var packed = confusables.packedTarget(for: value)
            if packed == 0, original != scalar {
                packed = confusables.packedTarget(for: original.value)
            }
            if packed != 0 {
                while packed != 0 {
                    units.append(
                        FoldUnit(
                            scalar: UInt32(packed & 0xFF), rawStart: start,
                            rawEnd: end, wasUppercase: original != scalar))
                    packed >>= 8
                }
                return
            }
            if units.count > pieceStartIndex, let last = units.last, ScalarClass.isASCIILetter(last.scalar),
                ScalarProperties.of(value).contains(.mark)
            {
                return
            }
        }
        units.append(
            FoldUnit(
                scalar: value, rawStart: start, rawEnd: end,
                wasUppercase: original != scalar))
    }
}

/// A starter and the non-starters after it, with the raw UTF-8 range they span.
private struct Piece {
    /// The starter (or a leading non-starter); nil when the piece is empty.
    var first: Unicode.Scalar?
    /// The non-starters after `first`; empty for almost every piece.
    var marks: [Unicode.Scalar] = []
    var start: UInt32 = 0
    var end: UInt32 = 0
}

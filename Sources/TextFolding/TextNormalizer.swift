/// Folds text for matching; build once, share across threads (immutable, Sendable).
///
/// The fold, in order (each step keeps, for every folded scalar, the raw UTF-8 range it came from):
/// 1. NFKC, piece by piece (a starter and its combining marks), so ﬁ → fi maps back to the ligature;
/// 2. case folding (Unicode lowercase mapping);
/// 3. removal of invisibles: zero-width characters, bidi controls, soft hyphen, variation selectors
///    and the rest of Default_Ignorable_Code_Point (done before NFKC, which does not change them);
/// 4. Latin look-alikes from UTS #39 confusables.txt (Cyrillic, Greek, Armenian, Cherokee, …), plus
///    parenthesized and negative circled/squared letters; marks NFKC leaves on an ASCII letter
///    (zalgo) are dropped;
/// 5. leetspeak inside words (`LeetspeakFolding`: 1 → i, 11 → ll);
/// 6. single letters joined across separators (`SeparatorJoining`);
/// 7. masking stars kept as they are (f*ck stays f*ck);
/// 8. runs of three or more of one letter collapsed to one (`RepeatCollapsing`; f, l, s, z inside or
///    at the end of a word to two: asss → ass);
/// 9. Urdu/Arabic: harakat and tatweel removed, letter variants and digits unified
///    (`ArabicScriptFolding`; done with steps 2–4, scalar by scalar).
///
/// Folding is linear in the length of the text; ASCII text never calls into Foundation. Word lists
/// matched against folded text should be folded with the same normalizer.
public struct TextNormalizer: Sendable {
    private let scalarFolder: ScalarFolder

    /// Creates a normalizer that uses the shared, lazily loaded confusables table.
    public init() {
        self.init(confusables: .shared)
    }

    /// Creates a normalizer that uses the given confusables table.
    public init(confusables: ConfusableTable) {
        scalarFolder = ScalarFolder(confusables: confusables)
    }

    /// Folds `raw` and records where every folded byte came from.
    public func fold(_ raw: String) -> FoldedText {
        var units = scalarFolder.fold(raw)
        let count = units.withUnsafeMutableBufferPointer { buffer -> Int in
            LeetspeakFolding.apply(buffer)
            let joined = SeparatorJoining.apply(buffer)
            return RepeatCollapsing.apply(UnsafeMutableBufferPointer(rebasing: buffer[..<joined]))
        }
        units.removeLast(units.count - count)
        return Self.encode(units, rawUTF8Count: raw.utf8.count)
    }

    /// Encodes the folded scalars as UTF-8, giving every byte the raw range of its scalar.
    private static func encode(_ units: [FoldUnit], rawUTF8Count: Int) -> FoldedText {
        var byteCount = 0
        for unit in units { byteCount += Self.utf8Width(unit.scalar) }
        var starts = [UInt32](repeating: 0, count: byteCount)
        var ends = [UInt32](repeating: 0, count: byteCount)
        let bytes = [UInt8](unsafeUninitializedCapacity: byteCount) { bytes, initialized in
            starts.withUnsafeMutableBufferPointer { starts in
                ends.withUnsafeMutableBufferPointer { ends in
                    var index = 0
                    for unit in units {
                        let value = unit.scalar
                        if value < 0x80 {
                            bytes[index] = UInt8(truncatingIfNeeded: value)
                            starts[index] = unit.rawStart
                            ends[index] = unit.rawEnd
                            index += 1
                            continue
                        }
                        for byte in UTF8.encode(Unicode.Scalar(value) ?? "\u{FFFD}")! {
                            bytes[index] = byte
                            starts[index] = unit.rawStart
                            ends[index] = unit.rawEnd
                            index += 1
                        }
                    }
                }
            }
            initialized = byteCount
        }
        return FoldedText(utf8: bytes, rawStarts: starts, rawEnds: ends, rawUTF8Count: rawUTF8Count)
    }

    @inline(__always)
    private static func utf8Width(_ value: UInt32) -> Int {
        switch value {
        case ..<0x80: return 1
        case ..<0x800: return 2
        case ..<0x10000: return 3
        default: return 4
        }
    }
}

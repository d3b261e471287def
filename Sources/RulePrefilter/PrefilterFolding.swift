/// The folding applied to literals and to scanned text alike, so that whenever PCRE2 (UTF + UCP,
/// caseless or not) matches a literal character, the folded text holds the folded literal.
///
/// Per Unicode scalar: `lowercase(uppercase(c))` when both mappings are single scalars, else
/// `lowercase(c)` when that is a single scalar, else `c`; repeated until stable. So `ſ`→`s`,
/// `K` (Kelvin)→`k`, `ς`→`σ`, `É`→`é`, `ẞ`→`ß`, and a scalar without case stays itself.
///
/// Where PCRE2's caseless classes (closures of Unicode's simple case folding) could differ from
/// this fold, the literal extractor does not use the character as a literal at all:
/// - characters whose full case mappings (or those of their case partners) expand to several
///   scalars (`ß`, `ŉ`, `ΐ`/`ΐ`, `ﬅ`/`ﬆ`, Greek letters with ypogegrammeni, Armenian ligatures,
///   Turkish `İ`): Unicode links some of them by simple foldings this fold cannot see;
/// - U+0345 COMBINING GREEK YPOGEGRAMMENI, which PCRE2 makes caseless-equal to `ι`, `Ι` and U+1FBE:
///   it is left unfolded (it is a mark, which the skeleton view deletes) and the iotas are not literals;
/// A test checks every cased scalar against the installed PCRE2. Soundness assumes PCRE2's Unicode
/// version is not newer than the standard library's (Debian's PCRE2 10.42 has Unicode 14; a newer
/// PCRE2 could pair an old letter with a capital the standard library does not know yet).
public enum PrefilterFolding {
    /// UTF-8 bytes of the folded text.
    public static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        fold(text, into: &out)
        return out
    }

    /// Replaces the contents of `buffer` with the UTF-8 bytes of the folded text (reusing its storage).
    public static func fold(_ text: String, into buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        var text = text
        text.withUTF8 { bytes in
            buffer.reserveCapacity(bytes.count)
            let lookup = PrefilterScalarTable.shared.lookup
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    buffer.append(lead | (lead >= 0x41 && lead <= 0x5A ? 0x20 : 0))
                    index += 1
                    continue
                }
                let (value, length) = UTF8Scalar.decode(bytes, at: index)
                index += length
                appendUTF8(lookup.entry(value) & PrefilterScalarTable.foldMask, to: &buffer)
            }
        }
    }

    /// The fold of one scalar.
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        Unicode.Scalar(PrefilterScalarTable.shared.entry(scalar.value) & PrefilterScalarTable.foldMask) ?? scalar
    }

    /// True when the literal extractor refuses `scalar` as a literal character, because PCRE2's
    /// caseless matching might relate it to a character with a different fold.
    public static func isCaselessUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        PrefilterScalarTable.shared.entry(scalar.value) & PrefilterScalarTable.unsafeBit != 0
    }

    /// True when the skeleton view deletes `scalar` (after folding it): not a letter or number.
    public static func isDeletableInSkeleton(_ scalar: Unicode.Scalar) -> Bool {
        PrefilterScalarTable.shared.entry(scalar.value) & PrefilterScalarTable.deletableBit != 0
    }

    /// The folded text seen through `view`, as a string (for tests and explanations; scanning never
    /// builds it). The plain view's word boundary markers are U+FDD0 (``PrefilterView/boundaryScalar``).
    public static func viewText(_ text: String, view: PrefilterView) -> String {
        var out = String.UnicodeScalarView()
        seen(text, view: view, isLiteral: false) { out.append(Unicode.Scalar($0)!) }
        return String(out)
    }

    /// A literal seen through `view`: as ``viewText(_:view:)``, except that the plain view marks
    /// only the boundaries inside it (what is around a literal is unknown) and keeps the markers
    /// it already has (U+FDD0, as the extractor writes `\b`).
    public static func literalText(_ literal: String, view: PrefilterView) -> String {
        var out = String.UnicodeScalarView()
        seen(literal, view: view, isLiteral: true) { out.append(Unicode.Scalar($0)!) }
        return String(out)
    }

    /// The UTF-8 bytes a scan looks for: ``literalText(_:view:)`` with markers as `0xFF`.
    static func literalBytes(_ literal: String, view: PrefilterView) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(literal.utf8.count + 4)
        // No markers between its characters: the prefilter checks only a literal's ends.
        seen(literal, view: view, isLiteral: true, innerMarkers: false) { value in
            if view == .plain, value == PrefilterView.boundaryScalar {
                bytes.append(PrefilterView.boundaryByte)
            } else {
                appendUTF8(value, to: &bytes)
            }
        }
        return bytes
    }

    /// Feeds `emit` the scalars of `text` seen through `view` (markers as U+FDD0; those its
    /// characters imply only with `innerMarkers`).
    private static func seen(
        _ text: String, view: PrefilterView, isLiteral: Bool, innerMarkers: Bool = true,
        emit: (UInt32) -> Void
    ) {
        var last: UInt32 = .max
        var run = 0
        let table = PrefilterScalarTable.shared
        let marks = view == .plain && innerMarkers
        let marker = PrefilterView.boundaryScalar
        var emitted = false
        // A text's ends count as non-word; a literal's are unknown (no marker at either).
        var lastClass = PrefilterView.nonWord
        var started = !isLiteral
        var lastWasMarker = false
        for scalar in text.unicodeScalars {
            if view == .plain, isLiteral, scalar.value == PrefilterView.boundaryScalar {
                if !lastWasMarker { emit(marker) }
                emitted = true
                lastWasMarker = true
                continue
            }
            let entry = table.entry(scalar.value)
            let folded = entry & PrefilterScalarTable.foldMask
            guard let mapped = view.map(folded: folded, entry: entry) else { continue }
            if marks {
                let wordClass = PrefilterView.wordClass(folded: folded, entry: entry)
                if started, !lastWasMarker, PrefilterView.boundaryBetween(lastClass, wordClass) { emit(marker) }
                lastClass = wordClass
                started = true
            }
            lastWasMarker = false
            if mapped == last {
                run += 1
                if let cap = view.runCap, run > cap { continue }
            } else {
                last = mapped
                run = 1
            }
            emit(mapped)
            emitted = true
        }
        if marks, !isLiteral, emitted, !lastWasMarker, PrefilterView.boundaryBetween(lastClass, PrefilterView.nonWord) {
            emit(marker)
        }
    }

    /// Appends the UTF-8 encoding of a scalar value.
    @inline(__always)  // unmeasured
    static func appendUTF8(_ value: UInt32, to buffer: inout [UInt8]) {
        if value < 0x80 {
            buffer.append(UInt8(value))
        } else if value < 0x800 {
            buffer.append(UInt8(0xC0 | (value >> 6)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        } else if value < 0x10000 {
            buffer.append(UInt8(0xE0 | (value >> 12)))
            buffer.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        } else {
            buffer.append(UInt8(0xF0 | (value >> 18)))
            buffer.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            buffer.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}

import Foundation

/// Latin look-alike letters from Unicode's confusables data (UTS #39), folded to ASCII.
///
/// The data is `Resources/Confusables/confusables.txt`, byte for byte as Unicode publishes it
/// (source and license in `LICENSE-confusables.txt` beside it). Each line maps a source scalar to
/// its "prototype". The table keeps an entry only when
/// - the source is not ASCII (ASCII is never rewritten by this table: `m` keeps its shape even though
///   its prototype is "rn", `1` and `I` keep theirs although their prototype is `l`),
/// - the source is not Arabic script (ا → l and ہ → o would mangle Urdu; see `ArabicScriptFolding`)
///   nor Hebrew,
/// - the prototype is made only of ASCII letters and digits.
///
/// The prototype is then lowercased, except that a multi-letter prototype that is the prototype of
/// an ASCII letter folds to that letter (a look-alike of `m`, whose prototype is "rn", folds to `m`).
/// Fullwidth, mathematical and circled letters do not need the table: NFKC maps them first.
public struct ConfusableTable: Sendable {
    /// The table read from the bundled `confusables.txt`, loaded once at first use (thread-safe).
    public static let shared: ConfusableTable = loadBundled()

    /// Folded targets keyed by source scalar: up to 8 ASCII bytes packed low byte first.
    private let targets: [UInt32: UInt64]

    /// Whether the bundled data was found (false only when the binary was moved without its resources).
    public var isAvailable: Bool { !targets.isEmpty }

    /// The number of scalars the table folds.
    public var count: Int { targets.count }

    /// Parses the text of a UTS #39 `confusables.txt` file.
    public init(parsing text: String) {
        var text = text
        targets = text.withUTF8 { Self.parse($0) }
    }

    /// The ASCII bytes that `value` folds to, packed low byte first; 0 when it is not in the table.
    @inline(__always)
    func packedTarget(for value: UInt32) -> UInt64 {
        targets[value] ?? 0
    }

    /// The ASCII string that `scalar` folds to, or nil when it is not in the table.
    public func target(for scalar: Unicode.Scalar) -> String? {
        var packed = packedTarget(for: scalar.value)
        guard packed != 0 else { return nil }
        var bytes: [UInt8] = []
        while packed != 0 {
            bytes.append(UInt8(truncatingIfNeeded: packed))
            packed >>= 8
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func loadBundled() -> ConfusableTable {
        guard
            let url = Bundle.module.url(
                forResource: "confusables", withExtension: "txt", subdirectory: "Confusables"),
            let data = try? Data(contentsOf: url)
        else {
            // The binary was moved without its resource bundle: fold nothing here, and let the rules
            // loader refuse normalize rules (see `isAvailable`) rather than crash a worker.
            return ConfusableTable(parsing: "")
        }
        return ConfusableTable(parsing: String(decoding: data, as: UTF8.self))
    }

    // MARK: Parsing

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt32: UInt64] {
        var prototypesOfASCII: [UInt32: [UInt8]] = [:]
        var candidates: [(source: UInt32, prototype: [UInt8])] = []
        candidates.reserveCapacity(2048)

        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if let (source, prototype) = parseLine(bytes, from: lineStart, to: lineEnd) {
                if source < 0x80 {
                    prototypesOfASCII[source] = prototype
                } else if !ArabicScriptFolding.isArabicScript(source), !isHebrew(source) {
                    candidates.append((source, prototype))
                }
            }
            lineStart = lineEnd + 1
        }

        // A multi-letter prototype that stands for an ASCII letter ("rn" for m) folds to that letter.
        var letterForPrototype: [[UInt8]: UInt8] = [:]
        for letter in UInt8(ascii: "a")...UInt8(ascii: "z") {
            if let prototype = prototypesOfASCII[UInt32(letter)], prototype.count > 1 {
                letterForPrototype[prototype] = letter
            }
        }

        var targets: [UInt32: UInt64] = [:]
        targets.reserveCapacity(candidates.count)
        for (source, prototype) in candidates where prototype.count <= 8 {
            let folded: [UInt8]
            if prototype.count > 1, let letter = letterForPrototype[prototype] {
                folded = [letter]
            } else {
                folded = prototype.map(lowercased)
            }
            var packed: UInt64 = 0
            for byte in folded.reversed() { packed = packed << 8 | UInt64(byte) }
            targets[source] = packed
        }
        return targets
    }

    /// Parses `SOURCE ; TARGET TARGET… ; TYPE # comment`, keeping only ASCII alphanumeric targets.
    private static func parseLine(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    ) -> (UInt32, [UInt8])? {
        var index = start
        // Skip a byte order mark at the start of the file.
        if end - index >= 3, bytes[index] == 0xEF, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
            index += 3
        }
        guard let (source, afterSource) = parseHex(bytes, from: index, to: end) else { return nil }
        index = skipBlanks(bytes, from: afterSource, to: end)
        guard index < end, bytes[index] == UInt8(ascii: ";") else { return nil }
        index += 1

        var prototype: [UInt8] = []
        while true {
            index = skipBlanks(bytes, from: index, to: end)
            guard let (value, next) = parseHex(bytes, from: index, to: end) else { break }
            guard value < 0x80, isASCIIAlphanumeric(UInt8(value)) else { return nil }
            prototype.append(UInt8(value))
            index = next
        }
        guard index < end, bytes[index] == UInt8(ascii: ";"), !prototype.isEmpty else { return nil }
        return (source, prototype)
    }

    private static func parseHex(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    ) -> (UInt32, Int)? {
        var value: UInt32 = 0
        var index = start
        while index < end, index - start < 8 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            default: return index > start ? (value, index) : nil
            }
            value = value << 4 | digit
            index += 1
        }
        return index > start ? (value, index) : nil
    }

    private static func skipBlanks(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index
    }

    /// Hebrew letters are skipped like Arabic ones (ו is not l, ס is not o): an RTL script whose
    /// words would otherwise turn into Latin fragments.
    private static func isHebrew(_ value: UInt32) -> Bool {
        (0x0590...0x05FF).contains(value) || (0xFB1D...0xFB4F).contains(value)
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte
    }
}

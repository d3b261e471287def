import Testing

@testable import TextFolding

@Suite("Precomputed scalar properties")
struct ScalarPropertiesTests {
    /// Every 5th BMP scalar and a few astral ones: the table must agree with the standard library.
    static let samples: [UInt32] =
        Array(stride(from: 0, to: 0x10000, by: 5))
        + [0x1D41F, 0x1F600, 0x1F3FD, 0xE0001, 0xE0100, 0x1F150, 0x10FFFF]

    @Test("the table agrees with Unicode.Scalar.Properties")
    func agreesWithStandardLibrary() {
        var mismatches: [UInt32] = []
        for value in Self.samples {
            guard let scalar = Unicode.Scalar(value) else {
                #expect(ScalarProperties.of(value) == [])
                continue
            }
            let properties = scalar.properties
            let flags = ScalarProperties.of(value)
            let category = properties.generalCategory
            let agrees =
                flags.contains(.alphabetic) == properties.isAlphabetic
                && flags.contains(.whitespace) == properties.isWhitespace
                && flags.contains(.changesWhenLowercased) == properties.changesWhenLowercased
                && flags.contains(.changesWhenNFKCCaseFolded) == properties.changesWhenNFKCCaseFolded
                && flags.contains(.mark) == (category == .nonspacingMark || category == .enclosingMark)
                && flags.contains(.decimalDigit) == (properties.numericType == .decimal)
                && (flags.contains(.invisible) || !properties.isDefaultIgnorableCodePoint)
            if !agrees { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test(
        "invisibles named by the design are flagged",
        arguments: [
            0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069,
            0x061C, 0x00AD, 0xFE00, 0xFE0F, 0xE0100, 0xE01EF,
        ] as [UInt32])
    func invisibles(_ value: UInt32) {
        #expect(InvisibleScalars.isInvisible(Unicode.Scalar(value)!))
    }

    @Test("combining marks do not start a piece; letters, Hangul vowels aside, do")
    func pieces() {
        #expect(!ScalarProperties.of(0x0301).contains(.startsPiece))
        #expect(!ScalarProperties.of(0x0654).contains(.startsPiece))
        #expect(!ScalarProperties.of(0x1161).contains(.startsPiece))
        #expect(ScalarProperties.of(0x0627).contains(.startsPiece))
        #expect(ScalarProperties.of(0x00E9).contains(.startsPiece))
    }
}

/// Folds for Urdu and Arabic script: diacritics and tatweel removed, letter variants unified,
/// Arabic-Indic digits made ASCII.
///
/// Canonical letters (Urdu forms, because the site's Urdu readers type Urdu):
/// - yeh: Arabic ي (U+064A) and alef maksura ى (U+0649) → Farsi/Urdu yeh ی (U+06CC);
///   yeh barree ے (U+06D2) stays distinct.
/// - kaf: Arabic ك (U+0643) → keheh ک (U+06A9).
/// - heh: Arabic ه (U+0647), do-chashmi ھ (U+06BE), heh goal with hamza ۂ (U+06C2), teh marbuta
///   ة (U+0629) and teh marbuta goal ۃ (U+06C3) → heh goal ہ (U+06C1). This merges ھ (aspiration, as
///   in بھائی) with ہ: commenters on Arabic keyboards type ه for both, so one form is the only way to
///   match both spellings. Word lists matched against folded text must be folded the same way.
/// - alef: hamza forms أ (U+0623) and إ (U+0625) and alef wasla ٱ (U+0671) → ا (U+0627); alef madda
///   آ (U+0622) stays, because it is a letter of its own in Urdu (آپ).
/// - digits: Arabic-Indic ٠–٩ (U+0660–U+0669) and Extended Arabic-Indic ۰–۹ (U+06F0–U+06F9) → 0–9.
///
/// Arabic-script letters are never folded to Latin look-alikes (ا is not l, ہ is not o): the
/// confusables loader skips Arabic-script sources.
enum ArabicScriptFolding {
    /// Whether the scalar is an Arabic-script mark or tatweel that the fold removes.
    ///
    /// Harakat U+064B–U+065F, superscript alef U+0670, Quranic annotation signs U+0610–U+061A and
    /// U+06D6–U+06ED, Arabic Extended-A marks U+08D3–U+08FF, isolated and medial harakat forms
    /// U+FE70–U+FE7F, and tatweel U+0640.
    @inline(__always)
    static func isRemovedMark(_ value: UInt32) -> Bool {
        switch value {
        case 0x0610...0x061A, 0x0640, 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x08D3...0x08FF,
            0xFE70...0xFE7F:
            return true
        default:
            return false
        }
    }

    /// Whether the scalar can be removed before NFKC without changing what NFKC composes.
    ///
    /// Madda above (U+0653) and hamza above/below (U+0654, U+0655) compose with alef, waw, yeh,
    /// heh goal and yeh barree (ا + ٓ → آ, ی + ٔ → ئ), so they are kept until after composition.
    @inline(__always)
    static func isRemovedBeforeComposition(_ value: UInt32) -> Bool {
        isRemovedMark(value) && !(0x0653...0x0655).contains(value)
    }

    /// Whether the scalar belongs to the Arabic script blocks, whose letters are never folded to Latin.
    @inline(__always)
    static func isArabicScript(_ value: UInt32) -> Bool {
        switch value {
        case 0x0600...0x06FF, 0x0750...0x077F, 0x0870...0x089F, 0x08A0...0x08FF,
            0xFB50...0xFDFF, 0xFE70...0xFEFF, 0x10E60...0x10E7F, 0x1EC70...0x1ECBF,
            0x1ED00...0x1ED4F, 0x1EE00...0x1EEFF:
            return true
        default:
            return false
        }
    }

    /// The canonical form of an Arabic-script letter variant or digit, or nil when it has none.
    @inline(__always)
    static func canonical(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x064A, 0x0649: return 0x06CC  // ي ى → ی
        case 0x0643: return 0x06A9  // ك → ک
        case 0x0647, 0x06BE, 0x06C2, 0x0629, 0x06C3: return 0x06C1  // ه ھ ۂ ة ۃ → ہ
        case 0x0623, 0x0625, 0x0671: return 0x0627  // أ إ ٱ → ا
        case 0x0660...0x0669: return value - 0x0660 + 0x30  // ٠–٩ → 0–9
        case 0x06F0...0x06F9: return value - 0x06F0 + 0x30  // ۰–۹ → 0–9
        default: return nil
        }
    }
}

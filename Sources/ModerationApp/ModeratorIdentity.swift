/// Who a moderator's action is recorded as: the `--moderator` flag, else `MODERATE_MODERATOR`, else
/// the login name in `USER`. An action without a name is refused rather than recorded as anyone.
public enum ModeratorIdentity {
    /// The most characters a moderator name may have.
    public static let maxLength = 64

    /// The name to record, or an ``AppError`` (exit 64) saying why none can be used: missing, blank,
    /// longer than ``maxLength``, holding a control or line break, or starting with `worker@`, which
    /// the queue workers' own actions use.
    public static func resolve(flag: String?, environment: [String: String]) throws(AppError) -> String {
        let source: String
        let given: String
        if let flag {
            (source, given) = ("--moderator", flag)
        } else if let value = environment["MODERATE_MODERATOR"] {
            (source, given) = ("MODERATE_MODERATOR", value)
        } else if let value = environment["USER"], !value.isEmpty {
            (source, given) = ("USER", value)
        } else {
            throw AppError(.usage, "moderator: required; give --moderator NAME or set MODERATE_MODERATOR")
        }
        let name = given.trimmingSpaces()
        if name.isEmpty { throw AppError(.usage, "moderator (\(source)): blank") }
        if TerminalText.needsMarking(name) {
            throw AppError(.usage, "moderator (\(source)): holds a control character or line break")
        }
        if name.count > maxLength {
            throw AppError(.usage, "moderator (\(source)): \(name.count) characters, the limit is \(maxLength)")
        }
        if name.lowercased().hasPrefix("worker@") {
            throw AppError(.usage, "moderator (\(source)): names starting with worker@ belong to the queue workers")
        }
        return name
    }
}

extension String {
    /// The string without leading and trailing spaces (U+0020).
    fileprivate func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}

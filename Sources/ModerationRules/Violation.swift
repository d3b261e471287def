import FieldText

/// One way a comment breaks the form policy; each names the field, the limit and the count.
public struct Violation: Sendable, Codable, Equatable {
    /// What is wrong.
    public enum Problem: String, Codable, Sendable {
        /// A required field is missing, or shows nothing (white space, invisible characters).
        case required
        /// The field is longer than its limit.
        case tooLong = "too_long"
        /// The field does not have the required form (e.g. an email address).
        case format
        /// The field holds a control character it may not hold (``character``).
        case invalid
        /// One character of the field is made of more scalars than ``Policy/maxScalarsPerCharacter``.
        case characterTooLong = "character_too_long"
        /// The field has more UTF-8 bytes than its limit.
        case tooManyBytes = "too_many_bytes"
    }

    /// The field.
    public var field: CommentField
    /// What is wrong with it.
    public var problem: Problem
    /// The limit, for `tooLong`.
    public var limit: Int?
    /// The field's length, for `tooLong`.
    public var count: Int?
    /// The unit of `limit` and `count`, for `tooLong`.
    public var unit: LengthUnit?
    /// The refused control character's scalar value, for `invalid`.
    public var character: UInt32?

    /// Creates a violation.
    public init(
        field: CommentField, problem: Problem, limit: Int? = nil, count: Int? = nil, unit: LengthUnit? = nil,
        character: UInt32? = nil
    ) {
        self.field = field
        self.problem = problem
        self.limit = limit
        self.count = count
        self.unit = unit
        self.character = character
    }

    /// A sentence for a person: `body: 1,523 characters, the limit is 1,500`.
    public var message: String {
        switch problem {
        case .required:
            return "\(field.rawValue): required, and missing or blank"
        case .tooLong:
            let noun = (unit ?? .characters).noun
            return "\(field.rawValue): \((count ?? 0).grouped) \(noun), the limit is \((limit ?? 0).grouped)"
        case .format:
            return "\(field.rawValue): not in the required format"
        case .invalid:
            return ControlCharacters.message(
                field: field.rawValue, scalar: character.flatMap(Unicode.Scalar.init), allowsLineBreaks: field == .body)
        case .characterTooLong:
            return
                "\(field.rawValue): a character made of \((count ?? 0).grouped) code points, the limit is \((limit ?? 0).grouped) a character"
        case .tooManyBytes:
            return "\(field.rawValue): \((count ?? 0).grouped) bytes, the limit is \((limit ?? 0).grouped)"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case field, problem, limit, count, unit, character, message
    }

    /// Decodes a violation (the message is derived, so it is ignored).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        field = try container.decode(CommentField.self, forKey: .field)
        problem = try container.decode(Problem.self, forKey: .problem)
        limit = try container.decodeIfPresent(Int.self, forKey: .limit)
        count = try container.decodeIfPresent(Int.self, forKey: .count)
        unit = try container.decodeIfPresent(LengthUnit.self, forKey: .unit)
        character = try container.decodeIfPresent(UInt32.self, forKey: .character)
    }

    /// Encodes the violation with its message.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(problem, forKey: .problem)
        try container.encodeIfPresent(limit, forKey: .limit)
        try container.encodeIfPresent(count, forKey: .count)
        try container.encodeIfPresent(unit, forKey: .unit)
        try container.encodeIfPresent(character, forKey: .character)
        try container.encode(message, forKey: .message)
    }
}

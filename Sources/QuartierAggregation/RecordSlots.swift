import QuartierTable

/// For a file that holds several years: the field that says which counts (slot) a record goes to.
/// A record of a year not asked for goes to none (it is not one of the run's records: counted as
/// `otherSlots`); a field that names no year is an error naming the file, line and field.
public struct RecordSlots: Sendable {
    /// The field's name.
    public var field: String
    /// The number of slots (years).
    public var count: Int
    /// What the field should hold, for the error message (`a year such as 2021`).
    public var expected: String
    /// The slot of a field's bytes: 0 ..< count, −1 for a year not asked for, nil when the field names no year.
    public var slot: @Sendable (UnsafeBufferPointer<UInt8>) -> Int?

    public init(field: String, count: Int, expected: String, slot: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Int?) {
        self.field = field
        self.count = count
        self.expected = expected
        self.slot = slot
    }
}

extension CSVFields {
    /// Field `index` as a filter or a sum reads it — the one missing-value rule of `table scan`,
    /// `aggregate` and `run` (docs/expressions.md): the number (the record's decimal style,
    /// `FieldNumber`), NaN for a missing value (an empty cell, one of `markers`, a value in
    /// `sentinels`), nil when the field holds anything else (the caller says what it expected).
    @inlinable
    public func value(_ index: Int, sentinels: Set<Double>?, markers: Set<String>) -> Double? {
        if let value = double(index) {
            if let sentinels, sentinels.contains(value) { return .nan }
            return value
        }
        if isBlank(index) || isMarker(index, in: markers) { return .nan }
        return nil
    }

    /// A text comparison's value (`CompiledFilter.texts`): 1 when field `index`, trimmed, equals
    /// `text`, 0 when not, NaN when the field is empty.
    public func textValue(_ index: Int, equals text: String) -> Double {
        if isBlank(index) { return .nan }
        return string(index).trimmingCharacters(in: .whitespaces) == text ? 1 : 0
    }
}

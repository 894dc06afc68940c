import QuartierBase
import QuartierGeometry

extension AreaSet {
    /// The numeric property `field` of every area: a number, or nil when the property is null or absent.
    ///
    /// - Throws: `InputError` naming the feature and field when no area has the property, or a value is
    ///   text, boolean or JSON (found) rather than a number (expected).
    public func numbers(field: String) throws(InputError) -> [Double?] {
        var present = false
        var result: [Double?] = []
        result.reserveCapacity(areas.count)
        for area in areas {
            guard let value = area.properties.first(where: { $0.name == field })?.value else { result.append(nil); continue }
            present = true
            switch value {
            case .null: result.append(nil)
            case .integer, .number:
                let number = value.number!
                guard number.isFinite else {
                    throw InputError(location(of: area, field: field), found: "\(number)", expected: "a finite number")
                }
                result.append(number)
            default:
                throw InputError(location(of: area, field: field), found: "\(value.typeName) \"\(value.text ?? "")\"", expected: "a number or null")
            }
        }
        guard present else {
            throw InputError(InputLocation(file: source, field: field), found: "no property \"\(field)\"",
                             expected: "one of: \(FeatureFile.propertyNames(areas.map { Feature(geometry: nil, properties: $0.properties) }).joined(separator: ", "))")
        }
        return result
    }

    /// The areas whose `field` holds a number, and the ids of those without one.
    public func requiringNumbers(field: String) throws(InputError) -> (set: AreaSet, values: [Double], missing: [String]) {
        let numbers = try numbers(field: field)
        var kept = self
        kept.areas = []
        var values: [Double] = []
        var missing: [String] = []
        for (area, value) in zip(areas, numbers) {
            if let value { kept.areas.append(area); values.append(value) } else { missing.append(area.id) }
        }
        return (kept, values, missing)
    }
}

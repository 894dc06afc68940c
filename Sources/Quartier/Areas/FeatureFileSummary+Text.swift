import QuartierGeometry

extension FeatureFileSummary {
    /// The summary as `quartier areas info` prints it.
    public var text: String {
        var lines: [String] = []
        lines.append("file: \(path)")
        lines.append("format: \(format.rawValue)" + (layer.map { ", layer \($0)" } ?? ""))
        lines.append("features: \(featureCount)")
        let crsText = crs.map { String($0.definition.prefix(100)) } ?? "unknown"
        var crsLine = "CRS: \(crsText)"
        if let crsName { crsLine += " (\(crsName)\(crsIsGeographic == true ? ", geographic" : crsIsGeographic == false ? ", projected" : ""))" }
        lines.append(crsLine + " — from \(crsSource)")
        if let box = boundingBox {
            lines.append("bounding box: x \(format(box.minX)) … \(format(box.maxX)), y \(format(box.minY)) … \(format(box.maxY))")
        }
        lines.append("geometry types: " + geometryTypes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append("properties (\(properties.count)):")
        let width = properties.map(\.name.count).max() ?? 0
        for property in properties {
            let kinds = property.kinds.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("  \(property.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(kinds); \(property.distinctValues) distinct")
        }
        for note in notes { lines.append("note: \(note)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return String(rounded)
    }
}

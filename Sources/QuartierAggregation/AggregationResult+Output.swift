import Foundation
import QuartierBase

extension AggregationResult {
    /// The per-area table as CSV bytes: the id column under its own name, `n`, then one column per
    /// sum/count in order; one row per area in id order, areas without records included.
    public func csv(areas: AggregationAreas) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(areas.count * (12 + 8 * columnCount))
        out += CSVText.escape(areas.idColumn)
        for name in columnNames { out.append(0x2C); out += CSVText.escape(name) }
        out.append(0x0A)
        for area in 0 ..< areas.count {
            out += CSVText.escape(areas.ids[area])
            for k in 0 ..< columnCount {
                out.append(0x2C)
                let v = values[area * columnCount + k]
                out += Array((isSum[k] ? NumberParsing.formatMicros(v) : String(v)).utf8)
            }
            out.append(0x0A)
        }
        return out
    }
}

extension AggregationSummary {
    /// The summary as JSON (keys sorted, so the same run gives the same bytes).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}

import Foundation
import QuartierBase
import QuartierTable

extension AggregationResult {
    /// The per-area table as CSV bytes: the id column under its own name, `n`, then one column per
    /// sum/count in order; one row per area in id order, areas without records included.
    public func csv(areas: AggregationAreas) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(areas.count * (12 + 8 * columnCount))
        let writer = CSVWriter()
        out += Array(writer.quoteIfNeeded(areas.idColumn).utf8)
        for name in columnNames { out.append(0x2C); out += Array(writer.quoteIfNeeded(name).utf8) }
        out.append(0x0A)
        for area in 0 ..< areas.count {
            out += Array(writer.quoteIfNeeded(areas.ids[area]).utf8)
            for k in 0 ..< columnCount {
                out.append(0x2C)
                let v = values[area * columnCount + k]
                out += Array((isSum[k] ? Micros.format(v) : String(v)).utf8)
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

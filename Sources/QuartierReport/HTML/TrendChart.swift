/// Small inline SVG charts of a profile: a bar of the area's value against a tick at the city value,
/// and a sparkline of the area's values (red) and the city's (grey) over the years
/// (Tufte, *Beautiful Evidence*, 2006, "Sparklines").
enum TrendChart {
    /// A bar of `value` on a 0…`maximum` scale with a tick at `city`.
    static func bar(value: Double, city: Double?, maximum: Double) -> String {
        guard maximum > 0 else { return "" }
        let width = max(0, min(100, value / maximum * 100))
        var out = "<svg class=\"bar\" viewBox=\"0 0 100 10\" aria-hidden=\"true\"><rect width=\"\(ChoroplethMap.number(width))\" height=\"10\"/>"
        if let city, city >= 0 {
            let x = ChoroplethMap.number(max(0, min(100, city / maximum * 100)))
            out += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"0\" y2=\"10\"/>"
        }
        return out + "</svg>"
    }

    /// A sparkline of `series` (year → value) and `city` on a common scale; nil with fewer than 2 points.
    static func sparkline(series: [(Int, Double)], city: [(Int, Double)]) -> String? {
        guard series.count >= 2 else { return nil }
        let years = (series + city).map(\.0)
        let values = (series + city).map(\.1)
        guard let y0 = years.min(), let y1 = years.max(), y1 > y0, let low = values.min(), let high = values.max() else { return nil }
        let span = high > low ? high - low : 1
        func point(_ p: (Int, Double)) -> String {
            ChoroplethMap.number(2 + Double(p.0 - y0) / Double(y1 - y0) * 56) + "," + ChoroplethMap.number(18 - (p.1 - low) / span * 16)
        }
        var out = "<svg class=\"spark\" viewBox=\"0 0 60 20\" aria-hidden=\"true\">"
        if city.count >= 2 { out += "<polyline points=\"\(city.map(point).joined(separator: " "))\"/>" }
        out += "<polyline class=\"a\" points=\"\(series.map(point).joined(separator: " "))\"/>"
        if let last = series.last {
            let xy = point(last).split(separator: ",")
            out += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"1.8\"/>"
        }
        return out + "</svg>"
    }
}

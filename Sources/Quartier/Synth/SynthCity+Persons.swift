import QuartierMethods
import Foundation
import QuartierBase
import QuartierGeometry

extension SynthCity {
    /// What `writePersons` wrote.
    public struct PersonsSummary: Sendable, Codable {
        public var persons: Int
        public var households: Int
        public var addresses: Int
        public var addressesUniformInBox: Int
        public var addressesOnVertex: Int
        public var personsOnVertex: Int
        public var sgb2Total: Int
    }

    /// Writes `count` persons as CSV `id,x,y,hh_id,age,sgb2` in register order (shuffled, not
    /// spatial), atomically.
    ///
    /// Household sizes 1–6 with shares .41/.33/.12/.10/.035/.005, households per address geometric
    /// (p = 0.55, mean ~1.8), ages with a flat profile to 60 and a Gaussian tail, SGB II status per
    /// household from a smooth "poverty" field of hot spots (~3–60 %), 0 from age 67: as gen_city.py.
    /// - Parameter trendYear: for a monitoring over several years: persons, households and addresses
    ///   stay those of `seed`, and the poverty field drifts by `trendYear` steps (up in some parts of
    ///   the city, down in others: a smooth east–west wave), with SGB II status drawn afresh per year.
    public func writePersons(count: Int, seed: UInt64, to path: String, trendYear: Int? = nil) throws -> PersonsSummary {
        var rng = SeededGenerator(seed: seed ^ 0x9E50_0000_0000_0000 ^ UInt64(count))
        let s = blockSize
        let locator = AreaLocator(areas: areas.map(\.geometry))
        var box = areas.compactMap(\.geometry.boundingBox).reduce(nil as BoundingBox?) { partial, b in
            guard var partial else { return b }
            partial.expand(toInclude: b)
            return partial
        } ?? BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)
        let pad = 0.05 * max(box.width, box.height)
        box = BoundingBox(minX: box.minX - pad, minY: box.minY - pad, maxX: box.maxX + pad, maxY: box.maxY + pad)

        // Households and addresses.
        let shares = [0.41, 0.33, 0.12, 0.10, 0.035, 0.005]
        var householdSizes: [Int32] = []
        var total = 0
        while total < count {
            var u = rng.unit(), size = 1
            for share in shares { if u < share { break }; u -= share; size += 1 }
            size = min(size, 6, count - total)
            householdSizes.append(Int32(size))
            total += size
        }
        let households = householdSizes.count
        var addressOfHousehold = [Int32](repeating: 0, count: households)
        var address = -1, left = 0
        for h in 0 ..< households {
            if left == 0 {
                address += 1
                left = 1 + Int(log(max(rng.unit(), 1e-300)) / log(0.45))
            }
            addressOfHousehold[h] = Int32(address)
            left -= 1
        }
        let addressCount = address + 1
        let uniform = Int(0.03 * Double(addressCount))
        let onVertex = max(20, addressCount / 20_000)
        let inside = max(0, addressCount - uniform - onVertex)

        // Area centres (cluster centres and poverty hot spots are drawn among them).
        let centres: [Point] = areas.map { area in
            let ring = area.geometry.polygons[0].exterior.dropLast()
            return Point(x: ring.reduce(0) { $0 + $1.x } / Double(ring.count), y: ring.reduce(0) { $0 + $1.y } / Double(ring.count))
        }
        let clusterCount = max(10, areas.count / 5)
        let clusters = (0 ..< clusterCount).map { _ in (centres[rng.below(centres.count)], rng.uniform(0.3, 2.0) * s) }
        var xs = [Double](repeating: 0, count: addressCount), ys = [Double](repeating: 0, count: addressCount)
        var addressArea = [Int32](repeating: -1, count: addressCount)
        for a in 0 ..< inside {
            while true {
                let p: Point
                if rng.unit() < 0.6 {
                    let (c, sigma) = clusters[rng.below(clusterCount)]
                    p = Point(x: c.x + sigma * rng.normal(), y: c.y + sigma * rng.normal())
                } else {
                    let c = centres[rng.below(centres.count)]
                    p = Point(x: c.x + rng.uniform(-0.6, 0.6) * s, y: c.y + rng.uniform(-0.6, 0.6) * s)
                }
                let x = SynthCity.mm(p.x), y = SynthCity.mm(p.y)
                if case .interior(let area) = locator.locate(x: x, y: y) {
                    xs[a] = x; ys[a] = y; addressArea[a] = Int32(area)
                    break
                }
            }
        }
        for a in inside ..< inside + uniform {
            xs[a] = SynthCity.mm(rng.uniform(box.minX, box.maxX))
            ys[a] = SynthCity.mm(rng.uniform(box.minY, box.maxY))
            if case .interior(let area) = locator.locate(x: xs[a], y: ys[a]) { addressArea[a] = Int32(area) }
        }
        for a in inside + uniform ..< addressCount {
            let area = areas[rng.below(areas.count)].geometry
            let polygon = area.polygons[rng.below(area.polygons.count)]
            let ring = polygon.rings[rng.below(polygon.rings.count)]
            let v = ring[rng.below(ring.count - 1)]
            xs[a] = v.x; ys[a] = v.y
        }
        // Address order unrelated to position (the vertex addresses are spread through the file).
        var addressOrder = Array(0 ..< addressCount)
        for k in stride(from: addressCount - 1, to: 0, by: -1) { addressOrder.swapAt(k, rng.below(k + 1)) }

        // Poverty: a smooth field of hot spots, evaluated per area.
        let hotSpots = (0 ..< max(4, areas.count / 40)).map { _ in centres[rng.below(centres.count)] }
        let sigma = 1.5 * s
        let fieldOfArea: [Double] = centres.map { c in
            hotSpots.reduce(0) { sum, h in
                let d2 = (c.x - h.x) * (c.x - h.x) + (c.y - h.y) * (c.y - h.y)
                return d2 > 36 * sigma * sigma ? sum : sum + exp(-d2 / (2 * sigma * sigma))
            }
        }
        var sgb2OfHousehold = [UInt8](repeating: 0, count: households)
        var statusRNG = SeededGenerator(seed: seed ^ 0x5B2_0000 ^ UInt64(truncatingIfNeeded: trendYear ?? 0))
        let span = max(1, (centres.map(\.x).max() ?? 1) - (centres.map(\.x).min() ?? 0))
        let west = centres.map(\.x).min() ?? 0
        for h in 0 ..< households {
            let area = addressArea[addressOrder[Int(addressOfHousehold[h])]]
            var field = area >= 0 ? fieldOfArea[Int(area)] : 0
            if let trendYear, area >= 0 {
                // +12 % of the field per year in the west, −12 % in the east, smoothly in between.
                let wave = cos(.pi * (centres[Int(area)].x - west) / span)
                field *= max(0, 1 + 0.12 * Double(trendYear) * wave)
            }
            let draw = trendYear == nil ? rng.unit() : statusRNG.unit()
            sgb2OfHousehold[h] = draw < min(0.6, 0.03 + 0.25 * field) ? 1 : 0
        }

        // Persons, then register order.
        var personHousehold = [Int32](repeating: 0, count: count)
        var k = 0
        for h in 0 ..< households { for _ in 0 ..< Int(householdSizes[h]) { personHousehold[k] = Int32(h); k += 1 } }
        var ageTable = [Double]()
        var cumulative = 0.0
        for age in 0 ..< 100 {
            cumulative += age < 60 ? 1 : exp(-pow((Double(age) - 60) / 18, 2))
            ageTable.append(cumulative)
        }
        var order = [Int32](repeating: 0, count: count)
        for i in 0 ..< count { order[i] = Int32(i) }
        for i in stride(from: count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }

        var summary = PersonsSummary(persons: count, households: households, addresses: addressCount, addressesUniformInBox: uniform,
                                     addressesOnVertex: addressCount - inside - uniform, personsOnVertex: 0, sgb2Total: 0)
        try AtomicFile.write(to: path) { handle in
            var out: [UInt8] = Array("id,x,y,hh_id,age,sgb2\n".utf8)
            out.reserveCapacity(1 << 22)
            for i in order {
                let person = Int(i)
                let h = Int(personHousehold[person])
                let a = addressOrder[Int(addressOfHousehold[h])]
                let u = rng.unit() * cumulative
                var age = 0
                while ageTable[age] <= u { age += 1 }
                let sgb2 = age < 67 ? sgb2OfHousehold[h] : 0
                if a >= inside + uniform { summary.personsOnVertex += 1 }
                summary.sgb2Total += Int(sgb2)
                SynthCity.append(person + 1, to: &out)
                out.append(0x2C)
                SynthCity.appendMillimetres(xs[a], to: &out)
                out.append(0x2C)
                SynthCity.appendMillimetres(ys[a], to: &out)
                out.append(0x2C)
                SynthCity.append(h + 1, to: &out)
                out.append(0x2C)
                SynthCity.append(age, to: &out)
                out.append(0x2C)
                out.append(0x30 + sgb2)
                out.append(0x0A)
                if out.count > (1 << 22) - 128 {
                    try handle.write(contentsOf: out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: out)
        }
        return summary
    }

    static func append(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D); append(-value, to: &out); return }
        if value >= 10 { append(value / 10, to: &out) }
        out.append(0x30 + UInt8(value % 10))
    }

    /// A value on the 1 mm grid with exactly three decimals ("361000.120").
    static func appendMillimetres(_ value: Double, to out: inout [UInt8]) {
        var mm = Int64((value * 1000).rounded())
        if mm < 0 { out.append(0x2D); mm = -mm }
        append(Int(mm / 1000), to: &out)
        out.append(0x2E)
        let fraction = Int(mm % 1000)
        out.append(0x30 + UInt8(fraction / 100))
        out.append(0x30 + UInt8(fraction / 10 % 10))
        out.append(0x30 + UInt8(fraction % 10))
    }
}

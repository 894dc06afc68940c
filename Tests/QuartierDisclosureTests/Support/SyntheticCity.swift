import QuartierMethods
import QuartierDisclosure

/// A deterministic synthetic city at block level: blocks → Quartiere → Stadtteile → city, five age groups and
/// their total, SGB II counts with many small cells. Generated here (no file), same numbers on every run.
struct SyntheticCity {
    static let ageGroups = ["0-5", "6-14", "15-24", "25-64", "65+"]
    static let groupShares = [0.06, 0.09, 0.11, 0.52, 0.22]

    var cells: [DisclosureCell] = []
    var links: [AreaLink] = []

    /// - Parameters: blocks per Quartier, Quartiere per Stadtteil, Stadtteile; `seed` for the generator;
    ///   `schoolDistricts`: also publish the blocks in this many school districts (system `schule`, block k in
    ///   district k mod n, across Quartier boundaries) that add up to the same city: linked tables.
    init(stadtteile: Int = 4, quartiereEach: Int = 5, blocksEach: Int = 10, schoolDistricts: Int = 0, seed: UInt64 = 20_221_123) {
        var random = SeededGenerator(seed: seed)
        var blockValues: [(area: String, parent: String, population: Double, counts: [Double])] = []
        for s in 0..<stadtteile {
            for q in 0..<quartiereEach {
                let quartier = "Q\(s + 1)-\(q + 1)"
                for b in 0..<blocksEach {
                    let block = "\(quartier)-B\(b + 1)"
                    let population = Double(60 + random.below(900))
                    let rate = 0.02 + Double(random.below(200)) / 1000
                    let counts = Self.groupShares.map { share -> Double in
                        let expected = population * share * rate
                        return Double(Int(expected * (0.4 + Double(random.below(1200)) / 1000)))
                    }
                    blockValues.append((block, quartier, population, counts))
                }
                links.append(AreaLink(child: quartier, parent: "S\(s + 1)"))
            }
            links.append(AreaLink(child: "S\(s + 1)", parent: "city"))
        }
        for block in blockValues { links.append(AreaLink(child: block.area, parent: block.parent)) }
        var schoolLinks: [AreaLink] = []
        if schoolDistricts > 0 {
            for (k, block) in blockValues.enumerated() {
                schoolLinks.append(AreaLink(child: block.area, parent: "K\(k % schoolDistricts + 1)", system: "schule"))
            }
            for d in 1...schoolDistricts { schoolLinks.append(AreaLink(child: "K\(d)", parent: "city", system: "schule")) }
        }
        // Sum upwards.
        var totals: [String: (population: Double, counts: [Double])] = [:]
        var order: [String] = []
        let parentOf = Dictionary(uniqueKeysWithValues: links.map { ($0.child, $0.parent) })
        func add(_ area: String, _ population: Double, _ counts: [Double]) {
            if totals[area] == nil { order.append(area); totals[area] = (0, Array(repeating: 0, count: counts.count)) }
            totals[area]!.population += population
            for g in counts.indices { totals[area]!.counts[g] += counts[g] }
        }
        for (k, block) in blockValues.enumerated() {
            var area: String? = block.area
            while let current = area {
                add(current, block.population, block.counts)
                area = parentOf[current]
            }
            if schoolDistricts > 0 { add("K\(k % schoolDistricts + 1)", block.population, block.counts) }
        }
        links += schoolLinks
        for area in order.sorted() {
            let (population, counts) = totals[area]!
            for (g, name) in Self.ageGroups.enumerated() {
                cells.append(DisclosureCell(area: area, group: name, value: counts[g], population: population))
            }
            cells.append(DisclosureCell(area: area, group: "total", value: counts.reduce(0, +), population: population))
        }
    }

    func table() throws -> DisclosureTable {
        try DisclosureTable(cells: cells, links: links, groupTotal: "total")
    }
}

extension SpatialWeights {
    /// The weights in GAL format (GeoDa; libpysal's `GalIO`): a header line, then per area a line
    /// "id count" and a line with the neighbours' ids. The header is "0 n shapefile idVariable" (GeoDa's
    /// 4-field form) when both are given, else "n". GAL stores neighbours only: weights read back binary.
    public func galText(shapefile: String? = nil, idVariable: String? = nil) -> String {
        var text = ""
        if let shapefile, let idVariable {
            text += "0 \(count) \(shapefile) \(idVariable)\n"
        } else {
            text += "\(count)\n"
        }
        for i in 0..<count {
            text += "\(ids[i]) \(neighbours[i].count)\n"
            text += neighbours[i].map { ids[$0] }.joined(separator: " ") + "\n"
        }
        return text
    }

    /// Reads GAL text (1- or 4-field header; ids are kept as text, so leading zeros survive).
    ///
    /// - Throws: `SpatialError` naming the line for a bad header, count, unknown or repeated id,
    ///   or a count that differs from the neighbours listed.
    public init(galText: String, source: String = "GAL") throws(SpatialError) {
        let lines = galText.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
        var lineNumber = 0
        func next() -> [String]? {
            while lineNumber < lines.count {
                lineNumber += 1
                if !lines[lineNumber - 1].isEmpty { return lines[lineNumber - 1] }
            }
            return nil
        }
        guard let header = next(), header.count == 1 || header.count >= 4, let n = Int(header.count == 1 ? header[0] : header[1]), n >= 0 else {
            throw SpatialError("\(source):1: found \(lines.first.map { $0.joined(separator: " ") } ?? "nothing"), expected a GAL header \"n\" or \"0 n shapefile id\"")
        }
        var ids: [String] = []
        var listed: [[String]] = []
        var index: [String: Int] = [:]
        for _ in 0..<n {
            guard let head = next(), head.count == 2, let k = Int(head[1]), k >= 0 else {
                throw SpatialError("\(source):\(lineNumber): found \"\(lines.indices.contains(lineNumber - 1) ? lines[lineNumber - 1].joined(separator: " ") : "end of file")\", expected \"id neighbourCount\"")
            }
            guard index[head[0]] == nil else { throw SpatialError("\(source):\(lineNumber): id \(head[0]) appears twice: expected each area once") }
            index[head[0]] = ids.count
            ids.append(head[0])
            var row: [String] = []
            if k > 0 {
                row = next() ?? []
                guard row.count == k else {
                    throw SpatialError("\(source):\(lineNumber): found \(row.count) neighbours for \(head[0]), expected \(k)")
                }
            }
            listed.append(row)
        }
        var neighbours: [[Int]] = []
        for (i, row) in listed.enumerated() {
            var resolved: [Int] = []
            for id in row {
                guard let j = index[id] else { throw SpatialError("\(source): neighbour \(id) of \(ids[i]) is not an area of the file") }
                resolved.append(j)
            }
            neighbours.append(resolved.sorted())
        }
        self.init(ids: ids, neighbours: neighbours, transform: .binary)
    }
}

extension SpatialWeights {
    /// The weights among `ids` only (in that order), dropping links to other areas.
    /// - Throws: `SpatialError` naming the first id the weights do not have.
    public func restricted(to ids: [String], source: String = "weights") throws(SpatialError) -> SpatialWeights {
        if ids == self.ids { return self }
        var position: [String: Int] = [:]
        for (i, id) in self.ids.enumerated() { position[id] = i }
        var newIndex: [Int: Int] = [:]
        for (i, id) in ids.enumerated() {
            guard let old = position[id] else { throw SpatialError("\(source): area \(id) is not in the weights") }
            newIndex[old] = i
        }
        let neighbours = ids.map { id in self.neighbours[position[id]!].compactMap { newIndex[$0] }.sorted() }
        return SpatialWeights(ids: ids, neighbours: neighbours, transform: transform)
    }
}

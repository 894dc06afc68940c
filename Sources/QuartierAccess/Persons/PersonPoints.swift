import QuartierBase
import QuartierGeometry
import QuartierTable

/// Persons at coordinates, with the target groups they belong to: the demand side of an access run.
///
/// Read in one pass with QuartierTable's streaming reader (the reader of `table scan`, `aggregate` and
/// `run`: dialect, encoding and decimal style detected, suppression markers missing); every record is
/// accounted for: `records = points.count + rejected`.
public struct PersonPoints: Sendable {
    public var x: [Double]
    public var y: [Double]
    /// The line of each person in the file.
    public var lines: [Int32]
    /// Bit g set when the person passes target group g (at most 64 groups).
    public var groups: [UInt64]
    /// The need weight of each person (1 unless a need weight applies: the weight of the first need
    /// filter the person passes).
    public var weights: [Double]
    /// Records without usable coordinates: count and the first few lines with reasons.
    public var rejected: Int
    public var rejectedExamples: [String]
    public var count: Int { x.count }

    public init(x: [Double], y: [Double], lines: [Int32], groups: [UInt64], weights: [Double], rejected: Int = 0, rejectedExamples: [String] = []) {
        self.x = x
        self.y = y
        self.lines = lines
        self.groups = groups
        self.weights = weights
        self.rejected = rejected
        self.rejectedExamples = rejectedExamples
    }

    /// One need weight: persons passing `filter` count `weight` times (e.g. children in SGB II count 2).
    public struct NeedWeight: Sendable, Hashable {
        public var filter: String
        public var weight: Double
        public init(filter: String, weight: Double) {
            self.filter = filter
            self.weight = weight
        }
    }

    /// Reads `path`: coordinates from `xColumn`/`yColumn`, target groups as filters over the header.
    /// - Throws: `InputError` for a missing column, a filter naming no column, or a non-number in a
    ///   column a filter reads (line, column, field).
    public static func read(path: String, xColumn: String = "x", yColumn: String = "y", targetGroups: [String],
                            needWeights: [NeedWeight] = [], options: TableOptions = TableOptions()) throws -> PersonPoints {
        guard targetGroups.count <= 64 else {
            throw InputError(InputLocation(file: path), found: "\(targetGroups.count) target groups", expected: "at most 64 target groups in one run")
        }
        let reader = try CSVRecordReader(path: path, options: options)
        let xc = try reader.columnIndex(xColumn), yc = try reader.columnIndex(yColumn)
        let filters = try (targetGroups + needWeights.map(\.filter)).map { text -> CompiledFilter in
            do { return try CompiledFilter(parsing: text, header: reader.header) } catch {
                throw InputError(InputLocation(file: path, line: 1), found: "the filter \"\(InputError.excerpt(text))\" (\(error))", expected: "a filter over the columns of the persons file")
            }
        }
        let set = CompiledFilterSet(filters)
        let needed = set.columns
        let texts = set.texts
        let width = reader.header.count
        var values = [Double](repeating: .nan, count: width + texts.count)
        var result = PersonPoints(x: [], y: [], lines: [], groups: [], weights: [], rejected: 0, rejectedExamples: [])
        let groupCount = targetGroups.count
        try set.withEvaluator { evaluator in
            try values.withUnsafeMutableBufferPointer { buffer in
                let view = UnsafeBufferPointer(buffer)
                try reader.forEachRecord { record in
                    guard let px = record.double(xc), let py = record.double(yc), RoadNetwork.usable(Point(x: px, y: py)) else {
                        result.rejected += 1
                        if result.rejectedExamples.count < 5 {
                            result.rejectedExamples.append("line \(record.line): no coordinates in \(xColumn)/\(yColumn) (0 or 1e-100 … 1e15 in magnitude)")
                        }
                        return
                    }
                    for column in needed {
                        guard let value = record.value(column, sentinels: nil, markers: options.suppressionMarkers) else {
                            throw reader.error(record, column: column, expected: "a number, an empty cell or a suppression marker")
                        }
                        buffer[column] = value
                    }
                    for (k, text) in texts.enumerated() { buffer[width + k] = record.textValue(text.column, equals: text.text) }
                    var bits: UInt64 = 0
                    for g in 0..<groupCount where evaluator.passes(g, view) { bits |= 1 << UInt64(g) }
                    var weight = 1.0
                    for (k, need) in needWeights.enumerated() where evaluator.passes(groupCount + k, view) { weight = need.weight; break }
                    result.x.append(px)
                    result.y.append(py)
                    result.lines.append(Int32(truncatingIfNeeded: record.line))
                    result.groups.append(bits)
                    result.weights.append(weight)
                }
            }
        }
        return result
    }
}

import QuartierBase
import QuartierGeometry

/// The lines of a road/path layer in flat arrays (`RoadNetwork`'s input): each line's vertices in
/// `parts`, its direction and speed, and where it came from, without an array or a string per line.
public struct NetworkLines: Sendable {
    /// Line `k`'s vertices are `parts[k]`.
    public var parts: LineParts
    public var directions: [NetworkLine.Direction]
    /// Speed per line (length units per cost unit); nil: the network's default.
    public var speeds: [Double?]
    /// Line `k` came from `sourcePrefix + names[nameOf[k]]` (`roads.gpkg feature 17`).
    var sourcePrefix: String
    var names: [String]
    var nameOf: [Int32]

    public var count: Int { directions.count }

    /// Where line `k` came from, for messages.
    public func source(_ k: Int) -> String { sourcePrefix + names[Int(nameOf[k])] }

    /// The lines of `NetworkLine` values.
    public init(_ lines: [NetworkLine]) {
        parts = LineParts()
        for line in lines { parts.append(line.points) }
        directions = lines.map(\.direction)
        speeds = lines.map(\.speed)
        sourcePrefix = ""
        names = lines.map(\.source)
        nameOf = lines.indices.map { Int32($0) }
    }

    /// The lines of a layer read flat (`GeoPackageReader.lines`): the same rules, checks and messages
    /// as `NetworkLine.lines(from:file:options:)` over its features, in the same order: features in
    /// order, each refused when it is no line (`firstNonLine`, what was found) or has a one-way value
    /// not understood; parts of fewer than 2 vertices are left out.
    /// - Parameters:
    ///   - partFeature: the feature of each part; `names`: each feature's name for messages.
    ///   - oneway, classes: per feature, the values of the one-way and class fields (nil: no such field).
    public init(parts: LineParts, partFeature: [Int32], names: [String], oneway: [PropertyValue]?, classes: [PropertyValue]?,
                firstNonLine: (feature: Int, found: String)?, file: String, options: NetworkLayerOptions) throws(InputError) {
        try NetworkLine.checkSpeeds(file: file, options)
        var lineParts = LineParts()
        var directions: [NetworkLine.Direction] = [], speeds: [Double?] = [], nameOf: [Int32] = []
        var parser = NetworkLine.DirectionParser()
        var p = 0
        let featureCount = firstNonLine.map { $0.feature + 1 } ?? names.count
        for k in 0..<featureCount {
            if let firstNonLine, firstNonLine.feature == k {
                throw NetworkLine.notLines(InputLocation(file: file, feature: names[k]), found: firstNonLine.found)
            }
            var direction = NetworkLine.Direction.both
            if let field = options.onewayField {
                direction = try parser.direction(oneway?[k].text, location: InputLocation(file: file, feature: names[k], field: field))
            }
            var speed: Double?
            if options.classField != nil, let cls = classes?[k].text { speed = options.classSpeeds[cls] }
            while p < partFeature.count, partFeature[p] == Int32(k) {
                let part = parts[p]
                if part.count >= 2 {
                    lineParts.append(part)
                    directions.append(direction)
                    speeds.append(speed)
                    nameOf.append(Int32(k))
                }
                p += 1
            }
        }
        self.parts = lineParts
        self.directions = directions
        self.speeds = speeds
        sourcePrefix = "\(file) feature "
        self.names = names
        self.nameOf = nameOf
    }
}

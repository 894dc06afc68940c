import Foundation
import Quartier
import QuartierAccess
import QuartierBase
import QuartierGeometry

/// The road/path network of access costs, as `quartier access --network …` and `[[offers]] network = …`
/// both name it: one loader for both (a GeoPackage layer straight into flat lines with
/// `GeoPackageReader.lines`, other formats with the engine's feature reader `FeatureFile` and
/// `NetworkLine.lines`; then QuartierAccess's `NetworkLines` and `RoadNetwork`, and a `SegmentIndex`
/// for snapping). Costs are minutes: speeds in km/h become metres per minute.
public struct OfferNetworkSpec: Sendable, Hashable {
    /// A GeoPackage, GeoJSON or Shapefile line layer.
    public var file: String
    public var layer: String?
    /// km/h of lines without a class speed, and of the walk to and from the network (walking: 4.8).
    public var speed: Double
    /// Persons and offers farther than this (m) from the network have no access (reported).
    public var snapLimit: Double
    /// Line ends closer than this (m) are one node.
    public var nodeTolerance: Double
    public var onewayField: String?
    public var classField: String?
    /// km/h per class of `classField`.
    public var classSpeeds: [String: Double]

    public init(file: String, layer: String? = nil, speed: Double = 4.8, snapLimit: Double = 250, nodeTolerance: Double = 0.5,
                onewayField: String? = nil, classField: String? = nil, classSpeeds: [String: Double] = [:]) {
        self.file = file
        self.layer = layer
        self.speed = speed
        self.snapLimit = snapLimit
        self.nodeTolerance = nodeTolerance
        self.onewayField = onewayField
        self.classField = classField
        self.classSpeeds = classSpeeds
    }

    /// The graph and its snapping index. A layer whose declared CRS is not `crs` is refused; a layer
    /// that is not lines, a zero or negative speed: one error naming the file and feature or field.
    /// - Returns: the distances for `AccessRun` and a one-line summary (features, nodes, edges, parts).
    public func load(crs: CRS?) throws -> (distances: AccessRun.Distances, summary: String) {
        guard speed > 0, speed.isFinite else {
            throw InputError(InputLocation(file: file, field: "speed"), found: "speed \(speed)", expected: "a speed > 0 km/h")
        }
        let layerOptions = NetworkLayerOptions(onewayField: onewayField, classField: classField, classSpeeds: classSpeeds.mapValues { $0 * 1000 / 60 })
        let lines: NetworkLines, featureCount: Int, layerCRS: CRS?
        if (try? FeatureFormat(path: file)) == .geoPackage {
            // A GeoPackage line layer read straight into flat coordinates (no Feature per row).
            let reader = try GeoPackageReader(path: file)
            let table = try reader.layer(named: layer)
            let fields = [onewayField, classField]
            let read = try reader.lines(layer: table, fields: fields.compactMap { $0 })
            var values = read.fields.makeIterator()
            let oneway = onewayField == nil ? nil : values.next()!, classes = classField == nil ? nil : values.next()!
            layerCRS = table.crs
            try Self.checkCRS(layerCRS, crs, file: file)
            lines = try NetworkLines(parts: read.parts, partFeature: read.partFeature, names: read.names, oneway: oneway, classes: classes,
                                     firstNonLine: read.firstNonLine, file: file, options: layerOptions)
            featureCount = read.names.count
        } else {
            let features = try FeatureFile.read(path: file, layer: layer)
            layerCRS = features.crs
            try Self.checkCRS(layerCRS, crs, file: file)
            lines = NetworkLines(try NetworkLine.lines(from: features.features, file: file, options: layerOptions))
            featureCount = features.features.count
        }
        let graph = try RoadNetwork(lines: lines, options: .init(snapTolerance: nodeTolerance, defaultSpeed: speed * 1000 / 60, directed: true))
        let summary = "network \(file): \(featureCount) features, \(graph.nodes.count) nodes, \(graph.edges.count) edges, \(graph.componentCount) connected parts, \(graph.droppedLines.count) lines of length 0 dropped"
        return (.network(graph, SegmentIndex(graph), snapLimit: snapLimit), summary)
    }

    /// A layer whose declared CRS is not the areas' is refused.
    static func checkCRS(_ declared: CRS?, _ areas: CRS?, file: String) throws(InputError) {
        if let a = declared, let b = areas, a != b {
            throw InputError(InputLocation(file: file), found: "CRS \(a.definition.prefix(60))", expected: "the areas' CRS \(b.definition.prefix(60)) (persons and offers are read in it)")
        }
    }

    /// The parts of the spec a run's results depend on, for the step hash.
    var key: String {
        [file, layer ?? "", "\(speed)", "\(snapLimit)", "\(nodeTolerance)", onewayField ?? "", classField ?? "",
         classSpeeds.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")].joined(separator: "\u{1F}")
    }
}

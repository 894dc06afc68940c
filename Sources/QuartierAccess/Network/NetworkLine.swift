import Foundation
import QuartierBase
import QuartierGeometry

/// One line of a road or path layer, before it becomes edges of a `RoadNetwork`.
public struct NetworkLine: Sendable, Hashable {
    /// Which way the line may be travelled, relative to the order of its vertices.
    public enum Direction: String, Sendable, Hashable {
        case both, forward, backward
    }

    public var points: [Point]
    public var direction: Direction
    /// Speed on this line in length units per cost unit (metres per minute); nil: the network's default.
    public var speed: Double?
    /// Where the line came from (for messages): `roads.gpkg feature 17`.
    public var source: String

    public init(points: [Point], direction: Direction = .both, speed: Double? = nil, source: String = "") {
        self.points = points
        self.direction = direction
        self.speed = speed
        self.source = source
    }
}

/// How to read a line layer's attributes into `NetworkLine`s.
public struct NetworkLayerOptions: Sendable, Hashable {
    /// A field saying the direction: `B`/`both`/`no`/empty = both ways, `FT`/`yes`/`1`/`true` = in the
    /// order of the vertices, `TF`/`-1` = against it. nil: every line both ways.
    public var onewayField: String?
    /// A field naming the line's class (`residential`, `footway`), looked up in `classSpeeds`.
    public var classField: String?
    /// Speed per class, in length units per cost unit; a class not listed takes the default speed.
    public var classSpeeds: [String: Double]

    public init(onewayField: String? = nil, classField: String? = nil, classSpeeds: [String: Double] = [:]) {
        self.onewayField = onewayField
        self.classField = classField
        self.classSpeeds = classSpeeds
    }
}

extension NetworkLine {
    /// The lines of a feature layer (a municipal road/path layer from a GeoPackage, GeoJSON or Shapefile).
    ///
    /// Every feature must be a LineString or MultiLineString (each part one line): a layer of any other
    /// geometry is refused at its first such feature with one error naming the file, the feature and the
    /// type found. A feature without geometry is refused the same way. Speeds must be > 0; a one-way value
    /// that is not understood is an error naming the feature and field.
    public static func lines(from features: [Feature], file: String, options: NetworkLayerOptions = NetworkLayerOptions()) throws(InputError) -> [NetworkLine] {
        try checkSpeeds(file: file, options)
        var lines: [NetworkLine] = []
        lines.reserveCapacity(features.count)
        var parser = DirectionParser()
        for (k, feature) in features.enumerated() {
            let name = feature.id?.text ?? String(k + 1)
            let location = InputLocation(file: file, feature: name)
            let parts: [[Point]]
            switch feature.geometry {
            case .lineString(let points): parts = [points]
            case .multiLineString(let lines): parts = lines
            case .some(let other): throw notLines(location, found: "a \(other.typeName)")
            case .none: throw notLines(location, found: "no geometry")
            }
            var direction = Direction.both
            if let field = options.onewayField {
                direction = try parser.direction(feature[field]?.text, location: InputLocation(file: file, feature: name, field: field))
            }
            var speed: Double?
            if let field = options.classField, let cls = feature[field]?.text { speed = options.classSpeeds[cls] }
            for part in parts where part.count >= 2 {
                lines.append(NetworkLine(points: part, direction: direction, speed: speed, source: "\(file) feature \(name)"))
            }
        }
        return lines
    }

    /// Class speeds must be > 0.
    static func checkSpeeds(file: String, _ options: NetworkLayerOptions) throws(InputError) {
        for (name, speed) in options.classSpeeds where !(speed > 0 && speed.isFinite) {
            throw InputError(InputLocation(file: file, field: name), found: "speed \(speed)", expected: "a class speed > 0")
        }
    }

    /// The error for a feature that is not a line (`found`: `a Polygon`, `no geometry`).
    static func notLines(_ location: InputLocation, found: String) -> InputError {
        InputError(location, found: found, expected: "a line layer (LineString or MultiLineString features)")
    }

    /// One-way values to directions, each distinct text parsed once.
    struct DirectionParser {
        var known: [String: Direction] = [:]

        /// `B`/`both`/`no`/`0`/`false`/empty: both; `FT`/`yes`/`1`/`true`/`forward`: forward;
        /// `TF`/`-1`/`backward`/`reverse`: backward (trimmed, any case); nil (no value) is empty.
        mutating func direction(_ text: String?, location: InputLocation) throws(InputError) -> Direction {
            let text = text ?? ""
            if let found = known[text] { return found }
            let raw = text.trimmingCharacters(in: .whitespaces).lowercased()
            let direction: Direction
            switch raw {
            case "", "b", "both", "no", "0", "false": direction = .both
            case "ft", "yes", "1", "true", "forward": direction = .forward
            case "tf", "-1", "backward", "reverse": direction = .backward
            default:
                throw InputError(location, found: "\"\(InputError.excerpt(raw))\"", expected: "a one-way value (B/both/no, FT/yes/1, TF/-1)")
            }
            known[text] = direction
            return direction
        }
    }
}

import QuartierBase
import QuartierGeometry

/// A social monitoring, declared in one TOML file: the area levels and their boundary versions,
/// the record sources per year, the indicators, and how dynamics, index, classes, disclosure and
/// the report follow from them. `Data/demo/monitoring.toml` is a commented example.
///
/// Paths in the spec are relative to the spec file's folder.
public struct MonitoringSpec: Sendable {
    public var name: String
    /// The CRS all areas and records are brought into before anything is computed.
    public var workingCRS: CRS
    /// Where the results go (a GeoPackage), resolved against the spec's folder.
    public var storePath: String
    /// Area levels, ordered from the lowest (where records are assigned) to the highest.
    public var levels: [AreaLevelSpec]
    /// Record sources, ordered by year.
    public var sources: [RecordSourceSpec]
    /// Indicators, in the order of the spec.
    public var indicators: [IndicatorSpec]
    public var dynamics: DynamicsSpec?
    /// The composite index, if any.
    public var index: MonitoringIndexSpec?
    /// The disclosure rules applied to everything published (report, exports for publication).
    public var disclosure = PublicationRules()
    /// The spec file itself (path, text) for provenance and line-located errors.
    public var document: SpecDocument

    /// The level records are assigned to.
    public var lowestLevel: AreaLevelSpec { levels[0] }

    /// The years with a record source, ascending.
    public var years: [Int] { sources.map(\.year) }
}

/// One level of the area hierarchy (block → Quartier → Stadtteil → Bezirk).
public struct AreaLevelSpec: Sendable, Hashable {
    /// The level's key in the spec (`block`, `quartier`).
    public var id: String
    /// A human label ("Baublock").
    public var label: String
    /// The level above, if any.
    public var parent: String?
    /// Boundary versions, ordered by `validFrom`; empty for a level formed from the level below
    /// (its areas are the distinct parent ids of the level below, its polygons their unions).
    public var versions: [BoundaryVersionSpec]
    /// For a level formed from the level below: the property of those areas that holds this
    /// level's parent ids (nil at the top).
    public var derivedParentColumn: String?
    /// The spec line of the level, for messages.
    public var line: Int?

    /// The boundary version in force in `year`, if any.
    public func version(for year: Int) -> BoundaryVersionSpec? {
        versions.last { $0.validFrom.map { $0 <= year } ?? true && ($0.validUntil.map { year <= $0 } ?? true) }
    }

    /// Whether the level is formed from the level below instead of read from a file.
    public var isDerived: Bool { versions.isEmpty }

    /// The newest boundary version: the one every year's figures are reported on; nil when derived.
    public var currentVersion: BoundaryVersionSpec? { versions.last }
}

/// The areas of a level as they were valid for a span of years (Berlin: 447 PLR until 2020, 542 from 2021).
public struct BoundaryVersionSpec: Sendable, Hashable {
    /// A name for the version (`2021`), unique within its level.
    public var name: String
    /// The area file (GeoPackage, GeoJSON or Shapefile), resolved against the spec's folder.
    public var file: String
    public var layer: String?
    /// The column holding the area id (text; leading zeros kept).
    public var idColumn: String
    public var nameColumn: String?
    /// The column holding the id of the parent level's area.
    public var parentColumn: String?
    /// CRS override for a file that does not declare one.
    public var crs: CRS?
    /// First and last year (inclusive) the version is valid for; nil means open.
    public var validFrom: Int?
    public var validUntil: Int?
}

/// Where one year's records come from.
public struct RecordSourceSpec: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Person records at coordinates (`id,x,y,...` CSV), assigned to the lowest level.
        case persons(file: String, x: String, y: String, crs: CRS?)
        /// A table per area from the statistics office, at the given level, keyed by `idColumn`.
        case areaTable(AreaTableSource)
    }

    /// A table per area: counts or published values of the areas of one level.
    public struct AreaTableSource: Sendable, Hashable {
        public var file: String
        public var level: String
        public var idColumn: String
        /// The inhabitants column (the `n` of the areas, for roll-up and minimum population).
        public var populationColumn: String?
        /// A column flagging the areas the publisher counts as valid, and its valid values.
        public var validColumn: String?
        public var validValues: [String]
        /// Values meaning "no value" (e.g. -9999), in every column.
        public var sentinels: [Double]
    }

    public var year: Int
    public var kind: Kind
    /// The reference date of the figures (e.g. `2020-12-31`), as given.
    public var referenceDate: String?
    public var line: Int?

    public var file: String {
        switch kind {
        case .persons(let file, _, _, _): file
        case .areaTable(let table): table.file
        }
    }
}

/// An indicator: a numerator over a denominator, both counts, and the scale its rate is shown in.
///
/// Counts come first (Quartier never averages rates): a rate is computed from the summed
/// numerator and denominator at every level of the hierarchy.
public struct IndicatorSpec: Sendable, Hashable {
    public enum Term: Sendable, Hashable {
        /// A filter over person fields (`age < 15 and sgb2 == 1`): the count of matching records.
        case filter(String)
        /// A column of an area table.
        case column(String)
        /// All records (for person sources).
        case all
    }

    /// What the indicator is made of.
    public enum Definition: Sendable, Hashable {
        /// Numerator over denominator, both counts; the rate is computed at every level.
        case rate(numerator: Term, denominator: Term)
        /// A value per area published by the statistics office (a share or a change), taken as it is,
        /// at the level of its table only: without counts it cannot be rolled up.
        case published(column: String)
    }

    public var id: String
    public var label: String
    public var definition: Definition
    public var scale: RateScale
    /// +1 when a higher value means more disadvantage, −1 when less.
    public var direction: Int
    public var line: Int?
}

/// The unit a rate is shown in.
public enum RateScale: String, Sendable, Hashable, CaseIterable {
    case ratio
    case percent
    case permille
    case per1000 = "per_1000"
    case per100000 = "per_100000"
    /// A change in percentage points (published dynamics indicators).
    case percentagePoints = "percentage_points"

    public var factor: Double {
        switch self {
        case .ratio, .percentagePoints: 1
        case .percent: 100
        case .permille, .per1000: 1000
        case .per100000: 100_000
        }
    }
}

/// Change over time, in percentage points (or scale units) over `years` years.
public struct DynamicsSpec: Sendable, Hashable {
    public var years: Int
}

import QuartierTable
import Quartier
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
    /// Where the results go: a GeoPackage path, resolved against the spec's folder, or a PostgreSQL URL
    /// (`postgresql://host/db?schema=name`, kept as written; `PostgreSQLStoreURL`).
    public var storePath: String
    /// Area levels, ordered from the lowest (where records are assigned) to the highest.
    public var levels: [AreaLevelSpec]
    /// Record sources, ordered by year.
    public var sources: [RecordSourceSpec]
    /// Indicators, in the order of the spec.
    public var indicators: [IndicatorSpec]
    public var dynamics: DynamicsSpec?
    /// Offer inventories (`[[offers]]`, issue 14): access counts per area and year; their indicators are in `indicators`.
    public var offers: [OfferSourceSpec] = []
    /// The composite index, if any.
    public var index: MonitoringIndexSpec?
    /// The disclosure rules applied to everything published (report, exports for publication).
    public var disclosure = PublicationRules()
    /// The `[reach]` table (project register, participant lists), read by QuartierReach; nil without one.
    public var reach: SpecTable?
    /// The spec file itself (path, text) for provenance and line-located errors.
    public var document: SpecDocument

    /// The level records are assigned to.
    public var lowestLevel: AreaLevelSpec { levels[0] }

    /// The years with a source, ascending (each once).
    public var years: [Int] { Array(Set(sources.map(\.year))).sorted() }

    /// Whether the spec names its sources (`name = ...`); the old form has one unnamed source per
    /// year and keeps its count terms' old names.
    public var namedSources = false

    /// The sources of `year`, in spec order.
    public func sources(of year: Int) -> [RecordSourceSpec] { sources.filter { $0.year == year } }
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

/// One named source of one year: records (at coordinates, at an address, or with an area id)
/// or a table per area at any level.
///
/// A spec lists `[[sources]]`, each with a `name` (`einwohner`, `ba_sgb2`); a name may appear once
/// per year. A source that holds several years in one file (a `year_column` or a `date_column`)
/// becomes one `RecordSourceSpec` per year, each reading only that year's rows. The old form
/// (`persons = ...` or `table = ...` without a name, one per year) is one source named `persons`
/// (or `table`) per year, and its count terms keep their old names (`n`, the filter, `column:X`).
public struct RecordSourceSpec: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Person records at coordinates (`id,x,y,...` CSV), assigned to the lowest level.
        case persons(file: String, x: String, y: String, crs: CRS?)
        /// Records that name their area (a block or Quartier id): counted straight into that level.
        case areaRecords(AreaRecordsSource)
        /// Records at an address (street, house number, suffix), located through a house-coordinate
        /// table and then assigned to the lowest level like records at coordinates.
        case addressRecords(AddressRecordsSource)
        /// A table per area from the statistics office, at the given level, keyed by `idColumn`.
        case areaTable(AreaTableSource)
    }

    /// Records with an area id column.
    public struct AreaRecordsSource: Sendable, Hashable {
        public var file: String
        public var idColumn: String
        public var level: String
    }

    /// Records with an address, and the house-coordinate table they are located with.
    public struct AddressRecordsSource: Sendable, Hashable {
        public var file: String
        public var street: String
        public var number: String
        public var suffix: String?
        public var houseCoordinates: HouseCoordinateSpec
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

    /// Which rows of a file that holds several years belong to this source's year.
    public struct YearSelector: Sendable, Hashable {
        public var column: String
        /// True for a reference-date column (`2021-12-31`, `31.12.2021`): its year is the 4-digit
        /// group of the date; false for a column holding the year itself.
        public var isDate: Bool
    }

    /// The source's name, unique within its year (`persons` for the old unnamed form).
    public var name: String = "persons"
    public var year: Int
    public var kind: Kind
    /// For a file of several years: the column that picks this year's rows.
    public var yearSelector: YearSelector?
    /// How the source's file is read when detection is not wanted: a forced delimiter, encoding or
    /// decimal style (`delimiter`, `encoding`, `decimal` in the spec); each nil = detected.
    public var reading = TableOptions()
    /// The reference date of the figures (e.g. `2020-12-31`), as given.
    public var referenceDate: String?
    public var line: Int?

    public var file: String {
        switch kind {
        case .persons(let file, _, _, _): file
        case .areaRecords(let records): records.file
        case .addressRecords(let records): records.file
        case .areaTable(let table): table.file
        }
    }

    /// Whether the source's records are located in the lowest level's areas (records at coordinates
    /// or at an address), so that counting it needs the level's locator.
    public var needsLocator: Bool {
        switch kind {
        case .persons, .addressRecords: true
        case .areaRecords, .areaTable: false
        }
    }

    /// Whether the source holds records (persons, pupils, exams) rather than a table per area.
    public var holdsRecords: Bool {
        if case .areaTable = kind { return false }
        return true
    }

    /// The level the source's counts enter the hierarchy at (nil: the lowest level).
    public var level: String? {
        switch kind {
        case .persons, .addressRecords: nil
        case .areaRecords(let records): records.level
        case .areaTable(let table): table.level
        }
    }
}

/// The house-coordinate table (Hauskoordinaten: street, house number, suffix, easting, northing)
/// address records are located with.
public struct HouseCoordinateSpec: Sendable, Hashable {
    public var file: String
    public var street: String
    public var number: String
    public var suffix: String?
    public var x: String
    public var y: String
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
    /// The sources the numerator and denominator are counted from (nil: the year's only source).
    public var numeratorSource: String?
    public var denominatorSource: String?
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

import QuartierGeometry

/// Everything a report shows, as plain values: the monitoring fills it, the renderer only reads it.
///
/// The model is the boundary between computation and presentation: the renderer does no statistics
/// beyond sorting, counting and drawing. Suppressed and missing cells carry no number (`ReportCell`),
/// so nothing the disclosure rules suppress can reach the HTML, SVG or CSV.
public struct ReportModel: Sendable, Hashable {
    public var title: String
    public var subtitle: String
    public var language: ReportLanguage
    /// The projected CRS of every geometry (e.g. "EPSG:25833"); maps assume metres.
    public var crs: String
    /// Names of the hierarchy levels, finest first (level 0 = the areas of the index).
    public var levelNames: [String]
    public var areas: [ReportArea]
    public var indicators: [ReportIndicator]
    public var index: ReportClassification
    /// The dynamics (change) classification, if the monitoring has one.
    public var dynamics: ReportClassification?
    /// Neighbour ids per area id (level 0), sorted.
    public var neighbours: [String: [String]]
    public var methods: [ReportTextItem]
    public var sources: [ReportSource]
    /// The disclosure rule applied, as one footnote.
    public var disclosureNote: String
    public var quartierVersion: String
    /// Hash of the monitoring spec (nil when the report was not built from a spec).
    public var specHash: String?
    /// Access to offers (`[[offers]]`): access and gap maps, gap tables, scenarios (empty: none).
    public var access: [ReportAccess] = []

    public init(title: String, subtitle: String = "", language: ReportLanguage = .de, crs: String,
                levelNames: [String], areas: [ReportArea], indicators: [ReportIndicator],
                index: ReportClassification, dynamics: ReportClassification? = nil,
                neighbours: [String: [String]] = [:], methods: [ReportTextItem] = [], sources: [ReportSource] = [],
                disclosureNote: String = "", quartierVersion: String, specHash: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.language = language
        self.crs = crs
        self.levelNames = levelNames
        self.areas = areas
        self.indicators = indicators
        self.index = index
        self.dynamics = dynamics
        self.neighbours = neighbours
        self.methods = methods
        self.sources = sources
        self.disclosureNote = disclosureNote
        self.quartierVersion = quartierVersion
        self.specHash = specHash
    }
}

/// The report's language: labels from `ReportStrings`, numbers in the locale's format.
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
    case de, en
}

/// One area of any level.
public struct ReportArea: Sendable, Hashable {
    public var id: String
    public var name: String
    /// 0 for the areas of the index; 1, 2, ... for the coarser levels.
    public var level: Int
    public var parentID: String?
    /// In the model's projected CRS; empty for levels drawn without geometry.
    public var geometry: MultiPolygon
    /// Inhabitants (shown in profiles and tables), if known.
    public var population: ReportCell

    public init(id: String, name: String, level: Int = 0, parentID: String? = nil, geometry: MultiPolygon,
                population: ReportCell = .missing(.notAvailable)) {
        self.id = id
        self.name = name
        self.level = level
        self.parentID = parentID
        self.geometry = geometry
        self.population = population
    }
}

/// Why a cell has no value. Carries no number by construction.
public enum AbsenceReason: Sendable, Hashable {
    /// Suppressed by the disclosure rule (primary or secondary); shown as the rule's symbol.
    case disclosure
    /// Too few inhabitants for a valid value (e.g. MSS: fewer than 300).
    case tooFewInhabitants
    /// Flagged as an outlier by the publisher.
    case outlier
    /// Not available for this area or year.
    case notAvailable
    /// Another reason, in words.
    case other(String)
}

/// One cell of a report table: a value, or the reason why there is none.
///
/// `suppressed` and `missing` hold no number, so a suppressed value cannot be rendered by mistake.
public enum ReportCell: Sendable, Hashable {
    case value(Double, numerator: Double? = nil, denominator: Double? = nil, interval: ReportInterval? = nil)
    case suppressed(AbsenceReason)
    case missing(AbsenceReason)

    /// The value, or nil when absent.
    public var number: Double? {
        if case .value(let value, _, _, _) = self { return value }
        return nil
    }

    public var interval: ReportInterval? {
        if case .value(_, _, _, let interval) = self { return interval }
        return nil
    }

    /// A plain value.
    public static func of(_ value: Double) -> ReportCell { .value(value) }
}

/// A confidence or credible interval of a value, with its level (0.95) and method name.
public struct ReportInterval: Sendable, Hashable {
    public var low: Double
    public var high: Double
    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }
}

/// How an indicator's numbers are scaled when shown.
public enum ReportUnit: Sendable, Hashable {
    /// Per cent (`12,3 %`).
    case percent
    /// Percentage points (a change of shares, `+1,2 Pp.`).
    case percentagePoints
    /// Per thousand.
    case perThousand
    /// A count.
    case count
    /// A unit-free score (z-values, indices).
    case score
}

/// Whether a higher value means more disadvantage.
public enum ReportDirection: Sendable, Hashable {
    case higherIsWorse, higherIsBetter
}

/// One indicator with its values per area and year.
public struct ReportIndicator: Sendable, Hashable {
    public var id: String
    public var label: String
    public var unit: ReportUnit
    public var decimals: Int
    public var direction: ReportDirection
    /// Definition in words (numerator / denominator), shown in Methods.
    public var definition: String
    /// Reference date per year shown, e.g. [2020: "31.12.2020"].
    public var referenceDates: [Int: String]
    /// Values per area id and year.
    public var values: [String: [Int: ReportCell]]
    /// The city-wide value per year.
    public var cityValues: [Int: ReportCell]

    public init(id: String, label: String, unit: ReportUnit, decimals: Int = 1, direction: ReportDirection = .higherIsWorse,
                definition: String = "", referenceDates: [Int: String] = [:], values: [String: [Int: ReportCell]],
                cityValues: [Int: ReportCell] = [:], years: [Int]? = nil) {
        self.years = years ?? Set(values.values.flatMap(\.keys)).sorted()
        self.id = id
        self.label = label
        self.unit = unit
        self.decimals = decimals
        self.direction = direction
        self.definition = definition
        self.referenceDates = referenceDates
        self.values = values
        self.cityValues = cityValues
    }

    /// The years shown, ascending (by default every year with a cell).
    public var years: [Int]

    /// The latest year.
    public var latestYear: Int? { years.last }

    public func cell(_ areaID: String, year: Int) -> ReportCell {
        values[areaID]?[year] ?? .missing(.notAvailable)
    }
}

/// A classification of the level-0 areas: the index (status) or the dynamics.
public struct ReportClassification: Sendable, Hashable {
    public var label: String
    /// The classes in order of increasing disadvantage.
    public var classes: [ReportClass]
    /// Per area id: the value (score), the rank (1 = most disadvantaged) and the class id, or nil
    /// when the area has no valid value (drawn hatched).
    public var entries: [String: ReportClassEntry]
    /// Palette for the class fills.
    public var palette: ReportPalette

    public init(label: String, classes: [ReportClass], entries: [String: ReportClassEntry], palette: ReportPalette) {
        self.label = label
        self.classes = classes
        self.entries = entries
        self.palette = palette
    }

    public func entry(_ id: String) -> ReportClassEntry {
        entries[id] ?? ReportClassEntry(value: .missing(.notAvailable), rank: nil, classID: nil)
    }

    public func classDefinition(_ id: Int?) -> ReportClass? {
        guard let id else { return nil }
        return classes.first { $0.id == id }
    }

    /// The fill of a class: its position in `classes` picks the palette colour.
    public func colour(of classID: Int) -> String {
        guard let position = classes.firstIndex(where: { $0.id == classID }) else { return "#cccccc" }
        return palette.colours(count: classes.count)[position]
    }
}

/// One area's entry of a classification.
public struct ReportClassEntry: Sendable, Hashable {
    public var value: ReportCell
    public var rank: Int?
    public var classID: Int?
    /// The simulated interval of `rank`, where the monitoring publishes one.
    public var rankInterval: ReportRankInterval?

    public init(value: ReportCell, rank: Int?, classID: Int?, rankInterval: ReportRankInterval? = nil) {
        self.value = value
        self.rank = rank
        self.classID = classID
        self.rankInterval = rankInterval
    }
}

/// One class with its bounds; bounds state their closure (MSS: mittel is `[−1; 1]`, niedrig `(1; 1,5]`).
public struct ReportClass: Sendable, Hashable {
    public var id: Int
    public var label: String
    public var lower: Double?
    public var lowerClosed: Bool
    public var upper: Double?
    public var upperClosed: Bool

    public init(id: Int, label: String, lower: Double?, lowerClosed: Bool = false, upper: Double?, upperClosed: Bool = true) {
        self.id = id
        self.label = label
        self.lower = lower
        self.lowerClosed = lowerClosed
        self.upper = upper
        self.upperClosed = upperClosed
    }
}

/// A heading and a paragraph of the methods section.
public struct ReportTextItem: Sendable, Hashable {
    public var title: String
    public var text: String
    public init(title: String, text: String) {
        self.title = title
        self.text = text
    }
}

/// A data source with its reference date and licence.
public struct ReportSource: Sendable, Hashable {
    public var name: String
    public var referenceDate: String
    public var attribution: String
    public init(name: String, referenceDate: String, attribution: String) {
        self.name = name
        self.referenceDate = referenceDate
        self.attribution = attribution
    }
}

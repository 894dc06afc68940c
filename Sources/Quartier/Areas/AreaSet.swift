import QuartierBase
import QuartierGeometry

/// A set of areas read from one file, with its CRS and hierarchy columns.
///
/// ```swift
/// let plr = try AreaSet.load(path: "lor_planungsraeume_2021_epsg25833.geojson",
///                            options: AreaSet.LoadOptions(idColumn: "plr_id", parentColumns: ["bzr_id", "pgr_id", "bez_id"]))
/// ```
public struct AreaSet: Sendable {
    /// The file the areas come from.
    public var source: String
    /// The GeoPackage layer, nil for other formats.
    public var layer: String?
    /// The CRS of the coordinates.
    public var crs: CRS
    /// How the CRS was found (see `FeatureFile.crsSource`), plus "transformed from …" when projected.
    public var crsSource: String
    /// The id column ("(feature id)" when the features' own ids were used).
    public var idColumn: String
    /// The name column, if any.
    public var nameColumn: String?
    /// The parent id columns, lowest level first (e.g. bzr_id, pgr_id, bez_id).
    public var parentColumns: [String]
    public var areas: [Area]
    /// Notes from reading (encoding rule, CRS override, repairs).
    public var notes: [String]

    public init(source: String, layer: String? = nil, crs: CRS, crsSource: String = "given", idColumn: String,
                nameColumn: String? = nil, parentColumns: [String] = [], areas: [Area], notes: [String] = []) {
        self.source = source
        self.layer = layer
        self.crs = crs
        self.crsSource = crsSource
        self.idColumn = idColumn
        self.nameColumn = nameColumn
        self.parentColumns = parentColumns
        self.areas = areas
        self.notes = notes
    }

    /// How to read an area set.
    public struct LoadOptions: Hashable, Sendable {
        /// The GeoPackage layer (table); required when the file has several.
        public var layer: String?
        /// The id column; nil picks a property named `id` (any case), else the features' own ids.
        public var idColumn: String?
        /// The name column; nil picks `name`, else `<id column without _id>_name` (plr_id → plr_name) if present.
        public var nameColumn: String?
        /// Parent id columns, lowest level first.
        public var parentColumns: [String]
        /// Use this CRS instead of the file's declaration.
        public var sourceCRS: CRS?
        /// Transform the areas into this CRS after reading (nil keeps the source CRS).
        public var targetCRS: CRS?

        public init(layer: String? = nil, idColumn: String? = nil, nameColumn: String? = nil, parentColumns: [String] = [],
                    sourceCRS: CRS? = nil, targetCRS: CRS? = nil) {
            self.layer = layer
            self.idColumn = idColumn
            self.nameColumn = nameColumn
            self.parentColumns = parentColumns
            self.sourceCRS = sourceCRS
            self.targetCRS = targetCRS
        }
    }

    /// The area with `id`, if present (the first one when ids repeat).
    public func area(id: String) -> Area? { areas.first { $0.id == id } }

    /// The ids in source order.
    public var ids: [String] { areas.map(\.id) }

    /// The location of an area in the source, for messages.
    public func location(of area: Area, field: String? = nil) -> InputLocation {
        InputLocation(file: source, feature: "\(area.featureIndex) (id \(area.id))", field: field)
    }
}

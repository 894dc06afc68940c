import QuartierBase
import QuartierGeometry

extension AreaSet {
    /// Reads an area set from a GeoPackage, GeoJSON or Shapefile.
    ///
    /// Every feature must have a Polygon or MultiPolygon geometry (an empty one is kept and reported by
    /// the checks) and a non-empty id; otherwise an `InputError` names the file, the feature index and
    /// the field. Ids are read as text: text unchanged, integers without fraction.
    /// - Throws: `InputError` for unreadable files, missing ids, non-areal or null geometries, a missing
    ///   CRS (give `sourceCRS`), unknown column names; `PROJError` when the transformation fails.
    public static func load(path: String, options: LoadOptions = LoadOptions()) throws -> AreaSet {
        let file = try FeatureFile.read(path: path, layer: options.layer, crsOverride: options.sourceCRS)
        var set = try AreaSet(file: file, options: options)
        if let target = options.targetCRS, target != set.crs {
            set = try set.transformed(to: target)
        }
        return set
    }

    /// Builds an area set from features already read.
    public init(file: FeatureFile, options: LoadOptions = LoadOptions()) throws(InputError) {
        let features = file.features
        let names = FeatureFile.propertyNames(features)
        func requireColumn(_ column: String, _ role: String) throws(InputError) {
            guard names.contains(column) else {
                throw InputError(InputLocation(file: file.path, field: column), found: "no property \"\(column)\" (the \(role))",
                                 expected: "one of: \(names.joined(separator: ", "))")
            }
        }
        let idColumn: String?
        if let named = options.idColumn {
            try requireColumn(named, "id column")
            idColumn = named
        } else {
            idColumn = names.first { $0.lowercased() == "id" }
        }
        if idColumn == nil, features.contains(where: { $0.id == nil }) {
            throw InputError(InputLocation(file: file.path, field: "id"), found: "no id column and features without their own id",
                             expected: "--id naming the id column (one of: \(names.joined(separator: ", ")))")
        }
        for column in options.parentColumns { try requireColumn(column, "parent column") }
        var nameColumn = options.nameColumn
        if let named = nameColumn {
            try requireColumn(named, "name column")
        } else if let idColumn, idColumn.lowercased().hasSuffix("_id"), names.contains(String(idColumn.dropLast(3)) + "_name") {
            nameColumn = String(idColumn.dropLast(3)) + "_name"
        } else {
            nameColumn = names.first { $0.lowercased() == "name" }
        }
        guard let crs = file.crs else {
            throw InputError(InputLocation(file: file.path, field: "CRS"), found: "no coordinate reference system (\(file.crsSource))",
                             expected: "a CRS: add a .prj, or give --source-crs (e.g. EPSG:25833)")
        }

        var areas: [Area] = []
        areas.reserveCapacity(features.count)
        for (index, feature) in features.enumerated() {
            let idValue = idColumn.map { feature[$0] ?? .null } ?? feature.id ?? .null
            guard let id = idValue.text, !id.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw InputError(InputLocation(file: file.path, feature: String(index), field: idColumn ?? "id"),
                                 found: idValue == .null ? "no id" : "an empty id", expected: "a non-empty area id")
            }
            guard let geometry = feature.geometry else {
                throw InputError(InputLocation(file: file.path, feature: "\(index) (id \(id))", field: "geometry"),
                                 found: "no geometry", expected: "a Polygon or MultiPolygon")
            }
            guard let areal = geometry.areal else {
                throw InputError(InputLocation(file: file.path, feature: "\(index) (id \(id))", field: "geometry"),
                                 found: "a \(geometry.typeName)", expected: "a Polygon or MultiPolygon")
            }
            let parents = options.parentColumns.map { column -> String? in
                guard let text = feature[column]?.text, !text.isEmpty else { return nil }
                return text
            }
            areas.append(Area(id: id, name: nameColumn.flatMap { feature[$0]?.text }, parentIDs: parents, geometry: areal,
                              properties: feature.properties, featureIndex: index))
        }
        self.init(source: file.path, layer: file.layer, crs: crs, crsSource: file.crsSource, idColumn: idColumn ?? "(feature id)",
                  nameColumn: nameColumn, parentColumns: options.parentColumns, areas: areas, notes: file.notes)
    }

    /// The polygons of an area set keyed by id, as the aggregation engine needs them.
    ///
    /// ```swift
    /// let (areas, crs) = try AreaSet.loadPolygons(path: "plr.gpkg", idColumn: "plr_id")
    /// ```
    /// - Parameters:
    ///   - layer: the GeoPackage layer when the file has several.
    ///   - idColumn: the id property (nil: `id`, else the features' own ids).
    ///   - targetCRS: transform into this CRS (the job's working CRS); nil keeps the file's.
    ///   - repair: repair invalid geometries with GEOS MakeValid; without it an invalid area is an error.
    /// - Throws: `InputError` (file, feature, field) for bad input or an invalid geometry without `repair`.
    public static func loadPolygons(path: String, layer: String? = nil, idColumn: String? = nil,
                                    targetCRS: CRS? = nil, repair: Bool = false) throws -> (areas: [(id: String, geometry: MultiPolygon)], crs: CRS) {
        var set = try load(path: path, options: LoadOptions(layer: layer, idColumn: idColumn, targetCRS: targetCRS))
        set = try set.requiringValidGeometries(repair: repair)
        return (set.areas.map { ($0.id, $0.geometry) }, set.crs)
    }
}

extension FeatureFile {
    /// Property names over all features, in order of first appearance.
    public static func propertyNames(_ features: [Feature]) -> [String] {
        var seen = Set<String>()
        var names: [String] = []
        for feature in features {
            for property in feature.properties where seen.insert(property.name).inserted { names.append(property.name) }
        }
        return names
    }
}

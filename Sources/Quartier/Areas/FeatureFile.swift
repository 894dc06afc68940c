import Foundation
import QuartierBase
import QuartierGeometry
import QuartierPROJ
import QuartierShapefile

/// The vector formats Quartier reads areas from.
public enum FeatureFormat: String, Hashable, Sendable, CaseIterable {
    case geoPackage = "GeoPackage"
    case geoJSON = "GeoJSON"
    case shapefile = "Shapefile"

    /// The format of `path` by its extension (.gpkg; .geojson/.json; .shp).
    public init(path: String) throws(InputError) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "gpkg": self = .geoPackage
        case "geojson", "json": self = .geoJSON
        case "shp": self = .shapefile
        case let other:
            throw InputError(InputLocation(file: path), found: other.isEmpty ? "no file extension" : "extension .\(other)",
                             expected: ".gpkg, .geojson/.json or .shp")
        }
    }
}

/// The features of one layer of a file, with the CRS they are in and where that CRS came from.
public struct FeatureFile: Sendable {
    public var path: String
    public var format: FeatureFormat
    /// The GeoPackage table read, nil for GeoJSON and Shapefile.
    public var layer: String?
    public var collection: FeatureCollection
    /// The CRS of the coordinates: the override if given, else what the file declares.
    public var crs: CRS?
    /// How `crs` was found: "legacy GeoJSON crs member", "RFC 7946 default (no crs member)",
    /// "gpkg_spatial_ref_sys srs_id 25833", ".prj (identified by PROJ)", ".prj (WKT)", "override".
    public var crsSource: String
    /// Notes about the reading (the DBF encoding rule that applied, ...).
    public var notes: [String]

    public var features: [Feature] { collection.features }

    /// Reads all features of `path`.
    /// - Parameters:
    ///   - layer: the GeoPackage table (required when the file has more than one).
    ///   - crsOverride: use this CRS instead of the file's (for a missing or wrong declaration).
    /// - Throws: `InputError` naming the file, the feature and the field for malformed input.
    public static func read(path: String, layer: String? = nil, crsOverride: CRS? = nil) throws(InputError) -> FeatureFile {
        let format = try FeatureFormat(path: path)
        var file: FeatureFile
        switch format {
        case .geoJSON: file = try readGeoJSON(path)
        case .geoPackage: file = try readGeoPackage(path, layer: layer)
        case .shapefile: file = try readShapefile(path)
        }
        if layer != nil, format != .geoPackage {
            file.notes.append("--layer is ignored for \(format.rawValue) files")
        }
        if let crsOverride {
            if let declared = file.crs, declared != crsOverride {
                file.notes.append("the file declares \(declared.definition.prefix(60)) (\(file.crsSource)); overridden by \(crsOverride)")
            }
            file.crs = crsOverride
            file.crsSource = "override"
        }
        return file
    }

    static func readGeoJSON(_ path: String) throws(InputError) -> FeatureFile {
        // Memory-mapped, not copied: a malformed file (a 2 GB sparse file of NUL bytes) fails at its
        // first bad byte having touched only the pages before it; the start is checked first.
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw InputError(InputLocation(file: path), found: "an unreadable file (\(error.localizedDescription))", expected: "a GeoJSON file")
        }
        try checkGeoJSONStart(data, path: path)
        do {
            let collection = try GeoJSON.decodeFeatureCollection(data)
            let declared = collection.crsIsDeclared
            return FeatureFile(path: path, format: .geoJSON, layer: nil, collection: collection, crs: collection.crs,
                               crsSource: declared ? "legacy GeoJSON crs member" : "RFC 7946 default (no crs member)", notes: [])
        } catch {
            var location = InputLocation(file: path, feature: error.feature, field: error.field)
            if let offset = error.offset, error.feature == nil {
                let prefix = data.prefix(offset)
                location.line = prefix.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
            throw InputError(location, found: error.message, expected: "valid GeoJSON (RFC 7946)")
        }
    }

    /// The first 64 KiB of a GeoJSON file: after an optional BOM and whitespace the text must start
    /// with `{`, and hold no NUL byte (text never does; a sparse or binary file does at once).
    static func checkGeoJSONStart(_ data: Data, path: String) throws(InputError) {
        let head = data.prefix(65_536)
        if let nul = head.firstIndex(of: 0) {
            throw InputError(InputLocation(file: path), found: "a NUL byte at byte \(nul - head.startIndex + 1) (a binary or sparse file of \(data.count) bytes)",
                             expected: "GeoJSON text (RFC 7946)")
        }
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            if data.count <= 65_536 {
                throw InputError(InputLocation(file: path), found: "an empty file", expected: "a GeoJSON object")
            }
            throw InputError(InputLocation(file: path), found: "64 KiB of whitespace", expected: "a GeoJSON object")
        }
        guard first == UInt8(ascii: "{") else {
            throw InputError(InputLocation(file: path, line: 1), found: "a first character other than { (content not quoted)",
                             expected: "a GeoJSON object starting with {")
        }
    }

    static func readGeoPackage(_ path: String, layer name: String?) throws(InputError) -> FeatureFile {
        let reader = try GeoPackageReader(path: path)
        let layer = try reader.layer(named: name)
        let collection = try reader.features(layer: layer)
        return FeatureFile(path: path, format: .geoPackage, layer: layer.name, collection: collection, crs: layer.crs,
                           crsSource: "gpkg_spatial_ref_sys srs_id \(layer.srsID)", notes: [])
    }

    static func readShapefile(_ path: String) throws(InputError) -> FeatureFile {
        do {
            let reader = try ShapefileReader(path: path)
            let features = try reader.features()
            var crs: CRS?
            var source = "none (no .prj)"
            if let wkt = reader.projection?.trimmingCharacters(in: .whitespacesAndNewlines), !wkt.isEmpty {
                do {
                    let object = try CRSObject(CRS(wkt))
                    if let identified = object.identify() {
                        crs = identified
                        source = ".prj (identified by PROJ)"
                    } else {
                        crs = CRS(wkt)
                        source = ".prj (WKT, not identified)"
                    }
                } catch {
                    throw InputError(InputLocation(file: String(path.dropLast(4)) + ".prj"), found: error.description, expected: "a WKT coordinate reference system")
                }
            }
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            return FeatureFile(path: path, format: .shapefile, layer: nil, collection: FeatureCollection(name: name, crs: crs, features: features),
                               crs: crs, crsSource: source, notes: ["DBF text decoded as \(reader.encoding.rawValue) (\(reader.encodingSource))"])
        } catch let error as ShapefileError {
            throw InputError(InputLocation(file: error.path), found: "\(error.function): \(error.message)", expected: "a readable Shapefile")
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(InputLocation(file: path), found: "\(error)", expected: "a readable Shapefile")
        }
    }
}

import Quartier
import QuartierBase

extension MonitoringSpec {
    /// The rule every id of a spec follows — levels, indicators, sources, layers —, because ids become
    /// table and column names in the store (`areas_<level>`, `z_<indicator>`) and parts of file names.
    public static let identifierRule = "an id of letters, digits, _ and -, starting with a letter or _, at most 63 characters"

    /// Whether `id` follows `identifierRule` (ASCII letters and digits only; 63 is PostgreSQL's
    /// identifier limit, so a store's tables can be copied into PostGIS unchanged).
    public static func isValidIdentifier(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard let first = bytes.first, bytes.count <= 63 else { return false }
        func letter(_ b: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b | 0x20) }
        guard letter(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { letter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// Checks every id in the spec's tree against `identifierRule` before anything else reads it:
    /// the level names (`[levels.NAME]`), their `parent` and `layer` (also per version), indicator
    /// ids, the `layer` and `level` of sources, and the index's `level`. The error names the spec's line and quotes an excerpt of the id.
    static func validateIdentifiers(in root: SpecTable) throws {
        func check(_ value: SpecValue?, at path: SpecPath) throws {
            guard let value else { return }
            guard case .string(let id) = value else { return }  // wrong types are reported by the typed readers
            guard isValidIdentifier(id) else {
                throw root.document.error(at: path, found: "\"\(InputError.excerpt(id))\"", expected: identifierRule)
            }
        }
        func tables(_ value: SpecValue?) -> [SpecValue] {
            if case .array(let items) = value { return items }
            return []
        }
        if case .table(let levels)? = root.values["levels"] {
            for (name, level) in levels.sorted(by: { $0.key < $1.key }) {
                let path = SpecPath([.key("levels"), .key(name)])
                try check(.string(name), at: path)
                guard case .table(let keys) = level else { continue }
                try check(keys["parent"], at: path.appending("parent"))
                try check(keys["layer"], at: path.appending("layer"))
                for (index, version) in tables(keys["versions"]).enumerated() {
                    guard case .table(let versionKeys) = version else { continue }
                    try check(versionKeys["layer"], at: path.appending("versions").appending(index: index).appending("layer"))
                }
            }
        }
        for section in ["indicators", "sources"] {
            for (index, item) in tables(root.values[section]).enumerated() {
                guard case .table(let keys) = item else { continue }
                let path = SpecPath([.key(section), .index(index)])
                // A source's `id` names the id column of its table, not the source: not an identifier.
                if section == "indicators" { try check(keys["id"], at: path.appending("id")) }
                try check(keys["layer"], at: path.appending("layer"))
                try check(keys["level"], at: path.appending("level"))
            }
        }
        if case .table(let index)? = root.values["index"] {
            try check(index["level"], at: SpecPath([.key("index"), .key("level")]))
        }
    }
}

import Quartier
import Foundation

extension MonitoringSpec {
    /// Every file the monitoring reads: the spec itself, each boundary version's area file (a
    /// Shapefile with its `.dbf`, `.shx`, `.prj` and `.cpg`) and each source's file. No output of the
    /// monitoring (store, export, report) may replace one of them (`OutputGuard`).
    public var inputFiles: [String] {
        var files = [document.path]
        for level in levels {
            for version in level.versions {
                files.append(version.file)
                if version.file.lowercased().hasSuffix(".shp") {
                    let stem = String(version.file.dropLast(4))
                    for sidecar in ["dbf", "shx", "prj", "cpg", "DBF", "SHX", "PRJ", "CPG"] { files.append(stem + "." + sidecar) }
                }
            }
        }
        files += sources.map(\.file)
        files += offers.map(\.file)
        return files
    }
}

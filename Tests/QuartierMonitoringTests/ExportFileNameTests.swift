import Foundation
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

/// Export file names come from level ids through the one sanitiser: whatever a level is called
/// (the spec loader refuses such ids; here the spec is changed after loading, and the store holds
/// `areas_<id>` under the hostile name, quoted), every file stays a
/// direct child of the export folder and no folder is created.
@Suite struct ExportFileNameTests {
    @Test(arguments: ["../../../escaped_level", "a/b/c", "..", ".hidden", "x\u{0}y"])
    func hostileLevelIDsStayInTheFolder(levelID: String) throws {
        let root = try TestPaths.temporaryFolder()
        let data = root.appendingPathComponent("city")
        let specPath = try SynthMonitoring.generate(areas: 30, persons: 1_500, years: 2022...2023, seed: 3, folder: data.path)
        var spec = try MonitoringSpec(path: specPath)
        spec.renameLevel(spec.levels[0].id, to: levelID)
        spec.index = nil
        let run = try MonitoringRunner(spec: spec).run()
        let published = PublishedResults.unprotected(spec: spec, results: run.results, areas: run.areas)
        let export = root.appendingPathComponent("a/b/export")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        let before = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { !$0.hasPrefix("a/b/export") }
        for format in [MonitoringExport.Format.csv, .xlsx] {
            let files = try MonitoringExport.write(spec: spec, published: published, format: format, folder: export.path)
            #expect(!files.isEmpty)
            for file in files {
                #expect(URL(fileURLWithPath: file).deletingLastPathComponent().path == export.path, "\(file)")
            }
        }
        let after = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { !$0.hasPrefix("a/b/export") }
        #expect(Set(after) == Set(before))
        let inside = try FileManager.default.contentsOfDirectory(atPath: export.path)
        for name in inside {
            var isFolder: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: export.appendingPathComponent(name).path, isDirectory: &isFolder) && !isFolder.boolValue, "\(name)")
            // Only the manifest of what Quartier wrote (OutputManifest) is a dot file.
            #expect(!name.hasPrefix(".") || name == ".quartier-outputs", "\(name)")
        }
    }
}

import Foundation
import QuartierGeometry
import QuartierPROJ
import Testing

@Suite struct PROJTests {
    /// TOOLCHAIN.md / PROJ 9.1: (13.405 E, 52.52 N) → EPSG:25833 E 391779.26, N 5820072.16.
    @Test(arguments: [CRS.epsg(4326), CRS.crs84])
    func transformsBerlin(source: CRS) throws {
        let transformer = try CoordinateTransformer(from: source, to: .epsg(25833))
        let p = try transformer.transform(Point(x: 13.405, y: 52.52))
        #expect(abs(p.x - 391779.26) < 0.005)
        #expect(abs(p.y - 5820072.16) < 0.005)
        let back = try CoordinateTransformer(from: .epsg(25833), to: source).transform(p)
        #expect(abs(back.x - 13.405) < 1e-9 && abs(back.y - 52.52) < 1e-9)
    }

    @Test func describes() throws {
        let utm = try CRS.epsg(25833).describe()
        #expect(utm.name == "ETRS89 / UTM zone 33N")
        #expect(utm.kind == .projected)
        #expect(utm.identified == .epsg(25833))
        #expect(try CRS.epsg(4326).describe().isGeographic)
        #expect(try CRS.crs84.describe().identified == .crs84)
    }

    /// An ESRI-dialect .prj as ArcGIS writes it identifies to EPSG:25833.
    @Test func identifiesESRIWKT() throws {
        let prj = #"PROJCS["ETRS_1989_UTM_Zone_33N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#
        #expect(try CRS(prj).identified() == .epsg(25833))
    }

    @Test func unknownCRSThrowsPROJMessage() {
        #expect { try CRS.epsg(999_999).describe() } throws: { error in
            let text = "\(error)"
            return text.contains("proj_create") && text.contains("999999")
        }
    }

    @Test func concurrentTransforms() throws {
        let box = Results(count: 6)
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            let ok = (try? {
                let transformer = try CoordinateTransformer(from: .epsg(4326), to: .epsg(25833))
                for _ in 0..<200 {
                    let p = try transformer.transform(Point(x: 13.405, y: 52.52))
                    guard abs(p.x - 391779.26) < 0.005 else { return false }
                }
                return true
            }()) ?? false
            box.set(worker, ok)
        }
        #expect(box.values.allSatisfy { $0 })
    }
}

final class Results: @unchecked Sendable { // @unchecked: guarded by the lock
    private let lock = NSLock()
    private(set) var values: [Bool]
    init(count: Int) { values = Array(repeating: false, count: count) }
    func set(_ index: Int, _ value: Bool) { lock.lock(); values[index] = value; lock.unlock() }
}

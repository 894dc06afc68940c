import Foundation
import QuartierBase
import QuartierGeometry
import Synchronization

/// `aggregate` end to end: read the areas, build the index, stream the points, write the table.
public struct AggregationJob: Sendable {
    public var areasPath: String
    public var layer: String?
    public var idColumn: String?
    public var pointsPath: String
    /// The points' CRS; nil = the areas' CRS.
    public var pointsCRS: CRS?
    public var spec: AggregationSpec
    public var outputPath: String
    public var summaryPath: String?
    public var unassignedPath: String?
    /// Repair invalid areas with GEOS instead of refusing them.
    public var repair: Bool

    public init(areasPath: String, layer: String? = nil, idColumn: String? = nil, pointsPath: String, pointsCRS: CRS? = nil,
                spec: AggregationSpec, outputPath: String, summaryPath: String? = nil, unassignedPath: String? = nil, repair: Bool = false) {
        self.repair = repair
        self.areasPath = areasPath
        self.layer = layer
        self.idColumn = idColumn
        self.pointsPath = pointsPath
        self.pointsCRS = pointsCRS
        self.spec = spec
        self.outputPath = outputPath
        self.summaryPath = summaryPath
        self.unassignedPath = unassignedPath
    }

    /// Seconds per phase, as the peers of shared/peers report them: `load_s` reads the areas (and
    /// transforms them to the points' CRS), `index_s` checks them with GEOS and builds the index (side
    /// by side), `join_s` reads, parses, locates and counts the points (streamed, never loaded whole),
    /// `write_s` writes the outputs.
    public struct Phases: Sendable, Codable {
        public var loadSeconds: Double
        public var indexSeconds: Double
        public var joinSeconds: Double
        public var writeSeconds: Double
        public var areas: Int
        public var points: Int
        public var threads: Int
        public var gridCells: Int
        public var pureCells: Int
        public var edges: Int
        public var repairedAreas: [String]

        /// The keys of the peers' `PHASES` line (shared/peers/bench.py reads them).
        enum CodingKeys: String, CodingKey {
            case loadSeconds = "load_s", indexSeconds = "index_s", joinSeconds = "join_s", writeSeconds = "write_s"
            case areas, points, threads, gridCells = "grid_cells", pureCells = "pure_cells", edges, repairedAreas = "repaired_areas"
        }
    }

    /// Runs the job; writes the outputs atomically.
    /// - Throws: `InputError` for bad input (unknown field, bad geometry, CRS mismatch, first bad
    ///   record with `strict`), `OutputError` when an output cannot be written.
    public func run() throws -> (summary: AggregationSummary, phases: Phases) {
        let clock = ContinuousClock()
        let t0 = clock.now
        let given = try AggregationJob.readAreas(path: areasPath, layer: layer, idColumn: idColumn)
        var areas = given
        if let pointsCRS, pointsCRS != given.crs {
            areas = try given.transformed(to: pointsCRS, source: areasPath) // the areas move, not the points
        }
        let t1 = clock.now
        // GEOS's validity check (of the areas as given) and the index build run side by side; the
        // index is built again only when an area had to be repaired.
        let validity = Mutex<Result<(AggregationAreas, [String]), any Error>?>(nil)
        let built = Mutex<AreaLocator?>(nil)
        let geometries = areas.geometries
        let (repair, source, threads) = (self.repair, areasPath, spec.threads)
        let check: @Sendable () -> Void = {
            var checked = given
            let outcome = Result { () throws -> (AggregationAreas, [String]) in
                let repaired = try checked.checkValidity(repair: repair, source: source, threads: max(1, threads - 1))
                return (checked, repaired)
            }
            validity.withLock { $0 = outcome }
        }
        let index: @Sendable () -> Void = { built.withLock { $0 = AreaLocator(areas: geometries) } }
        if threads > 1 {
            DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? check() : index() }
        } else {
            check()
            index()
        }
        let (checked, repaired) = try validity.withLock { $0! }.get()
        var locator = built.withLock { $0! }
        if !repaired.isEmpty {
            areas = checked
            if let pointsCRS, pointsCRS != checked.crs { areas = try checked.transformed(to: pointsCRS, source: areasPath) }
            locator = AreaLocator(areas: areas.geometries)
        }
        let t2 = clock.now
        let result = try Aggregator.run(pointsPath: pointsPath, locator: locator, spec: spec)
        let t3 = clock.now
        try AtomicFile.write(Data(result.csv(areas: areas)), to: outputPath)
        if let summaryPath { try AtomicFile.write(try result.summary.json(), to: summaryPath) }
        if let unassignedPath { try AtomicFile.write(Data(result.unassignedLines), to: unassignedPath) }
        let t4 = clock.now
        func seconds(_ d: Duration) -> Double { (d.inSeconds * 1000).rounded() / 1000 } // milliseconds, as the peers print
        let phases = Phases(loadSeconds: seconds(t1 - t0), indexSeconds: seconds(t2 - t1), joinSeconds: seconds(t3 - t2), writeSeconds: seconds(t4 - t3),
                            areas: areas.count, points: result.summary.records, threads: spec.threads,
                            gridCells: locator.cellCount, pureCells: locator.pureCellCount, edges: locator.edgeCount, repairedAreas: repaired)
        return (result.summary, phases)
    }

    /// Reads the areas of a GeoPackage, GeoJSON or Shapefile (`AreaSet.load`), optionally
    /// transformed into `targetCRS` with PROJ (the areas move, not the millions of points).
    /// - Throws: `InputError` for bad input; the PROJ error (naming both CRSs) when no transformation exists.
    public static func readAreas(path: String, layer: String?, idColumn: String?, targetCRS: CRS? = nil) throws -> AggregationAreas {
        let set = try AreaSet.load(path: path, options: AreaSet.LoadOptions(layer: layer, idColumn: idColumn, targetCRS: targetCRS))
        return try AggregationAreas(idColumn: set.idColumn, ids: set.areas.map(\.id), geometries: set.areas.map(\.geometry),
                                    crs: set.crs, source: path)
    }
}

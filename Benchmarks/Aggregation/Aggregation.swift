import QuartierMethods
import Benchmark
import Foundation
import Quartier

/// Aggregation benchmarks on a synthetic city (`SynthCity`, built once in setup): building the
/// area index, locating points, and the whole streaming aggregation of a persons CSV.
let benchmarks: @Sendable () -> Void = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quartier-bench-aggregation").path
    let areasPath = folder + "/city_areas.gpkg", personsPath = folder + "/city_persons.csv"
    nonisolated(unsafe) var city: SynthCity?
    nonisolated(unsafe) var areas: AggregationAreas?
    nonisolated(unsafe) var locator: AreaLocator?
    nonisolated(unsafe) var points: [(Double, Double)] = []

    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .peakMemoryResident, .mallocCountTotal],
                                           maxDuration: .seconds(5), maxIterations: 20)
    Benchmark.setup = {
        if city == nil {
            try SynthCity.generate(areas: 1000, persons: 1_000_000, seed: 42, folder: folder)
            city = SynthCity(areaCount: 1000, seed: 42)
            areas = try AggregationJob.readAreas(path: areasPath, layer: nil, idColumn: "poly_id")
            locator = AreaLocator(areas: areas!.geometries)
            var generator = SeededGenerator(seed: 1)
            let box = areas!.geometries.compactMap(\.boundingBox).reduce(into: areas!.geometries[0].boundingBox!) { $0.expand(toInclude: $1) }
            points = (0 ..< 1_000_000).map { _ in (generator.uniform(box.minX, box.maxX), generator.uniform(box.minY, box.maxY)) }
        }
    }

    Benchmark("AreaLocator build (1,000 areas)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(AreaLocator(areas: areas!.geometries))
        }
    }

    Benchmark("AreaLocator locate (1 M uniform points, 1 thread)", configuration: .init(scalingFactor: .mega)) { benchmark in
        let locator = locator!
        var inside = 0
        benchmark.startMeasurement()
        for k in benchmark.scaledIterations {
            let (x, y) = points[k % points.count]
            if case .interior = locator.locate(x: x, y: y) { inside += 1 }
        }
        benchmark.stopMeasurement()
        blackHole(inside)
    }

    Benchmark("aggregate 1 M persons CSV, all threads (read, parse, locate, count)") { benchmark in
        let spec = AggregationSpec(columns: [.sum(field: "sgb2"), .count(name: "kinder", filter: try RecordFilter("age < 15"))],
                                   boundaryRule: .contains)
        for _ in benchmark.scaledIterations {
            blackHole(try Aggregator.run(pointsPath: personsPath, locator: locator!, spec: spec))
        }
    }

    Benchmark("aggregate 1 M persons CSV, 1 thread") { benchmark in
        let spec = AggregationSpec(columns: [.sum(field: "sgb2")], boundaryRule: .contains, threads: 1)
        for _ in benchmark.scaledIterations {
            blackHole(try Aggregator.run(pointsPath: personsPath, locator: locator!, spec: spec))
        }
    }
}

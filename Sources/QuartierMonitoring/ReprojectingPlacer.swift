import Quartier
import QuartierAggregation
import QuartierGeometry
import QuartierPROJ
import QuartierTable

/// Places records at coordinates in another CRS than the monitoring's working CRS: x and y read as
/// numbers in the file's decimal style, transformed by PROJ (`CoordinateTransformer`: x = easting or
/// longitude, y = northing or latitude, whatever the authority's axis order) into the working CRS,
/// then assigned like every record at coordinates. A coordinate that is not a number, or that PROJ
/// cannot transform, rejects its record naming the field. Each thread has its own PROJ context and
/// transformation (PROJ objects are not shared between threads).
struct ReprojectingPlacer: RecordPlacer {
    let x: String
    let y: String
    let source: CRS
    let target: CRS
    var fieldNames: [String] { [x, y] }
    var reasons: [String] { [] }

    /// Fails early (when the spec's run starts) for a CRS PROJ does not know.
    init(x: String, y: String, from source: CRS, to target: CRS) throws {
        self.x = x
        self.y = y
        self.source = source
        self.target = target
        _ = try CoordinateTransformer(from: source, to: target, context: PROJContext())
    }

    func makeWorker() -> any RecordPlacerWorker {
        // The init checked that this transformation can be made.
        Worker(transformer: try! CoordinateTransformer(from: source, to: target, context: PROJContext()))
    }

    final class Worker: RecordPlacerWorker {
        let transformer: CoordinateTransformer
        init(transformer: CoordinateTransformer) { self.transformer = transformer }

        func place(_ fields: CSVFields, columns: UnsafeBufferPointer<Int>) -> RecordPlace {
            guard var x = fields.double(columns[0]), x.isFinite else { return .rejected(field: 0, expected: "a finite number") }
            guard var y = fields.double(columns[1]), y.isFinite else { return .rejected(field: 1, expected: "a finite number") }
            guard transformer.transform(x: &x, y: &y) else {
                return .rejected(field: 0, expected: "a point the transformation from \(transformer.source) to \(transformer.target) can take")
            }
            return .point(x: x, y: y)
        }
    }
}

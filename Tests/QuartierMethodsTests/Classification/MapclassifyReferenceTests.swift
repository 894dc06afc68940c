import Foundation
import QuartierGeometry
import QuartierMethods
import QuartierTestSupport
import Testing

/// Breaks, counts and gadf against mapclassify 2.10.0.
/// Reference: `python3 scripts/reference/classification_reference.py` (from the package root); its output is
/// pasted below unchanged. "berlin" = flaeche_qm_amtlich of the 542 Berlin PLR 2021.
@Suite struct MapclassifyReferenceTests {
    static let reference: [(set: String, method: String, k: Int, bins: [Double], counts: [Int], gadf: Double)] = [
    ("berlin", "quantiles", 3, [586774.1066666667, 1227409.9300000002, 23735232.25], [181, 180, 181], 0.35268992782159847),
    ("berlin", "equalInterval", 3, [8000840.083333333, 15868036.166666666, 23735232.25], [527, 6, 9], 0.32039780030961995),
    ("berlin", "fisherJenks", 3, [2145041.58, 9172900.41, 23735232.25], [439, 90, 13], 0.549298037815438),
    ("berlin", "quantiles", 4, [516896.96499999997, 810527.07, 1668348.585, 23735232.25], [136, 135, 135, 136], 0.4344110301853681),
    ("berlin", "equalInterval", 4, [6034041.0625, 11934438.125, 17834835.1875, 23735232.25], [525, 6, 6, 5], 0.3449099650979558),
    ("berlin", "fisherJenks", 4, [1991509.27, 6419300.11, 13068045.62, 23735232.25], [433, 93, 6, 10], 0.5876912570197048),
    ("berlin", "quantiles", 5, [456516.98600000003, 666981.362, 1050325.7079999996, 2024382.7180000003, 23735232.25], [109, 108, 108, 108, 109], 0.4817070956580711),
    ("berlin", "equalInterval", 5, [4853961.65, 9574279.3, 14294596.950000001, 19014914.6, 23735232.25], [515, 14, 3, 7, 3], 0.42478260033409154),
    ("berlin", "fisherJenks", 5, [1494617.64, 3374911.36, 7332065.96, 14763147.97, 23735232.25], [393, 105, 29, 6, 9], 0.6701956587333665),
    ("berlin", "quantiles", 7, [409159.5857142857, 544267.7271428572, 695616.7942857143, 966377.8, 1455306.2714285715, 2567727.2614285713, 23735232.25], [78, 77, 77, 78, 77, 77, 78], 0.5408740361288386),
    ("berlin", "equalInterval", 7, [3505299.464285714, 6876954.928571428, 10248610.392857142, 13620265.857142856, 16991921.32142857, 20363576.785714284, 23735232.25], [498, 28, 3, 3, 3, 4, 3], 0.5068270126553878),
    ("berlin", "fisherJenks", 7, [1011360.28, 2169621.21, 3993481.55, 7332065.96, 13068045.62, 18376942.24, 23735232.25], [321, 119, 68, 19, 5, 7, 3], 0.7644753765633074),
    ("berlin", "stdMean", 0, [-3885715.903193929, -1120780.039834972, 4409091.686882943, 7174027.5502419, 23735232.25], [0, 0, 513, 13, 16], 0.3646084330320237),
    ("berlin", "headTail", 0, [1644155.8235239852, 4340351.403021582, 10906433.644482758, 17025880.25230769, 20190038.849999998, 22467007.183333334, 23735232.25], [403, 110, 16, 7, 3, 2, 1], 0.6622746019960348),
    ("ties", "quantiles", 3, [1.666666666666667, 4.333333333333334, 9.0], [4, 4, 4], 0.6956521739130435),
    ("ties", "equalInterval", 3, [3.6666666666666665, 6.333333333333333, 9.0], [7, 4, 1], 0.782608695652174),
    ("ties", "fisherJenks", 3, [3.0, 5.0, 9.0], [7, 4, 1], 0.782608695652174),
    ("ties", "quantiles", 4, [1.0, 2.5, 5.0, 9.0], [4, 2, 5, 1], 0.8695652173913043),
    ("ties", "equalInterval", 4, [3.0, 5.0, 7.0, 9.0], [7, 4, 0, 1], 0.782608695652174),
    ("ties", "fisherJenks", 4, [1.0, 3.0, 5.0, 9.0], [4, 3, 4, 1], 0.9130434782608696),
    ("ties", "quantiles", 5, [1.0, 2.0, 3.5999999999999996, 5.0, 9.0], [4, 2, 1, 4, 1], 0.9565217391304348),
    ("ties", "equalInterval", 5, [2.6, 4.2, 5.800000000000001, 7.4, 9.0], [6, 2, 3, 0, 1], 0.8695652173913043),
    ("ties", "fisherJenks", 5, [1.0, 2.0, 4.0, 5.0, 9.0], [4, 2, 2, 3, 1], 0.9565217391304348),
    ("ties", "stdMean", 0, [-1.6582490860702137, 0.7958754569648931, 5.704124543035107, 8.158249086070214, 9.0], [0, 0, 11, 0, 1], 0.30434782608695654),
    ("ties", "headTail", 0, [3.25, 5.6, 9.0], [7, 4, 1], 0.782608695652174),
    ("skewed", "quantiles", 3, [3.700000000000001, 12.500000000000002, 100.0], [6, 5, 5], 0.4442073821207595),
    ("skewed", "equalInterval", 3, [33.666666666666664, 66.83333333333333, 100.0], [13, 2, 1], 0.7450394708768935),
    ("skewed", "fisherJenks", 3, [20.0, 45.5, 100.0], [13, 2, 1], 0.7450394708768935),
    ("skewed", "quantiles", 4, [2.1750000000000003, 7.2, 14.825, 100.0], [4, 4, 4, 4], 0.6050778749733305),
    ("skewed", "equalInterval", 4, [25.375, 50.25, 75.125, 100.0], [13, 2, 0, 1], 0.7450394708768935),
    ("skewed", "fisherJenks", 4, [4.5, 20.0, 45.5, 100.0], [8, 5, 2, 1], 0.8990825688073395),
    ("skewed", "quantiles", 5, [2.1, 4.4, 10.0, 20.0, 100.0], [4, 3, 3, 3, 3], 0.6861531896735652),
    ("skewed", "equalInterval", 5, [20.4, 40.3, 60.199999999999996, 80.1, 100.0], [13, 0, 2, 0, 1], 0.7450394708768935),
    ("skewed", "fisherJenks", 5, [4.5, 13.1, 20.0, 45.5, 100.0], [8, 4, 1, 2, 1], 0.9310859825048006),
    ("skewed", "quantiles", 7, [2.0142857142857142, 2.62857142857143, 4.442857142857143, 9.957142857142857, 12.928571428571429, 40.571428571428584, 100.0], [3, 2, 2, 2, 2, 2, 3], 0.6880733944954129),
    ("skewed", "equalInterval", 7, [14.714285714285714, 28.928571428571427, 43.14285714285714, 57.357142857142854, 71.57142857142857, 85.78571428571428, 100.0], [12, 1, 0, 2, 0, 0, 1], 0.8116065713676126),
    ("skewed", "fisherJenks", 7, [2.2, 4.5, 10.0, 13.1, 20.0, 45.5, 100.0], [5, 3, 2, 2, 1, 2, 1], 0.9763174738638788),
    ("skewed", "stdMean", 0, [-35.05711789892895, -8.914496449464476, 43.37074644946448, 69.51336789892895, 100.0], [0, 0, 13, 2, 1], 0.7450394708768935),
    ("skewed", "headTail", 0, [17.228125, 52.375, 100.0], [12, 3, 1], 0.709195647535737),
    ("fewdistinct", "quantiles", 3, [5.666666666666668, 7.0, 8.0], [2, 3, 1], 1.0),
    ("fewdistinct", "equalInterval", 3, [4.666666666666667, 6.333333333333334, 8.0], [2, 0, 4], 0.8888888888888888),
    ("fewdistinct", "fisherJenks", 3, [3.0, 7.0, 8.0], [2, 3, 1], 1.0),
    ("fewdistinct", "quantiles", 4, [4.0, 7.0, 8.0], [2, 3, 1], 1.0),
    ("fewdistinct", "equalInterval", 4, [4.25, 5.5, 6.75, 8.0], [2, 0, 0, 4], 0.8888888888888888),
    ("fewdistinct", "quantiles", 5, [3.0, 7.0, 8.0], [2, 3, 1], 1.0),
    ("fewdistinct", "equalInterval", 5, [4.0, 5.0, 6.0, 7.0, 8.0], [2, 0, 0, 3, 1], 1.0),
    ("fewdistinct", "stdMean", 0, [1.376129426547525, 3.604731379940429, 8.061935286726237, 10.290537240119141], [0, 2, 4, 0], 0.8888888888888888),
    ("fewdistinct", "headTail", 0, [5.833333333333333, 7.25, 8.0], [2, 3, 1], 1.0),
    ]

    static let small: [String: [Double]] = [
        "ties": [1, 1, 1, 1, 2, 2, 3, 4, 5, 5, 5, 9],
        "skewed": [0.5, 1.25, 2.0, 2.1, 2.2, 3.7, 4.4, 4.5, 9.9, 10.0, 12.5, 13.1, 20.0, 44.0, 45.5, 100.0],
        "fewdistinct": [3, 3, 7, 7, 7, 8],
    ]

    static func berlinAreas() throws -> [Double] {
        let bytes = try Data(contentsOf: TestPaths.shared("berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson"))
        let collection = try GeoJSON.decodeFeatureCollection([UInt8](bytes))
        return try collection.features.map { try #require($0["flaeche_qm_amtlich"]?.number) }
    }

    static func values(_ set: String) throws -> [Double] {
        set == "berlin" ? try berlinAreas() : small[set]!
    }

    static func method(_ name: String, _ k: Int) -> ClassificationMethod {
        switch name {
        case "quantiles": .quantiles(k: k)
        case "equalInterval": .equalInterval(k: k)
        case "fisherJenks": .fisherJenks(k: k)
        case "stdMean": .standardDeviation(multiples: [-2, -1, 1, 2], divisor: .sample)
        default: .headTail(stop: .singleValue)
        }
    }

    @Test(arguments: 0..<reference.count)
    func sameAsMapclassify(_ index: Int) throws {
        let row = Self.reference[index]
        let result = try Classification.classify(Self.values(row.set), method: Self.method(row.method, row.k))
        #expect(result.bins.count == row.bins.count, "\(row.set) \(row.method) k=\(row.k): \(result.bins) vs \(row.bins)")
        for (ours, theirs) in try zipEqual(result.bins, row.bins) {
            #expect(abs(ours - theirs) <= 1e-12 * max(1, abs(theirs)), "\(row.set) \(row.method) k=\(row.k): \(result.bins) vs \(row.bins)")
        }
        #expect(result.counts == row.counts, "\(row.set) \(row.method) k=\(row.k)")
        #expect(abs(result.gadf - row.gadf) <= 1e-12, "\(row.set) \(row.method) k=\(row.k): gadf \(result.gadf) vs \(row.gadf)")
    }

    // // FisherJenks(fewdistinct, k=4): Fewer unique values (3) than specified classes (4).
    @Test func fisherJenksWithMoreClassesThanDistinctValues() throws {
        let result = try Classification.fisherJenks(Self.small["fewdistinct"]!, k: 4)
        #expect(result.bins == [3, 7, 8])
        #expect(result.counts == [2, 3, 1])
        #expect(result.notes.contains { $0.contains("3 distinct values") })
    }

    @Test func quantilesOverTiesSayWhyFewer() throws {
        let result = try Classification.quantiles(Self.small["fewdistinct"]!, k: 5)
        #expect(result.k == 3)
        #expect(result.notes.first?.contains("3 classes instead of 5") == true)
    }
}

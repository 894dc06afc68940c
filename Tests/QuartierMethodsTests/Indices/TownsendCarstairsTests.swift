import Foundation
import QuartierMethods
import QuartierTestSupport
import Testing

/// Townsend and Carstairs on Hamburg's 99 Stadtteil rows (Stadtteilprofile 2014) against numpy.
/// Reference: `python3 scripts/reference/townsend_carstairs_hamburg.py ../shared/data/hamburg-2014/stadtteilprofile_2014_statistikamt_nord.csv`
/// (proxies and formulas in the script's docstring); its output is embedded below.
@Suite struct TownsendCarstairsTests {
    struct Inputs {
        var population: [Double] = [], unemployment: [Double] = [], sgb2: [Double] = [], noCar: [Double] = [], notOwner: [Double] = []
    }

    static func hamburg() throws -> Inputs {
        let file = try OfficialTable("hamburg-2014/stadtteilprofile_2014_statistikamt_nord.csv")
        var inputs = Inputs()
        for row in 0..<99 {
            func value(_ column: Int) throws -> Double { try #require(try file.table.number(row: row, column: column)) }
            inputs.population.append(try value(1))
            inputs.unemployment.append(try value(32))
            inputs.sgb2.append(try value(38))
            inputs.notOwner.append(100 - (try value(48)))
            inputs.noCar.append(1000 - (try value(68)))
        }
        return inputs
    }

    @Test func townsendAgreesWithNumpy() throws {
        let h = try Self.hamburg()
        let result = Townsend.compute(unemployment: h.unemployment, overcrowding: h.sgb2, noCar: h.noCar, notOwnerOccupied: h.notOwner,
                                      divisor: .population)
        #expect(result.index.count == Self.townsend.count)
        for (ours, reference) in try zipEqual(result.index, Self.townsend) { #expect(abs(ours - reference) < 1e-9) }
    }

    @Test func carstairsAgreesWithNumpy() throws {
        let h = try Self.hamburg()
        let result = Carstairs.compute(indicators: [h.unemployment, h.sgb2, h.noCar, h.notOwner], population: h.population)
        #expect(result.index.count == Self.carstairs.count)
        for (ours, reference) in try zipEqual(result.index, Self.carstairs) { #expect(abs(ours - reference) < 1e-9) }
    }

    // numpy 2.4.6 rows 99
    static let townsend: [Double] = [2.9214555376, -4.0856771880, 3.3259956788, 5.1434380899, 3.3638024161, 5.7713627482, 3.1238226557, 3.2426942687, 4.4624252571, 4.1609064827, 6.2428662331, 5.3506361175, 6.4968546351, 5.1226844660, 6.8002092575, 0.7442954816, 4.4477765922, 4.1979963554, 4.1201566163, 2.3209923480, 2.0383513237, -4.3877510262, -4.1851864289, 2.7231367235, 2.2393921219, -6.1428357719, -4.6688706872, -1.1395378389, -1.2309435984, -2.7497197498, 1.7371163501, -0.1172601061, -0.5146571387, 0.5719240283, 0.8429006859, -2.0038891702, -0.1659507966, 1.4979955910, 1.6934908615, 0.2761919451, -0.4394687082, -0.3274031702, -0.1457227154, 0.5363658098, -0.4921021541, 1.7238475264, 2.2572288842, 5.3036729830, 2.8702060818, 0.2979414117, 0.1928176797, 0.2970053435, 2.2457281870, 1.9347365739, -1.0251645118, 4.2562403072, 1.2665422314, 0.5318006356, 0.8677497787, 4.7371155584, -5.1280219117, -5.4310796485, -3.9858482379, 0.4945310161, -7.5766214546, -4.9083859817, -6.7142443885, -4.6208897810, -3.8868425302, 0.6556821710, 1.6505535607, 1.0854166802, -2.5407496516, -5.2356704519, -5.3917320162, -5.7899004529, -5.4126375286, -6.2773425374, -6.2294732889, -2.8352974529, -3.1663474997, -6.7401796116, -5.0738790186, 2.8230150470, 5.3962056894, -2.8292935152, 2.6553235689, -2.4262039601, -1.7736433937, -1.0240844518, -1.6786208851, 1.2264219361, 2.7020460230, -2.4705707886, 2.2050413852, 1.5116147971, -3.8214656162, 0.0521334081, 0.0333116721]
    static let carstairs: [Double] = [1.9145697719, -3.1076801070, 2.4525347869, 5.2204252360, 2.5395271933, 6.3253562114, 2.2123921195, 2.3222975943, 4.3649370336, 4.4192686291, 8.3684618815, 6.0926939542, 8.1111505388, 5.9667229144, 7.9544386319, -1.1222307872, 4.1136069635, 3.6695030374, 3.5907650800, 1.1873373943, 0.6615448836, -5.3815661094, -5.5048220581, 1.8227012954, 0.9891793632, -7.0500324678, -6.1836243319, -3.3325274913, -3.5344449344, -4.7925299840, 0.6388449700, -1.1952867029, -1.9032811701, -0.3820592513, -0.7326105303, -3.9857768147, -2.3641281729, -0.1249755813, 0.2211092078, -0.9034391074, -1.3736507464, -2.3851806929, -1.8120087670, -0.6908217371, -1.6213549878, 0.5085457241, 1.0917088415, 5.7262679966, 1.8431598833, -1.3953857795, -1.6540236152, -1.7462398018, 1.0565181365, 0.5206924754, -2.9698386136, 4.5101457678, -0.4482324667, -1.3991035681, -0.9845426942, 5.2033456373, -6.8539976103, -7.4650037015, -6.1071608564, -1.4857614132, -9.7132655242, -7.2792141842, -8.7255551502, -6.6174125759, -5.9942933711, -1.2537739982, 0.0915453359, -0.6289852816, -5.2094642969, -8.0327654009, -7.9410974094, -8.2917453678, -8.1069463619, -8.5090339559, -9.0110872219, -5.5492170768, -6.3178497290, -9.2316382087, -7.6066819220, 2.0595840413, 5.8010912939, -5.7904298579, 1.5332783184, -4.8456912761, -4.3197118260, -3.4579389223, -4.0956029972, -0.5013740331, 1.5659622103, -5.4262294778, 1.0486904976, -0.0395715183, -6.6472707665, -2.1440993207, -2.1557467741]
}

import Foundation
import QuartierMethods
import Testing

/// MSS 2021 reproduced from the indicator file and checked against the publisher's own results:
/// mss2021_indizes_plr.csv (classes), Tabelle 3 at 5 and 2 decimals, the METHODS.md constants.
@Suite struct BerlinMSS2021Tests {
    let edition: MSSEdition
    let result: BerlinMSS.Result

    init() throws {
        edition = try MSSEdition.mss2021()
        result = try BerlinMSS.compute(ids: edition.ids, status: edition.status, statusNames: edition.statusNames,
                                       dynamics: edition.dynamics, dynamicsNames: edition.dynamicsNames,
                                       valid: edition.valid, divisor: .population)
    }

    @Test func areaCounts() {
        #expect(edition.ids.count == 542)
        #expect(result.valid.filter { $0 }.count == 536)
    }

    @Test func classesEqualThePublishedOnesForEveryValidArea() throws {
        let published = try OfficialTable("berlin-mss-2021/mss2021_indizes_plr.csv", textColumns: ["PLR_ID"])
        let rows = try published.rows(byID: "PLR_ID")
        let si = try published.numbers("SI_N"), di = try published.numbers("DI_N"), sdi = try published.texts("SDI")
        var agreeing = 0, compared = 0
        for (area, id) in edition.ids.enumerated() {
            let row = try #require(rows[id])
            guard result.valid[area] else {
                #expect(si[row] == -9999, "invalid area \(id) has a published class")
                #expect(result.statusClass[area] == nil)
                continue
            }
            compared += 1
            let status = try #require(result.statusClass[area]?.rawValue)
            let dynamics = try #require(result.dynamicsClass[area]?.rawValue)
            if Double(status) == si[row] && Double(dynamics) == di[row] && result.combined[area] == sdi[row] { agreeing += 1 }
        }
        #expect(compared == 536)
        #expect(agreeing == 536)
    }

    /// Tabelle 3 at 5 decimals: z-values, Statussumme, Status-Index, zD1.
    @Test func statusSideAgreesWithFiveDecimalTabelle3() throws {
        let published = try OfficialTable("berlin-mss-2021/mss2021_tabelle3_status_plr_published_5dp.csv", textColumns: ["plr_id"])
        let rows = try published.rows(byID: "plr_id")
        let columns: [(String, (Int) -> Double?)] = [
            ("zS1", { result.status.z[0][$0] }), ("zS3", { result.status.z[1][$0] }), ("zS4", { result.status.z[2][$0] }),
            ("status_summe", { result.status.sum[$0] }), ("status_index", { result.status.index[$0] }),
            ("zD1", { result.dynamics!.z[0][$0] }),
        ]
        var cells = 0
        for (name, ours) in columns {
            let values = try published.numbers(name)
            var maximum = 0.0
            for (area, id) in edition.ids.enumerated() where result.valid[area] {
                let row = try #require(rows[id])
                let value = try #require(values[row], "\(id) \(name)")
                maximum = max(maximum, abs(try #require(ours(area)) - value))
                cells += 1
            }
            #expect(maximum <= 3e-5, "\(name): max difference \(maximum)")
        }
        #expect(cells == 6 * 536)
    }

    /// Tabelle 3 at 2 decimals, both sides. The published sums add the rounded z-values.
    @Test func bothSidesAgreeWithTwoDecimalTabelle3() throws {
        let published = try OfficialTable("berlin-mss-2021/mss2021_tabelle3_zwerte_plr_published_2dp.csv")
        let ids = published.texts(at: 0)
        let rows = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let dynamics = try #require(result.dynamics)
        // Column positions of Tabelle 3 (its header names carry line breaks and trailing spaces).
        let columns: [(Int, String, (Int) -> Double?)] = [
            (3, "zS1", { result.status.z[0][$0] }), (4, "zS3", { result.status.z[1][$0] }), (5, "zS4", { result.status.z[2][$0] }),
            (6, "Statussumme", { result.status.sum[$0] }), (7, "Status-Index", { result.status.index[$0] }),
            (9, "zD1", { dynamics.z[0][$0] }), (10, "zD3", { dynamics.z[1][$0] }), (11, "zD4", { dynamics.z[2][$0] }),
            (12, "Dynamiksumme", { dynamics.sum[$0] }), (13, "Dynamik-Index", { dynamics.index[$0] }),
        ]
        var cells = 0
        for (position, name, ours) in columns {
            let values = try published.numbers(at: position)
            var maximum = 0.0
            for (area, id) in edition.ids.enumerated() where result.valid[area] {
                let row = try #require(rows[id])
                let value = try #require(values[row], "\(id) \(name)")
                maximum = max(maximum, abs(try #require(ours(area)) - value))
                cells += 1
            }
            #expect(maximum <= 0.006, "\(name): max difference \(maximum)")
        }
        #expect(cells == 5_360)
    }

    @Test func constantsOfMethodsMd() throws {
        let s = result.status.indicatorMoments, d = try #require(result.dynamics).indicatorMoments
        let expected: [(Double, Double, Double, Double, Double)] = [
            // (mean, sd, ours mean, ours sd, tolerance)
            (4.9716, 2.9439, s[0].mean, s[0].sd, 5e-5), (10.918, 7.0727, s[1].mean, s[1].sd, 5e-4), (24.5404, 16.6544, s[2].mean, s[2].sd, 5e-5),
            (1.086874, 0.921674, d[0].mean, d[0].sd, 5e-7), (-0.952596, 1.469968, d[1].mean, d[1].sd, 5e-7), (-1.044428, 3.813519, d[2].mean, d[2].sd, 5e-7),
        ]
        for (mean, sd, ourMean, ourSD, tolerance) in expected {
            #expect(abs(ourMean - mean) <= tolerance, "mean \(ourMean) vs \(mean)")
            #expect(abs(ourSD - sd) <= tolerance, "sd \(ourSD) vs \(sd)")
        }
        #expect(abs(result.status.sumMoments.sd - 2.95547) <= 5e-6)
        #expect(abs(try #require(result.dynamics).sumMoments.sd - 2.080732) <= 5e-7)
    }

    @Test func classCountsOfMethodsMd() {
        let status = Dictionary(grouping: result.statusClass.compactMap { $0 }, by: { $0 }).mapValues(\.count)
        #expect(status == [.hoch: 75, .mittel: 366, .niedrig: 46, .sehrNiedrig: 49])
        let dynamics = Dictionary(grouping: result.dynamicsClass.compactMap { $0 }, by: { $0 }).mapValues(\.count)
        #expect(dynamics == [.positiv: 48, .stabil: 436, .negativ: 52])
    }

    @Test func highestStatusIndex() throws {
        let best = try #require(result.status.index.indices.filter { result.valid[$0] }.max { result.status.index[$0]! < result.status.index[$1]! })
        #expect(edition.ids[best] == "08100521")
        #expect(abs(result.status.index[best]! - 3.7201) < 5e-5)
    }

    @Test(arguments: [
        ("01100415", true, -0.99839, "mittel"), ("09501838", true, -1.00469, "hoch"), ("08100417", true, 1.51456, "sehr niedrig"),
        ("04300414", false, -1.00320, "positiv"), ("12500825", false, -0.99597, "stabil"), ("04200310", false, 1.00279, "negativ"),
    ])
    func areasNearAThreshold(id: String, isStatus: Bool, index: Double, label: String) throws {
        let area = try #require(edition.ids.firstIndex(of: id))
        if isStatus {
            #expect(abs(try #require(result.status.index[area]) - index) < 5e-6)
            #expect(result.statusClass[area]?.label == label)
        } else {
            #expect(abs(try #require(result.dynamics?.index[area]) - index) < 5e-6)
            #expect(result.dynamicsClass[area]?.label == label)
        }
    }

    /// The sample SD (n − 1) does not reproduce the published z-values: the convention matters.
    @Test func sampleStandardDeviationDoesNotReproduceThePublishedZValues() throws {
        let sample = try BerlinMSS.compute(ids: edition.ids, status: edition.status, statusNames: edition.statusNames,
                                           valid: edition.valid, divisor: .sample)
        let published = try OfficialTable("berlin-mss-2021/mss2021_tabelle3_status_plr_published_5dp.csv", textColumns: ["plr_id"])
        let rows = try published.rows(byID: "plr_id")
        let zS1 = try published.numbers("zS1")
        var population = 0.0, withSample = 0.0
        for (area, id) in edition.ids.enumerated() where result.valid[area] {
            let row = try #require(rows[id])
            let value = try #require(zS1[row])
            population = max(population, abs(result.status.z[0][area]! - value))
            withSample = max(withSample, abs(sample.status.z[0][area]! - value))
        }
        #expect(population < 3e-5)
        #expect(withSample > 1e-3, "n − 1 would be indistinguishable: \(withSample)")
    }
}

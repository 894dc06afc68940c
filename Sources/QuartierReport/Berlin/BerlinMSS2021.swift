import Foundation
import QuartierBase
import QuartierGeometry
import QuartierTable

/// The report of Berlin's "Monitoring Soziale Stadtentwicklung 2021" built directly from the official
/// files (no monitoring spec): areas from the LOR 2021 GeoJSON, status and dynamics classes from
/// `mss2021_indizes_plr.csv`, the status index from Tabelle 3 (5 decimals), indicator values from
/// `mss2021_index_indikatoren_plr.csv`. All joins are on `PLR_ID` (names differ between the files).
///
/// Source: SenSBW Berlin, Monitoring Soziale Stadtentwicklung 2021 (Bericht, Tabellen 1–4; classes
/// on the status index: hoch x < −1, mittel −1 ≤ x ≤ 1, niedrig 1 < x ≤ 1,5, sehr niedrig x > 1,5).
public enum BerlinMSS2021 {
    /// The file names inside the data folder.
    public static let geometryFile = "lor_planungsraeume_2021_epsg25833.geojson"
    public static let indexFile = "mss2021_indizes_plr.csv"
    public static let indicatorFile = "mss2021_index_indikatoren_plr.csv"
    public static let statusFile = "mss2021_tabelle3_status_plr_published_5dp.csv"

    /// Builds the report model from the folder `berlin-mss-2021` of the shared data.
    /// - Throws: `InputError` naming file, line and field for a missing column, id or bad number.
    public static func model(folder: String, language: ReportLanguage = .de) throws -> ReportModel {
        let de = language == .de
        let geometryPath = folder + "/" + geometryFile
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: geometryPath)))
        let collection: FeatureCollection
        do { collection = try GeoJSON.decodeFeatureCollection(bytes) } catch {
            throw InputError(InputLocation(file: geometryPath), found: "\(error)", expected: "a GeoJSON FeatureCollection")
        }
        let idOptions = TableOptions(sentinels: ["*": [-9999]], textColumns: ["PLR_ID", "BEZ_ID", "plr_id"])
        let index = try Table.read(path: folder + "/" + indexFile, options: idOptions)
        let indicators = try Table.read(path: folder + "/" + indicatorFile, options: idOptions)
        let status = try Table.read(path: folder + "/" + statusFile, options: idOptions)

        // Areas: PLR (level 0) with parents Bezirksregion → Prognoseraum → Bezirk (levels 1–3).
        var areas: [ReportArea] = []
        var coarse: [String: ReportArea] = [:]
        for (number, feature) in collection.features.enumerated() {
            func text(_ name: String) throws -> String {
                guard let value = feature[name]?.text, !value.isEmpty else {
                    throw InputError(InputLocation(file: geometryPath, feature: String(number + 1), field: name), found: "nothing", expected: "a text")
                }
                return value
            }
            guard let geometry = feature.geometry?.areal else {
                throw InputError(InputLocation(file: geometryPath, feature: String(number + 1), field: "geometry"),
                                 found: feature.geometry?.typeName ?? "null", expected: "Polygon or MultiPolygon")
            }
            let bzr = try text("bzr_id"), pgr = try text("pgr_id"), bez = try text("bez_id")
            areas.append(ReportArea(id: try text("plr_id"), name: try text("plr_name"), level: 0, parentID: bzr, geometry: geometry))
            coarse[bzr] = ReportArea(id: bzr, name: try text("bzr_name"), level: 1, parentID: pgr, geometry: .empty)
            coarse[pgr] = ReportArea(id: pgr, name: try text("pgr_name"), level: 2, parentID: bez, geometry: .empty)
            coarse[bez] = ReportArea(id: bez, name: try text("bez_name"), level: 3, parentID: nil, geometry: .empty)
        }
        areas.sort { $0.id < $1.id }

        // Official classes, validity and inhabitants.
        let iID = try index.columnIndex("PLR_ID"), iSI = try index.columnIndex("SI_N"), iDI = try index.columnIndex("DI_N")
        let iKOM = try index.columnIndex("KOM")
        var statusClass: [String: Int] = [:], dynamicsClass: [String: Int] = [:], validity: [String: AbsenceReason] = [:]
        for row in 0..<index.rowCount {
            guard let id = index.text(row: row, column: iID) else { continue }
            let kom = index.text(row: row, column: iKOM) ?? ""
            if kom.hasPrefix("gültig") {
                statusClass[id] = try index.number(row: row, column: iSI).map(Int.init)
                dynamicsClass[id] = try index.number(row: row, column: iDI).map(Int.init)
            } else {
                validity[id] = kom.contains("Ausreißer") ? .outlier : .tooFewInhabitants
            }
        }
        let sID = try status.columnIndex("plr_id"), sIndex = try status.columnIndex("status_index")
        var statusIndex: [String: Double] = [:]
        for row in 0..<status.rowCount {
            if let id = status.text(row: row, column: sID), statusClass[id] != nil, let value = try status.number(row: row, column: sIndex) {
                statusIndex[id] = value
            }
        }
        // Rank 1 = highest status index (most disadvantaged), ties by id.
        let ranked = statusIndex.keys.sorted { (statusIndex[$0]!, $1) > (statusIndex[$1]!, $0) }
        var rank: [String: Int] = [:]
        for (position, id) in ranked.enumerated() { rank[id] = position + 1 }
        var indexEntries: [String: ReportClassEntry] = [:], dynamicsEntries: [String: ReportClassEntry] = [:]
        for area in areas {
            let absent = ReportCell.missing(validity[area.id] ?? .notAvailable)
            indexEntries[area.id] = ReportClassEntry(value: statusIndex[area.id].map { .value($0) } ?? absent, rank: rank[area.id],
                                                     classID: statusClass[area.id])
            dynamicsEntries[area.id] = ReportClassEntry(value: absent, rank: nil, classID: dynamicsClass[area.id])
        }
        let statusClasses = [
            ReportClass(id: 1, label: de ? "Status hoch" : "high status", lower: nil, upper: -1, upperClosed: false),
            ReportClass(id: 2, label: de ? "Status mittel" : "medium status", lower: -1, lowerClosed: true, upper: 1, upperClosed: true),
            ReportClass(id: 3, label: de ? "Status niedrig" : "low status", lower: 1, upper: 1.5),
            ReportClass(id: 4, label: de ? "Status sehr niedrig" : "very low status", lower: 1.5, upper: nil),
        ]
        let dynamicsClasses = [
            ReportClass(id: 1, label: de ? "Dynamik positiv" : "positive dynamics", lower: nil, upper: -1, upperClosed: false),
            ReportClass(id: 3, label: de ? "Dynamik stabil" : "stable dynamics", lower: -1, lowerClosed: true, upper: 1, upperClosed: true),
            ReportClass(id: 5, label: de ? "Dynamik negativ" : "negative dynamics", lower: 1, upper: nil),
        ]

        // Indicators S1, S3, S4 at 31.12.2020; 31.12.2018 reconstructed as S − D.
        let cID = try indicators.columnIndex("PLR_ID"), cEW = try indicators.columnIndex("EW")
        let specs: [(String, String, String, String, String)] = [
            ("S1", "D1", de ? "Arbeitslosigkeit (SGB II)" : "Unemployment (SGB II)",
             de ? "Anteil der Arbeitslosen nach SGB II an den Einwohnern von 15 Jahren bis zum Rentenalter, in %." : "SGB II unemployed per 100 inhabitants aged 15 to retirement age.",
             "S1"),
            ("S3", "D3", de ? "Transferbezug (SGB II/XII)" : "Transfer receipt (SGB II/XII)",
             de ? "Anteil der nicht arbeitslosen Empfänger von Leistungen nach SGB II und XII an den Einwohnern, in %." : "Non-unemployed SGB II/XII recipients per 100 inhabitants.",
             "S3"),
            ("S4", "D4", de ? "Kinderarmut" : "Child poverty",
             de ? "Anteil der Kinder unter 15 Jahren in Bedarfsgemeinschaften nach SGB II an allen Kindern unter 15 Jahren, in %." : "Children under 15 in SGB II households per 100 children under 15.",
             "S4"),
        ]
        var population: [String: Double] = [:]
        for row in 0..<indicators.rowCount {
            if let id = indicators.text(row: row, column: cID), let ew = try indicators.number(row: row, column: cEW) { population[id] = ew }
        }
        var reportIndicators: [ReportIndicator] = []
        for spec in specs {
            let cS = try indicators.columnIndex(spec.0), cD = try indicators.columnIndex(spec.1)
            var values: [String: [Int: ReportCell]] = [:]
            var weighted: [Int: (Double, Double)] = [:]
            for row in 0..<indicators.rowCount {
                guard let id = indicators.text(row: row, column: cID) else { continue }
                if statusClass[id] != nil, let s = try indicators.number(row: row, column: cS), let d = try indicators.number(row: row, column: cD) {
                    values[id] = [2018: .value(s - d), 2020: .value(s)]
                    if let ew = population[id] {
                        for (year, value) in [(2018, s - d), (2020, s)] {
                            let sum = weighted[year] ?? (0, 0)
                            weighted[year] = (sum.0 + ew * value, sum.1 + ew)
                        }
                    }
                } else {
                    let reason = ReportCell.missing(validity[id] ?? .notAvailable)
                    values[id] = [2018: reason, 2020: reason]
                }
            }
            var city: [Int: ReportCell] = [:]
            for (year, sum) in weighted where sum.1 > 0 { city[year] = .value(sum.0 / sum.1) }
            reportIndicators.append(ReportIndicator(id: spec.4, label: spec.2, unit: .percent, decimals: 1, direction: .higherIsWorse,
                                                    definition: spec.3, referenceDates: [2018: "31.12.2018", 2020: "31.12.2020"],
                                                    values: values, cityValues: city))
        }
        for index in areas.indices { areas[index].population = population[areas[index].id].map { .value($0) } ?? .missing(.notAvailable) }
        // Inhabitants of the coarser levels: sums over their PLR.
        var sums: [String: Double] = [:]
        for area in areas {
            guard let ew = population[area.id] else { continue }
            var parent = area.parentID
            while let id = parent, let next = coarse[id] { sums[id, default: 0] += ew; parent = next.parentID }
        }
        let levels = coarse.values.sorted { ($0.level, $0.id) < ($1.level, $1.id) }.map { area -> ReportArea in
            var area = area
            area.population = sums[area.id].map { .value($0) } ?? .missing(.notAvailable)
            return area
        }

        let methods: [ReportTextItem] = de ? [
            ReportTextItem(title: "Statusindex", text: "Je Indikator werden die Anteile über die gültigen Planungsräume z-standardisiert (Mittelwert 0, Standardabweichung 1); die Summe der z-Werte wird erneut standardisiert (Statusindex). Positive Werte bedeuten mehr Benachteiligung. Klassen auf dem ungerundeten Index: hoch x < −1, mittel −1 ≤ x ≤ 1, niedrig 1 < x ≤ 1,5, sehr niedrig x > 1,5. Die Klassen dieses Berichts sind die amtlichen (mss2021_indizes_plr.csv), der Index ist Tabelle 3 mit 5 Nachkommastellen entnommen."),
            ReportTextItem(title: "Dynamikindex", text: "Gleiches Verfahren für die Veränderungen der Anteile vom 31.12.2018 zum 31.12.2020 in Prozentpunkten: positiv x < −1, stabil −1 ≤ x ≤ 1, negativ x > 1."),
            ReportTextItem(title: "Werte 2018 und Gesamtstadt", text: "Die Werte zum 31.12.2018 sind als Anteil 2020 minus Veränderung (D1, D3, D4) rekonstruiert. Der Wert der Gesamtstadt ist das mit den Einwohnern gewichtete Mittel der gültigen Planungsräume (die amtlichen Nenner sind in den Dateien nicht enthalten)."),
            ReportTextItem(title: "Gültigkeit", text: "Planungsräume mit weniger als 300 Einwohnern oder als Ausreißer markierte erhalten keinen Index (schraffiert)."),
        ] : [
            ReportTextItem(title: "Status index", text: "Each indicator's shares are z-standardised over the valid planning areas (mean 0, SD 1); the sum of the z-values is standardised again (status index). Positive values mean more disadvantage. Classes on the unrounded index: high x < −1, medium −1 ≤ x ≤ 1, low 1 < x ≤ 1.5, very low x > 1.5. The classes shown are the official ones (mss2021_indizes_plr.csv); the index is taken from Tabelle 3 at 5 decimals."),
            ReportTextItem(title: "Dynamics index", text: "The same method on the changes of the shares from 31 Dec 2018 to 31 Dec 2020 in percentage points: positive x < −1, stable −1 ≤ x ≤ 1, negative x > 1."),
            ReportTextItem(title: "2018 values and city", text: "Values at 31 Dec 2018 are reconstructed as the 2020 share minus the change (D1, D3, D4). The city value is the inhabitant-weighted mean of the valid planning areas (the official denominators are not in the files)."),
            ReportTextItem(title: "Validity", text: "Planning areas with fewer than 300 inhabitants or flagged as outliers get no index (hatched)."),
        ]
        let attribution = "SenSBW Berlin, Monitoring Soziale Stadtentwicklung 2021; Amt für Statistik Berlin-Brandenburg; Geoportal Berlin / LOR 2021, CC BY 3.0 DE"
        return ReportModel(
            title: de ? "Monitoring Soziale Stadtentwicklung Berlin 2021" : "Monitoring of Social Urban Development, Berlin 2021",
            subtitle: de ? "542 Planungsräume (LOR 2021), Stichtag 31.12.2020 – aus den amtlichen Tabellen" : "542 planning areas (LOR 2021), 31 Dec 2020 – from the official tables",
            language: language, crs: "EPSG:25833",
            levelNames: de ? ["Planungsraum", "Bezirksregion", "Prognoseraum", "Bezirk"] : ["Planning area", "District region", "Forecast area", "District"],
            areas: areas + levels, indicators: reportIndicators,
            index: ReportClassification(label: de ? "Statusindex" : "Status index", classes: statusClasses, entries: indexEntries, palette: .orangeRed),
            dynamics: ReportClassification(label: de ? "Dynamikindex" : "Dynamics index", classes: dynamicsClasses, entries: dynamicsEntries, palette: .purpleOrange),
            methods: methods,
            sources: [
                ReportSource(name: geometryFile, referenceDate: "2021", attribution: attribution),
                ReportSource(name: indexFile, referenceDate: "31.12.2020", attribution: attribution),
                ReportSource(name: indicatorFile, referenceDate: "31.12.2020", attribution: attribution),
                ReportSource(name: statusFile, referenceDate: "31.12.2020", attribution: attribution),
            ],
            disclosureNote: de ? "Die veröffentlichten Anteile sind bereits geheimhaltungsgeprüft; Quartier hat keine weitere Unterdrückung angewandt. Ungültige Werte (−9999) werden nicht gezeigt." : "The published shares are already disclosure-checked; Quartier applied no further suppression. Invalid values (−9999) are not shown.",
            quartierVersion: QuartierVersion.string, specHash: nil)
    }
}

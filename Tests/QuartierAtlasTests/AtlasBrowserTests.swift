import Foundation
import Quartier
import QuartierAtlas
import QuartierMonitoring
import QuartierTable
import QuartierTestSupport
import Testing

/// The atlas in a real browser: `scripts/atlas/atlas_browser_check.py` (Debian's chromium and
/// chromium-driver through python3-selenium) loads it from file:// and checks map, legend, table,
/// chart, comparison, switches, CSV download, escaping, console and network (see the script).
/// Skips visibly where the browser is missing; fails under CI=true.
@Suite struct AtlasBrowserTests {
    static let tools = (python: ["selenium", "numpy"], executables: ["/usr/bin/chromium", "/usr/bin/chromedriver"])

    /// Cases for the page's CSV writer, with what QuartierTable's CSVWriter writes for them.
    static func csvCases() -> [[String: Any]] {
        let texts = ["plain", "a,b", "a;b", #"say "hi""#, "line\nbreak", "cr\rhere", " lead", "trail ", "=SUM(A1)", "+1", "-x", "@x",
                     "\tTab", "Ü<img src=x>", "", "12,5"]
        let numbers = [0, 12, -3, 12.34, 0.25, -0.25, 0.35, 0.125, 2.5, 1.5, 1e-7, -1e-7, 1e16, 99.95, 1234.5678]
        var cases: [[String: Any]] = []
        for german in [false, true] {
            for decimals in [0, 1, 2] {
                let writer = CSVWriter(style: german ? .german : .international, decimals: decimals)
                var rows: [[CSVWriter.Value]] = [], json: [[[String: Any]]] = []
                for (k, text) in texts.enumerated() {
                    let x = numbers[k % numbers.count]
                    rows.append([.text(text), .number(x), .absent(marker: k % 2 == 0 ? "." : "–")])
                    json.append([["t": text], ["n": x, "d": decimals], ["m": k % 2 == 0 ? "." : "–"]])
                }
                for x in numbers {
                    rows.append([.number(x)])
                    json.append([["n": x, "d": decimals]])
                }
                let header = ["Name", "Wert; %", "x"]
                cases.append(["header": header, "rows": json, "german": german, "expected": writer.text(header: header, rows: rows)])
            }
        }
        return cases
    }

    /// The publication gate's figures for the browser check: every published indicator row (a
    /// suppressed one with its rule and no number), the parent of each area and the city values.
    static func publishedValues(_ published: PublishedResults) -> [String: Any] {
        let rows: [[Any]] = published.indicators.map { row in
            let v = row.value
            return [v.level, v.areaID, v.year, v.indicator, row.suppressed == nil ? (v.value ?? NSNull()) as Any : NSNull(),
                    row.suppressed?.rawValue ?? NSNull()]
        }
        var city: [String: [String: Double]] = [:]
        for (indicator, years) in published.cityRates { for (year, rate) in years { city[indicator, default: [:]][String(year)] = rate } }
        return ["rows": rows, "parents": published.parents, "city": city]
    }

    @Test(.enabled(if: ReferenceTool.runs(python: tools.python, executables: tools.executables),
                   "needs chromium, chromium-driver and python3-selenium (scripts/debian-packages.txt)"))
    func atlasInChromium() throws {
        try ReferenceTool.require(python: Self.tools.python, executables: Self.tools.executables)
        let fixture = try AtlasFixture.get()
        var published = fixture.published
        let level = fixture.spec.lowestLevel.id
        let hostile = #"<img src=x onerror=alert(1)><script>alert(2)</script> & "Ü""#
        let id = try #require(fixture.run.areas[level]?.areas.map(\.id).sorted().dropFirst(3).first)
        published.names[level, default: [:]][id] = hostile
        let data = AtlasData.monitoring(spec: fixture.spec, areas: fixture.run.areas, published: published,
                                        rankUncertainty: fixture.run.results.rankUncertainty)
        let out = try TestPaths.temporaryFolder()
        let path = try AtlasWriter.write(try AtlasBuilder.html(data), to: out.path)
        let cases = out.appendingPathComponent("csv-cases.json")
        try JSONSerialization.data(withJSONObject: Self.csvCases(), options: [.sortedKeys]).write(to: cases)
        let publishedFile = out.appendingPathComponent("published.json")
        try JSONSerialization.data(withJSONObject: Self.publishedValues(published), options: [.sortedKeys]).write(to: publishedFile)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: ReferenceTool.python)
        process.arguments = [TestPaths.packageRoot.appendingPathComponent("scripts/atlas/atlas_browser_check.py").path,
                             path, fixture.spec.storePath, out.appendingPathComponent("browser").path,
                             "--cases", cases.path, "--hostile", hostile, "--published", publishedFile.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        // The script compared something: values with the store, index classes, CSV cases.
        let summary = try #require(output.firstRange(of: "{").map { String(output[$0.lowerBound...]) })
        let figures = try #require((try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])?["figures"] as? [String: Any])
        #expect((figures["values_checked"] as? Int ?? 0) > 100)
        #expect((figures["index_classes_checked"] as? Int ?? 0) > 10)
        #expect((figures["csv_cases"] as? Int ?? 0) == 6)
        #expect((figures["rank_intervals_checked"] as? Int ?? 0) > 10)
        // The profile of the hostile area and of one shown by keyboard focus, every indicator row.
        #expect((figures["profile_rows_checked"] as? Int ?? 0) >= 2 * fixture.spec.indicators.count)
    }
}

import Foundation
import Quartier
import QuartierBase
import QuartierMethods
import QuartierTable
import QuartierTestSupport
import Testing

/// The shipped specs in Data/ run through the engine and give the official answers.
@Suite struct ShippedSpecTests {
    static func run(_ specPath: String) throws -> IndexComputation {
        let spec = try IndexSpec.load(path: TestPaths.data.appendingPathComponent(specPath).path)
        let (inputs, _) = try IndexInputs.read(spec: spec, specPath: TestPaths.data.appendingPathComponent(specPath).path, input: nil)
        return try IndexComputation(spec: spec, inputs: inputs)
    }

    static func column(_ computation: IndexComputation, _ name: String) throws -> [CSVWriter.Value] {
        let index = try #require(computation.header.firstIndex(of: name))
        return computation.rows.map { $0[index] }
    }

    @Test func mss2021ReproducesTheOfficialClasses() throws {
        let computation = try Self.run("berlin-mss-2021/mss2021.toml")
        #expect(computation.rows.count == 542) // invalid areas marked, not dropped
        let official = try Table.read(path: TestPaths.data.appendingPathComponent("berlin-mss-2021/mss2021_indizes_plr.csv").path,
                                      options: TableOptions(textColumns: ["PLR_ID"]))
        let idColumn = try official.columnIndex("PLR_ID"), sdiColumn = try official.columnIndex("SDI"), komColumn = try official.columnIndex("KOM")
        var official_: [String: (String, Bool)] = [:]
        for row in 0..<official.rowCount {
            official_[official.text(row: row, column: idColumn)!] = (official.text(row: row, column: sdiColumn)!, official.text(row: row, column: komColumn) == "gültig")
        }
        let ids = try Self.column(computation, "PLR_ID"), combined = try Self.column(computation, "combined_class"), valid = try Self.column(computation, "valid")
        var agreeing = 0, validCount = 0
        for (k, id) in ids.enumerated() {
            guard case .text(let areaID) = id, let (sdi, isValid) = official_[areaID] else { Issue.record("unknown id \(id)"); continue }
            #expect((valid[k] == .text("yes")) == isValid)
            guard isValid else { continue }
            validCount += 1
            if combined[k] == .text(sdi) { agreeing += 1 }
        }
        #expect(validCount == 536 && agreeing == 536)
    }

    @Test(arguments: ["mss2013", "mss2015", "mss2017", "mss2019"])
    func olderEditionsClassifyEveryValidArea(name: String) throws {
        let computation = try Self.run("berlin-mss-2013-2019/\(name).toml")
        #expect(computation.rows.count == 447)
        let valid = try Self.column(computation, "valid"), combined = try Self.column(computation, "combined_class")
        for (v, c) in try zipEqual(valid, combined) { #expect((v == .text("yes")) == (c != .text(""))) }
    }

    @Test func imd2019ReproducesThePublishedDeciles() throws {
        let computation = try Self.run("uk-imd-2019/imd2019.toml")
        let published = try Table.read(path: TestPaths.data.appendingPathComponent("uk-imd-2019/imd2019_england_lsoa11_ranks_deciles.csv").path)
        let decileColumn = try published.columnIndex("IMD_decile"), rankColumn = try published.columnIndex("IMD_rank")
        let deciles = try Self.column(computation, "decile"), ranks = try Self.column(computation, "rank")
        var exact = 0
        for row in 0..<published.rowCount {
            #expect(deciles[row] == .integer(Int64(try #require(try published.number(row: row, column: decileColumn)))))
            if ranks[row] == .number(try #require(try published.number(row: row, column: rankColumn))) { exact += 1 }
        }
        #expect(Double(exact) / Double(published.rowCount) >= 0.9967)
    }
}

/// Bad specs and bad tables: clear errors naming what is wrong and where.
@Suite struct IndexSpecErrorTests {
    static let spec = """
        method = "weighted-z-sum"
        id = "id"
        sd_divisor = "population"
        [[indicators]]
        column = "a"
        weight = 0.5
        [[indicators]]
        column = "b"
        direction = "less"
        weight = 0.5
        """

    static func run(spec: String = spec, csv: String) throws -> IndexComputation {
        let folder = try TestPaths.temporaryFolder()
        let input = folder.appendingPathComponent("input.csv").path
        try csv.write(toFile: input, atomically: true, encoding: .utf8)
        let parsed = try IndexSpec.parse(spec, path: "spec.toml")
        let (inputs, _) = try IndexInputs.read(spec: parsed, specPath: folder.appendingPathComponent("spec.toml").path, input: input)
        return try IndexComputation(spec: parsed, inputs: inputs)
    }

    @Test func weightedZSumRunsAndRanks() throws {
        let computation = try Self.run(csv: "id,a,b\n01,1,30\n02,2,20\n03,3,10\n")
        #expect(computation.header == ["id", "valid", "validity", "z_a", "z_b", "index", "rank", "group"])
        #expect(computation.rows.map { $0[6] } == [.number(3), .number(2), .number(1)])
        #expect(computation.rows[0][0] == .text("01"))
    }

    @Test func nonNumericCellNamesTheAreaAndTheColumn() throws {
        let error = try #require(throws: InputError.self) { try Self.run(csv: "id,a,b\n01,1,30\n02,x2,20\n03,3,10\n") }
        #expect(error.location.field == "a")
        #expect(error.location.line == 3)
        #expect(error.description.contains("02"))
        #expect(error.found.contains("x2"))
    }

    @Test func missingColumnListsTheColumnsThatExist() throws {
        let error = try #require(throws: InputError.self) { try Self.run(csv: "id,a,c\n01,1,30\n02,2,20\n") }
        #expect(error.found.contains("\"b\""))
        #expect(error.expected.contains("\"id\"") && error.expected.contains("\"a\"") && error.expected.contains("\"c\""))
    }

    @Test func duplicateIdsAreRefused() throws {
        let error = try #require(throws: InputError.self) { try Self.run(csv: "id,a,b\n01,1,30\n02,2,20\n01,3,10\n") }
        #expect(error.found.contains("duplicate area id \"01\""))
        #expect(error.location.line == 4)
    }

    @Test func missingValueIsNamedNotZero() throws {
        #expect(throws: CompositeIndexError.missingValue(area: "02", indicator: "b")) { try Self.run(csv: "id,a,b\n01,1,30\n02,2,\n03,3,10\n") }
        let marked = try Self.run(spec: Self.spec.replacingOccurrences(of: "sd_divisor", with: "missing = \"mark-invalid\"\nsd_divisor"),
                                  csv: "id,a,b\n01,1,30\n02,2,\n03,3,10\n04,5,1\n")
        #expect(marked.rows[1][1] == .text("no") && marked.rows[1][2] == .text("missing value"))
        #expect(marked.rows[1][6] == .absent(marker: ""))
    }

    @Test(arguments: [
        ("method = \"nonsense\"\nid = \"id\"\n[[indicators]]\ncolumn = \"a\"\nweight = 1", "method"),
        ("method = \"weighted-z-sum\"\nid = \"id\"\n[[indicators]]\ncolumn = \"a\"\nweight = 0.7", "indicators.weight"),
        ("method = \"weighted-z-sum\"\nid = \"id\"\nsd_divisor = \"n-2\"\n[[indicators]]\ncolumn = \"a\"\nweight = 1", "sd_divisor"),
        ("method = \"berlin-mss\"\nid = \"id\"\n[[indicators]]\ncolumn = \"a\"\ngroup = \"status\"\n[classes.status]\nbreaks = [1, 0, 2]\nincluded_below = [true, true, true]", "classes.status"),
        ("method = [", ""),
    ])
    func badSpecsAreRefusedWithTheKey(text: String, field: String) throws {
        let error = try #require(throws: InputError.self) { try IndexSpec.parse(text, path: "spec.toml") }
        #expect(error.location.file == "spec.toml")
        if !field.isEmpty { #expect(error.location.field == field, "\(error)") } else { #expect(error.location.line != nil) }
    }
}

/// The spec methods give what the method library gives on the same values.
@Suite struct SpecMethodTests {
    static let csv = "id,u,inc,edu,car,own,pop\n01,12,900,30,40,80,1000\n02,5,1500,10,20,40,3000\n03,9,1100,25,35,70,500\n04,3,2000,5,10,20,2500\n05,7,1300,15,30,60,800\n"
    static let u: [Double] = [12, 5, 9, 3, 7], inc: [Double] = [900, 1500, 1100, 2000, 1300], edu: [Double] = [30, 10, 25, 5, 15]
    static let car: [Double] = [40, 20, 35, 10, 30], own: [Double] = [80, 40, 70, 20, 60], pop: [Double] = [1000, 3000, 500, 2500, 800]

    static func indexColumn(_ computation: IndexComputation) throws -> [Double] {
        let column = try #require(computation.header.firstIndex(of: "index"))
        return try computation.rows.map { row in
            guard case .number(let value) = row[column] else { throw CompositeIndexError.mismatchedLengths("index") }
            return value
        }
    }

    @Test func gisdSpec() throws {
        let spec = """
            method = "gisd"
            id = "id"
            sd_divisor = "sample"
            [[indicators]]
            column = "u"
            group = "employment"
            [[indicators]]
            column = "inc"
            group = "employment"
            direction = "less"
            [[indicators]]
            column = "edu"
            group = "education"
            [ranking]
            groups = 5
            group_rule = "ntile"
            """
        let computation = try IndexSpecErrorTests.run(spec: spec, csv: Self.csv)
        let direct = GISD.compute(dimensions: [GISD.Dimension(name: "employment", indicators: [Self.u, Self.inc], signReference: 0),
                                               GISD.Dimension(name: "education", indicators: [Self.edu])], divisor: .sample)
        #expect(computation.header.contains("dimension_employment"))
        for (a, b) in try zipEqual(try Self.indexColumn(computation), direct.index) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func townsendAndCarstairsSpecs() throws {
        let townsend = """
            method = "townsend"
            id = "id"
            [[indicators]]
            column = "u"
            group = "unemployment"
            [[indicators]]
            column = "edu"
            group = "overcrowding"
            [[indicators]]
            column = "car"
            group = "no-car"
            [[indicators]]
            column = "own"
            group = "not-owner-occupied"
            """
        let t = try IndexSpecErrorTests.run(spec: townsend, csv: Self.csv)
        let direct = Townsend.compute(unemployment: Self.u, overcrowding: Self.edu, noCar: Self.car, notOwnerOccupied: Self.own, divisor: .population)
        for (a, b) in try zipEqual(try Self.indexColumn(t), direct.index) { #expect(abs(a - b) < 1e-12) }

        let carstairs = townsend.replacingOccurrences(of: "\"townsend\"", with: "\"carstairs\"\npopulation = \"pop\"")
        let c = try IndexSpecErrorTests.run(spec: carstairs, csv: Self.csv)
        let cDirect = Carstairs.compute(indicators: [Self.u, Self.edu, Self.car, Self.own], population: Self.pop)
        for (a, b) in try zipEqual(try Self.indexColumn(c), cDirect.index) { #expect(abs(a - b) < 1e-12) }
    }
}

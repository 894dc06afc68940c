import Foundation
import QuartierBase
import QuartierTable
import QuartierTestSupport

/// Official tables read the way the tests need them.
struct OfficialTable {
    let table: Table

    init(_ relative: String, sentinels: [Double] = [], textColumns: Set<String> = []) throws {
        table = try Table.read(path: TestPaths.shared(relative).path,
                               options: TableOptions(sentinels: sentinels.isEmpty ? [:] : ["*": sentinels], textColumns: textColumns))
    }

    func texts(_ column: String) throws -> [String] {
        let index = try table.columnIndex(column)
        return (0..<table.rowCount).map { table.text(row: $0, column: index) ?? "" }
    }

    func texts(at index: Int) -> [String] {
        (0..<table.rowCount).map { table.text(row: $0, column: index) ?? "" }
    }

    func numbers(_ column: String) throws -> [Double?] {
        let index = try table.columnIndex(column)
        return try numbers(at: index)
    }

    func numbers(at index: Int) throws -> [Double?] {
        try (0..<table.rowCount).map { try table.number(row: $0, column: index) }
    }

    /// `[id: row]`.
    func rows(byID column: String) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try texts(column).enumerated().map { ($1, $0) })
    }
}

/// The inputs of one MSS edition.
struct MSSEdition {
    let ids: [String]
    let valid: [Bool]
    let status: [[Double?]]
    let statusNames: [String]
    let dynamics: [[Double?]]
    let dynamicsNames: [String]

    /// MSS 2021 (542 PLR): S1, S3, S4 and D1, D3, D4, `-9999` as sentinel, valid when `KOM` is `gültig`.
    static func mss2021() throws -> MSSEdition {
        let file = try OfficialTable("berlin-mss-2021/mss2021_index_indikatoren_plr.csv", sentinels: [-9999], textColumns: ["PLR_ID"])
        let statusNames = ["S1", "S3", "S4"], dynamicsNames = ["D1", "D3", "D4"]
        return MSSEdition(ids: try file.texts("PLR_ID"), valid: try file.texts("KOM").map { $0 == "gültig" },
                          status: try statusNames.map { try file.numbers($0) }, statusNames: statusNames,
                          dynamics: try dynamicsNames.map { try file.numbers($0) }, dynamicsNames: dynamicsNames)
    }

    /// MSS 2013–2019 (447 PLR): s1…s4 where present (2019: s1, s3, s4), d likewise; valid when `kom` is `gültig`.
    static func older(_ year: Int) throws -> MSSEdition {
        let file = try OfficialTable("berlin-mss-2013-2019/mss\(year)_indexindikatoren_anteile_plr.csv", textColumns: ["id"])
        let header = file.table.header
        let s = header.filter { $0.range(of: #"^s\d_"#, options: .regularExpression) != nil }
        let d = header.filter { $0.range(of: #"^d\d_"#, options: .regularExpression) != nil }
        // An indicator the edition does not have is an empty column.
        let statusNames = try s.filter { try file.numbers($0).contains { $0 != nil } }
        let dynamicsNames = try d.filter { try file.numbers($0).contains { $0 != nil } }
        return MSSEdition(ids: try file.texts("id"), valid: try file.texts("kom").map { $0 == "gültig" },
                          status: try statusNames.map { try file.numbers($0) }, statusNames: statusNames,
                          dynamics: try dynamicsNames.map { try file.numbers($0) }, dynamicsNames: dynamicsNames)
    }
}

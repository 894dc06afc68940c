import Foundation
import QuartierTable

/// Where a record without coordinates of its own is, as one `RecordPlacerWorker` decides it from
/// the record's fields.
public enum RecordPlace {
    /// At a point (e.g. the house coordinates of its address), assigned like a record at
    /// coordinates (grid, exact orientation, the spec's boundary rule).
    case point(x: Double, y: Double)
    /// In area `area` of the locator (e.g. a record that names its block), no geometry needed.
    case area(Int)
    /// Matched nothing: `reason` indexes the placer's `reasons` (`unknown-street`, `unknown area id`).
    case unmatched(reason: Int)
    /// Not placeable: field `field` (index into the placer's `fieldNames`) holds nothing usable.
    case rejected(field: Int, expected: String)
}

/// Places records that carry an address or an area id instead of coordinates: the seam through
/// which the aggregator's one record path (`Aggregator.run`) counts every register, whatever
/// locates it. The placer itself is shared by all threads; each thread gets its own worker (for
/// its scratch buffers).
public protocol RecordPlacer: Sendable {
    /// The fields it reads, by name (looked up in the header once; a missing one is an error naming it).
    var fieldNames: [String] { get }
    /// The reasons of `RecordPlace.unmatched`, by index; short and countable.
    var reasons: [String] { get }
    /// A worker for one thread.
    func makeWorker() -> any RecordPlacerWorker
}

/// One thread's placer (used by that thread only).
public protocol RecordPlacerWorker: AnyObject {
    /// Places the record; `columns[k]` is the header index of the placer's `fieldNames[k]`, each
    /// below `fields.count` (a shorter record is rejected before it gets here).
    func place(_ fields: CSVFields, columns: UnsafeBufferPointer<Int>) -> RecordPlace
}

/// Records that name their area: the id field's text (trimmed of spaces) looked up among the
/// areas' ids; an empty id is rejected, an unknown one unmatched (`unknown area id`).
public struct AreaIDPlacer: RecordPlacer {
    public let field: String
    private let table: AreaIDTable

    /// - Parameter ids: area k of the aggregation is `ids[k]`.
    public init(field: String, ids: [String]) {
        self.field = field
        table = AreaIDTable(ids)
    }

    public var fieldNames: [String] { [field] }
    public var reasons: [String] { ["unknown area id"] }
    public func makeWorker() -> any RecordPlacerWorker { Worker(table: table) }

    final class Worker: RecordPlacerWorker {
        let table: AreaIDTable
        var scratch = [UInt8](repeating: 0, count: 256)
        init(table: AreaIDTable) { self.table = table }

        func place(_ fields: CSVFields, columns: UnsafeBufferPointer<Int>) -> RecordPlace {
            let column = columns[0]
            var bytes = fields.bytes(column)
            // Trim spaces and tabs.
            var low = 0, high = bytes.count
            while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
            while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
            guard low < high else { return .rejected(field: 0, expected: "an area id") }
            bytes = UnsafeBufferPointer(rebasing: bytes[low ..< high])
            // Ids are compared as UTF-8 text: a Windows-1252 or quote-escaped field is decoded first.
            if fields.encoding != .utf8 && bytes.contains(where: { $0 >= 0x80 }) || fields.isQuoted(column) && bytes.contains(0x22) {
                let text = fields.string(column).trimmingCharacters(in: .whitespaces)
                return table.row(of: text).map { .area($0) } ?? .unmatched(reason: 0)
            }
            return table.row(of: bytes).map { .area($0) } ?? .unmatched(reason: 0)
        }
    }
}

/// Area ids → row, looked up by the UTF-8 bytes of an id without making a `String` (QuartierTable's
/// `ByteKeyTable`; a repeated id keeps its first row).
final class AreaIDTable: Sendable {
    private let keys: ByteKeyTable
    /// Row of each key id.
    private let rows: [Int]

    init(_ ids: [String]) {
        var keys = ByteKeyTable()
        var rows: [Int] = []
        for (row, id) in ids.enumerated() {
            var id = id
            let key = id.withUTF8 { keys.insert($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            if key == rows.count { rows.append(row) }
        }
        self.keys = keys
        self.rows = rows
    }

    func row(of text: String) -> Int? {
        var text = text
        return text.withUTF8 { row(of: $0) }
    }

    func row(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        return keys.id(of: base, bytes.count).map { rows[$0] }
    }
}

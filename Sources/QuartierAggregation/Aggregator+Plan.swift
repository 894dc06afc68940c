import Foundation
import QuartierBase
import QuartierTable

extension Aggregator {
    /// Which fields of a record are read, and what each output column does with them.
    struct Plan: Sendable {
        enum ColumnWork: Sendable {
            case sum(column: Int)
            /// Filter `index` of `filters`.
            case count(index: Int)
        }

        var header: [String]
        /// The coordinates' columns (−1 with a placer).
        var xColumn: Int
        var yColumn: Int
        /// The placer and the header index of each of its fields.
        var placer: (any RecordPlacer)?
        var placerColumns: [Int]
        /// The unmatched reasons (the placer's).
        var reasons: [String]
        /// The slot field's column and how its bytes map to slots.
        var slots: RecordSlots?
        var slotColumn: Int
        var slotCount: Int
        /// Per slot: assigned, unassigned, on boundary, rejected, then one per unmatched reason.
        var tallyWidth: Int { 4 + reasons.count }
        var work: [ColumnWork]
        var isSum: [Bool]
        var columnCount: Int
        var areaCount: Int
        /// The count columns' filters, compiled against the header into one program.
        var filters: CompiledFilterSet
        /// The columns the filters read as numbers; the sentinels of each column (nil: none).
        var filterColumns: [Int]
        var sentinels: [Set<Double>?]
        var markers: Set<String>
        /// The filters' values per record: one per header column, then one per text comparison.
        var valueCount: Int
        /// The filter's name of each count, for messages.
        var countNames: [String]

        init(file: CSVChunkedFile, spec: AggregationSpec, areaCount: Int) throws {
            header = file.header
            let names = header
            func column(_ name: String) throws -> Int {
                guard let index = names.firstIndex(of: name) else {
                    throw InputError(InputLocation(file: file.path, line: 1, field: InputError.excerpt(name)),
                                     found: "no field \"\(InputError.excerpt(name))\"",
                                     expected: InputError.expectedColumn(name, header: names))
                }
                return index
            }
            if let placer = spec.placer {
                xColumn = -1
                yColumn = -1
                placerColumns = try placer.fieldNames.map(column)
                reasons = placer.reasons
            } else {
                xColumn = try column(spec.xField)
                yColumn = try column(spec.yField)
                placerColumns = []
                reasons = []
            }
            placer = spec.placer
            slots = spec.slots
            slotColumn = try spec.slots.map { try column($0.field) } ?? -1
            slotCount = spec.slots?.count ?? 1
            var work: [ColumnWork] = []
            var compiled: [CompiledFilter] = []
            var countNames: [String] = []
            for item in spec.columns {
                switch item {
                case .sum(let field):
                    work.append(.sum(column: try column(field)))
                case .count(let name, let filter):
                    for field in filter.fieldNames { _ = try column(field) }
                    do {
                        compiled.append(try filter.compile(header: names))
                    } catch var error as FilterError {
                        error.name = name
                        throw InputError(InputLocation(file: file.path, line: 1), found: "the filter \(error)", expected: "a filter over the file's fields")
                    }
                    work.append(.count(index: compiled.count - 1))
                    countNames.append(name)
                }
            }
            self.work = work
            self.countNames = countNames
            filters = CompiledFilterSet(compiled)
            filterColumns = filters.columns
            valueCount = names.count + filters.texts.count
            sentinels = names.map {
                let values = Set((spec.table.sentinels[$0] ?? []) + (spec.table.sentinels["*"] ?? []))
                return values.isEmpty ? nil : values
            }
            markers = spec.table.suppressionMarkers
            isSum = spec.columns.map { if case .sum = $0 { true } else { false } }
            columnCount = 1 + spec.columns.count
            self.areaCount = areaCount
        }
    }
}

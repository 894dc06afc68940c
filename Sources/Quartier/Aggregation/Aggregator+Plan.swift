import Foundation
import QuartierBase
import Synchronization

extension Aggregator {
    /// Which fields of a record are read, and what each output column does with them.
    struct Plan: Sendable {
        enum ColumnWork: Sendable {
            case sum(slot: Int)
            /// The filter's instructions are `program[start ..< end]`.
            case count(start: Int, end: Int)
        }

        /// A filter compiled to postfix instructions over slots (no reference-counted nodes in the
        /// per-record loop). Every comparison is evaluated (no short cut), so whether a record is
        /// rejected for a non-numeric field does not depend on the other fields' values.
        enum Instruction: Sendable {
            case numeric(slot: Int32, op: RecordFilter.Comparison, value: Double)
            case fields(Int32, RecordFilter.Comparison, Int32)
            case text(slot: Int32, equal: Bool, index: Int32)
            case constant(Bool)
            case and, or, not
        }

        var program: [Instruction] = []
        var texts: [[UInt8]] = []
        var longestProgram = 0

        var fieldNames: [String]
        /// For each CSV column up to `maxColumn`, its slot or -1 when not read.
        var slotOfColumn: [Int]
        var maxColumn: Int
        var slotCount: Int
        var slotNames: [String]
        var xSlot: Int
        var ySlot: Int
        var work: [ColumnWork]
        var isSum: [Bool]
        var columnCount: Int
        var areaCount: Int

        init(header: [UInt8], spec: AggregationSpec, path: String, areaCount: Int) throws {
            fieldNames = CSVText.split(header)
            var slots: [Int] = [] // slot -> CSV column
            let names = fieldNames
            func slot(_ name: String) throws -> Int {
                guard let column = names.firstIndex(of: name) else {
                    throw InputError(InputLocation(file: path, line: 1, field: name), found: "no field \"\(InputError.excerpt(name))\"",
                                     expected: InputError.expectedColumn(name, header: names))
                }
                if let s = slots.firstIndex(of: column) { return s }
                slots.append(column)
                return slots.count - 1
            }
            xSlot = try slot(spec.xField)
            ySlot = try slot(spec.yField)
            var work: [ColumnWork] = []
            for column in spec.columns {
                switch column {
                case .sum(let field):
                    work.append(.sum(slot: try slot(field)))
                case .count(_, let filter):
                    let mapping = try filter.fields.map(slot)
                    let start = program.count
                    Plan.compile(Plan.remap(filter.root, mapping), into: &program, texts: &texts)
                    work.append(.count(start: start, end: program.count))
                    longestProgram = max(longestProgram, program.count - start)
                }
            }
            self.work = work
            isSum = spec.columns.map { if case .sum = $0 { true } else { false } }
            maxColumn = slots.max() ?? 0
            var slotOfColumn = [Int](repeating: -1, count: maxColumn + 1)
            for (s, c) in slots.enumerated() { slotOfColumn[c] = s }
            self.slotOfColumn = slotOfColumn
            slotCount = slots.count
            slotNames = slots.map { names[$0] }
            columnCount = 1 + spec.columns.count
            self.areaCount = areaCount
        }

        /// Appends the postfix instructions of `node`.
        static func compile(_ node: RecordFilter.Node, into program: inout [Instruction], texts: inout [[UInt8]]) {
            switch node {
            case .and(let a, let b): compile(a, into: &program, texts: &texts); compile(b, into: &program, texts: &texts); program.append(.and)
            case .or(let a, let b): compile(a, into: &program, texts: &texts); compile(b, into: &program, texts: &texts); program.append(.or)
            case .not(let a): compile(a, into: &program, texts: &texts); program.append(.not)
            case .numeric(let f, let op, let v): program.append(.numeric(slot: Int32(f), op: op, value: v))
            case .fields(let a, let op, let b): program.append(.fields(Int32(a), op, Int32(b)))
            case .text(let f, let equal, let v):
                texts.append(v)
                program.append(.text(slot: Int32(f), equal: equal, index: Int32(texts.count - 1)))
            case .constant(let v): program.append(.constant(v))
            }
        }

        /// The filter with field numbers replaced by slots.
        static func remap(_ node: RecordFilter.Node, _ slots: [Int]) -> RecordFilter.Node {
            switch node {
            case .and(let a, let b): .and(remap(a, slots), remap(b, slots))
            case .or(let a, let b): .or(remap(a, slots), remap(b, slots))
            case .not(let a): .not(remap(a, slots))
            case .numeric(let f, let op, let v): .numeric(field: slots[f], op: op, value: v)
            case .fields(let a, let op, let b): .fields(slots[a], op, slots[b])
            case .text(let f, let equal, let v): .text(field: slots[f], equal: equal, value: v)
            case .constant(let v): .constant(v)
            }
        }
    }
}

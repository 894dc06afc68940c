/// A filter compiled against a header: field names resolved to column indexes once, the tree
/// flattened into postfix instructions evaluated over a record's values (`Double`, NaN = missing)
/// with a two-bit-per-entry stack in one register — no dictionary lookup, allocation or reference
/// counting per record.
///
/// Semantics as `FilterExpression` documents (SQL three-valued logic; a record counts when true).
public struct CompiledFilter: Sendable, Hashable {
    @usableFromInline
    struct Instruction: Sendable, Hashable {
        @usableFromInline var code: Code
        @usableFromInline var column: Int
        @usableFromInline var other: Int
        @usableFromInline var constant: Double
    }

    @usableFromInline
    enum Code: UInt8, Sendable, Hashable {
        // field op constant
        case lessConstant, lessOrEqualConstant, greaterConstant, greaterOrEqualConstant, equalConstant, notEqualConstant
        // field op field
        case lessField, lessOrEqualField, greaterField, greaterOrEqualField, equalField, notEqualField
        case and, or, not, pushTrue, pushFalse

        static func compare(_ op: FilterComparison, field: Bool) -> Code {
            let base: UInt8 = field ? Code.lessField.rawValue : 0
            let offset: UInt8 = switch op {
            case .less: 0
            case .lessOrEqual: 1
            case .greater: 2
            case .greaterOrEqual: 3
            case .equal: 4
            case .notEqual: 5
            }
            return Code(rawValue: base + offset)!
        }
    }

    /// Truth values on the stack.
    @usableFromInline static let falseValue: UInt64 = 0
    @usableFromInline static let trueValue: UInt64 = 1
    @usableFromInline static let unknownValue: UInt64 = 2

    @usableFromInline let program: [Instruction]
    /// The source filter.
    public let expression: FilterExpression
    /// The column indexes the filter reads (sorted, unique): parse only these per record.
    public let columns: [Int]
    /// The number of values per header column `evaluate` expects (the header's length).
    public let width: Int
    /// The text comparisons (`status == "A"`): the caller puts each one's value after the header's,
    /// at `width + index` — 1 when the field's text (trimmed) equals `text`, 0 when not, NaN when the
    /// field is empty (`CSVFields.textValue(_:equals:)`).
    public let texts: [TextComparison]

    /// A field compared with a text.
    public struct TextComparison: Sendable, Hashable {
        public var column: Int
        public var text: String
    }

    /// The values `evaluate` expects: one per header column, then one per text comparison.
    public var valueCount: Int { width + texts.count }

    /// The deepest the stack can grow: 2 bits per entry in a `UInt64`.
    public static let maximumDepth = 32

    /// Parses and compiles `text` against `header`.
    /// - Throws: `FilterError` for a syntax error or an unknown field (listing the fields there are).
    public init(parsing text: String, header: [String]) throws {
        try self.init(expression: FilterExpression.parse(text), header: header, text: text)
    }

    init(expression: FilterExpression, header: [String], text: String?) throws {
        var program: [Instruction] = []
        var texts: [TextComparison] = []
        var used = Set<Int>()
        var depth = 0
        var maximum = 0
        func push() { depth += 1; maximum = max(maximum, depth) }
        func column(_ name: String, _ position: Int) throws -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw FilterError(filter: text ?? "\(expression)", position: position,
                                  expected: "a field of the input (\(header.joined(separator: ", ")))",
                                  found: "unknown field \"\(name)\"")
            }
            used.insert(index)
            return index
        }
        func emit(_ node: FilterExpression) throws {
            switch node {
            case let .comparison(left, op, right):
                switch (left, right) {
                case let (.field(a, pa), .field(b, pb)):
                    program.append(Instruction(code: .compare(op, field: true), column: try column(a, pa), other: try column(b, pb), constant: 0))
                case let (.field(a, pa), .number(value)):
                    program.append(Instruction(code: .compare(op, field: false), column: try column(a, pa), other: 0, constant: value))
                case let (.number(value), .field(b, pb)):
                    program.append(Instruction(code: .compare(op.mirrored, field: false), column: try column(b, pb), other: 0, constant: value))
                case let (.number(a), .number(b)):
                    program.append(Instruction(code: op.holds(a, b) ? .pushTrue : .pushFalse, column: 0, other: 0, constant: 0))
                case let (.field(name, position), .text(value)), let (.text(value), .field(name, position)):
                    guard op == .equal || op == .notEqual else {
                        throw FilterError(filter: text ?? "\(expression)", position: position, expected: "== or != with a text",
                                          found: "'\(op.rawValue)'")
                    }
                    guard let index = header.firstIndex(of: name) else { _ = try column(name, position); return }
                    texts.append(TextComparison(column: index, text: value))
                    program.append(Instruction(code: .compare(op, field: false), column: header.count + texts.count - 1, other: 0, constant: 1))
                case let (.text(a), .text(b)):
                    let holds = op == .equal ? a == b : op == .notEqual ? a != b : false
                    program.append(Instruction(code: holds ? .pushTrue : .pushFalse, column: 0, other: 0, constant: 0))
                case (.text, .number), (.number, .text):
                    throw FilterError(filter: text ?? "\(expression)", position: 1, expected: "a text compared with a field",
                                      found: "a text compared with a number")
                }
                push()
            case let .and(a, b), let .or(a, b):
                try emit(a)
                try emit(b)
                let isAnd: Bool = if case .and = node { true } else { false }
                program.append(Instruction(code: isAnd ? .and : .or, column: 0, other: 0, constant: 0))
                depth -= 1
            case let .not(a):
                try emit(a)
                program.append(Instruction(code: .not, column: 0, other: 0, constant: 0))
            }
        }
        try emit(expression)
        guard maximum <= Self.maximumDepth else {
            throw FilterError(filter: text ?? "\(expression)", position: 1, expected: "at most \(Self.maximumDepth) comparisons pending at once",
                              found: "\(maximum) (split the filter)")
        }
        self.program = program
        self.expression = expression
        columns = used.sorted()
        width = header.count
        self.texts = texts
    }

    /// Whether the record with `values` (one per header column; NaN = missing) passes.
    /// - Precondition: `values.count >= valueCount`.
    @inlinable
    public func evaluate(_ values: UnsafeBufferPointer<Double>) -> Bool {
        precondition(values.count >= valueCount, "a filter over \(valueCount) values got \(values.count)")
        return program.withUnsafeBufferPointer { Self.run($0, values) }
    }

    /// Runs a program over one record's values.
    @inlinable
    static func run(_ program: UnsafeBufferPointer<Instruction>, _ values: UnsafeBufferPointer<Double>) -> Bool {
        var stack: UInt64 = 0 // top in the lowest two bits
        do {
            for instruction in program {
                let result: UInt64
                switch instruction.code {
                case .and, .or:
                    let b = stack & 3
                    stack >>= 2
                    let a = stack & 3
                    stack >>= 2
                    if instruction.code == .and {
                        result = (a == Self.falseValue || b == Self.falseValue) ? Self.falseValue
                            : (a == Self.unknownValue || b == Self.unknownValue) ? Self.unknownValue : Self.trueValue
                    } else {
                        result = (a == Self.trueValue || b == Self.trueValue) ? Self.trueValue
                            : (a == Self.unknownValue || b == Self.unknownValue) ? Self.unknownValue : Self.falseValue
                    }
                case .not:
                    let a = stack & 3
                    stack >>= 2
                    result = a == Self.unknownValue ? a : a ^ 1
                case .pushTrue:
                    result = Self.trueValue
                case .pushFalse:
                    result = Self.falseValue
                default:
                    let value = values[instruction.column]
                    let raw = instruction.code.rawValue
                    let isField = raw >= Code.lessField.rawValue
                    let other = isField ? values[instruction.other] : instruction.constant
                    if value.isNaN || other.isNaN {
                        result = Self.unknownValue
                    } else {
                        let holds: Bool = switch raw - (isField ? Code.lessField.rawValue : 0) {
                        case 0: value < other
                        case 1: value <= other
                        case 2: value > other
                        case 3: value >= other
                        case 4: value == other
                        default: value != other
                        }
                        result = holds ? Self.trueValue : Self.falseValue
                    }
                }
                stack = (stack << 2) | result
            }
        }
        return stack & 3 == Self.trueValue
    }

    /// Whether the record with `values` passes (see `evaluate(_:)` on a buffer).
    @inlinable
    public func evaluate(_ values: [Double]) -> Bool {
        values.withUnsafeBufferPointer { evaluate($0) }
    }
}

extension FilterExpression {
    /// Compiles the filter against a header (the names of the values `evaluate` receives).
    /// - Throws: `FilterError` for an unknown field, listing the fields there are.
    /// - Parameter text: the filter as written, for positions in messages.
    public func compile(header: [String], text: String? = nil) throws -> CompiledFilter {
        try CompiledFilter(expression: self, header: header, text: text)
    }
}

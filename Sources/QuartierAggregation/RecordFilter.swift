/// A filter over a record's fields, e.g. `age < 15 and sgb2 == 1`, compiled once and evaluated on
/// every record straight from the CSV bytes.
///
/// The language of `aggregate --count` and of the monitoring's indicator filters. (QuartierTable has a
/// second one, `CompiledFilter`, for `table scan`, which follows SQL's NULL rule for `not` over a missing
/// value; making both one language is open work, see the README.)
///
///     expr    := or
///     or      := and ("or" and)*
///     and     := not ("and" not)*
///     not     := "not" not | "(" expr ")" | compare
///     compare := operand ("==" | "=" | "!=" | "<" | "<=" | ">" | ">=") operand
///     operand := field name | number | 'text' | "text"
///
/// Comparisons with a number are numeric; comparisons with a quoted text compare the field's bytes
/// (only `==` and `!=`). An empty field is missing: every comparison with it is false (so
/// `not (age < 15)` is true for a missing age). A field that is not a number where a number is
/// compared rejects the record, whatever the other comparisons give (every comparison is
/// evaluated). Keywords are case-insensitive.
public struct RecordFilter: Sendable, Hashable, CustomStringConvertible {
    public indirect enum Node: Sendable, Hashable {
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
        /// field (index into `fields`) op number
        case numeric(field: Int, op: Comparison, value: Double)
        /// field op field (both numeric)
        case fields(Int, Comparison, Int)
        /// field ==/!= text
        case text(field: Int, equal: Bool, value: [UInt8])
        case constant(Bool)
    }

    public enum Comparison: String, Sendable, Hashable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        @inlinable
        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .equal: a == b
            case .notEqual: a != b
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            case .greaterOrEqual: a >= b
            }
        }

        var mirrored: Comparison {
            switch self {
            case .less: .greater
            case .lessOrEqual: .greaterOrEqual
            case .greater: .less
            case .greaterOrEqual: .lessOrEqual
            default: self
            }
        }
    }

    /// The source text.
    public let source: String
    public let root: Node
    /// Field names the filter reads, in first-use order.
    public let fields: [String]

    public var description: String { source }

    /// Compiles `source`.
    /// - Throws: `FilterSyntaxError` with the 1-based column and what was expected.
    public init(_ source: String) throws {
        var parser = Parser(source)
        let root = try parser.parseExpression()
        try parser.expectEnd()
        self.source = source
        self.root = root
        self.fields = parser.fields
    }
}

/// A filter expression that does not parse: says where and what was expected.
public struct FilterSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var source: String
    public var column: Int
    public var found: String
    public var expected: String

    public var description: String {
        "filter '\(source)' column \(column): found \(found), expected \(expected)"
    }
}

extension RecordFilter {
    struct Parser {
        enum Token: Equatable {
            case name(String), number(Double), text(String), op(String), open, close, end
        }

        let source: String
        var tokens: [(token: Token, column: Int)] = []
        var position = 0
        var fields: [String] = []
        var lexError: FilterSyntaxError?

        init(_ source: String) {
            self.source = source
            let chars = Array(source.unicodeScalars)
            var i = 0
            while i < chars.count {
                let c = chars[i]
                let column = i + 1
                if c == " " || c == "\t" { i += 1; continue }
                if c == "(" { tokens.append((.open, column)); i += 1; continue }
                if c == ")" { tokens.append((.close, column)); i += 1; continue }
                if "<>=!".unicodeScalars.contains(c) {
                    var op = String(c)
                    if i + 1 < chars.count, chars[i + 1] == "=" { op.append("="); i += 1 }
                    i += 1
                    if op == "!" { lexError = FilterSyntaxError(source: source, column: column, found: "'!'", expected: "'!='"); break }
                    tokens.append((.op(op == "=" ? "==" : op), column))
                    continue
                }
                if c == "'" || c == "\"" {
                    var j = i + 1
                    var text = ""
                    while j < chars.count && chars[j] != c { text.unicodeScalars.append(chars[j]); j += 1 }
                    if j == chars.count { lexError = FilterSyntaxError(source: source, column: column, found: "an unterminated text", expected: "a closing \(c)"); break }
                    tokens.append((.text(text), column))
                    i = j + 1
                    continue
                }
                if CharacterSet.digitsAndPoint.contains(c) || (c == "-" && i + 1 < chars.count && CharacterSet.digitsAndPoint.contains(chars[i + 1])) {
                    var j = i + 1
                    while j < chars.count && (CharacterSet.digitsAndPoint.contains(chars[j]) || chars[j] == "e" || chars[j] == "E"
                                             || ((chars[j] == "-" || chars[j] == "+") && (chars[j - 1] == "e" || chars[j - 1] == "E"))) { j += 1 }
                    let text = String(String.UnicodeScalarView(chars[i ..< j]))
                    guard let value = Double(text) else { lexError = FilterSyntaxError(source: source, column: column, found: "'\(text)'", expected: "a number"); break }
                    tokens.append((.number(value), column))
                    i = j
                    continue
                }
                if CharacterSet.nameStart.contains(c) {
                    var j = i + 1
                    while j < chars.count && CharacterSet.nameBody.contains(chars[j]) { j += 1 }
                    tokens.append((.name(String(String.UnicodeScalarView(chars[i ..< j]))), column))
                    i = j
                    continue
                }
                lexError = FilterSyntaxError(source: source, column: column, found: "'\(c)'", expected: "a field name, number, text, comparison or parenthesis")
                break
            }
            tokens.append((.end, chars.count + 1))
        }

        var current: (token: Token, column: Int) { tokens[position] }

        func describe(_ token: Token) -> String {
            switch token {
            case .name(let n): "'\(n)'"
            case .number(let v): "the number \(v)"
            case .text(let t): "the text '\(t)'"
            case .op(let o): "'\(o)'"
            case .open: "'('"
            case .close: "')'"
            case .end: "the end"
            }
        }

        func error(_ expected: String) -> FilterSyntaxError {
            FilterSyntaxError(source: source, column: current.column, found: describe(current.token), expected: expected)
        }

        func isKeyword(_ word: String) -> Bool {
            if case .name(let n) = current.token { return n.lowercased() == word }
            return false
        }

        mutating func parseExpression() throws -> Node {
            if let lexError { throw lexError }
            var left = try parseAnd()
            while isKeyword("or") { position += 1; left = .or(left, try parseAnd()) }
            return left
        }

        mutating func parseAnd() throws -> Node {
            var left = try parseNot()
            while isKeyword("and") { position += 1; left = .and(left, try parseNot()) }
            return left
        }

        mutating func parseNot() throws -> Node {
            if isKeyword("not") { position += 1; return .not(try parseNot()) }
            if current.token == .open {
                position += 1
                let inner = try parseExpression()
                guard current.token == .close else { throw error("')'") }
                position += 1
                return inner
            }
            return try parseCompare()
        }

        enum Operand { case field(Int), number(Double), text([UInt8]) }

        mutating func parseOperand() throws -> Operand {
            switch current.token {
            case .name(let n) where !["and", "or", "not"].contains(n.lowercased()):
                position += 1
                if let k = fields.firstIndex(of: n) { return .field(k) }
                fields.append(n)
                return .field(fields.count - 1)
            case .number(let v): position += 1; return .number(v)
            case .text(let t): position += 1; return .text(Array(t.utf8))
            default: throw error("a field name, number or quoted text")
            }
        }

        mutating func parseCompare() throws -> Node {
            let left = try parseOperand()
            guard case .op(let symbol) = current.token, let op = Comparison(rawValue: symbol) else {
                throw error("a comparison (==, !=, <, <=, >, >=)")
            }
            let opColumn = current.column
            position += 1
            let right = try parseOperand()
            switch (left, right) {
            case (.field(let f), .number(let v)): return .numeric(field: f, op: op, value: v)
            case (.number(let v), .field(let f)): return .numeric(field: f, op: op.mirrored, value: v)
            case (.field(let a), .field(let b)): return .fields(a, op, b)
            case (.number(let a), .number(let b)): return .constant(op.holds(a, b))
            case (.field(let f), .text(let t)), (.text(let t), .field(let f)):
                guard op == .equal || op == .notEqual else {
                    throw FilterSyntaxError(source: source, column: opColumn, found: "'\(op.rawValue)' with a text", expected: "'==' or '!=' (texts are not ordered)")
                }
                return .text(field: f, equal: op == .equal, value: t)
            default:
                throw FilterSyntaxError(source: source, column: opColumn, found: "a comparison without a field", expected: "a field on one side")
            }
        }

        func expectEnd() throws {
            guard current.token == .end else { throw error("'and', 'or' or the end of the filter") }
        }
    }
}

import Foundation

extension CharacterSet {
    static let digitsAndPoint = CharacterSet(charactersIn: "0123456789.")
    static let nameStart = CharacterSet.letters.union(CharacterSet(charactersIn: "_"))
    static let nameBody = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_."))
}

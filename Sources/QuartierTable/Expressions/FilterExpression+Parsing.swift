import Foundation

extension FilterExpression {
    /// Parses a filter (grammar in `FilterExpression`'s documentation).
    /// - Throws: `FilterError` naming the position and what was expected, e.g.
    ///   `'age < ': position 7: expected a number or field name, found end of input`.
    public static func parse(_ text: String) throws -> FilterExpression {
        var parser = try FilterParser(text)
        let expression = try parser.parseOr()
        guard case .end = parser.current.kind else {
            throw parser.error(expected: "'and', 'or' or the end of the filter")
        }
        return expression
    }
}

/// A `--count NAME=FILTER` argument: the count's name and its filter.
public struct NamedFilter: Sendable, Hashable {
    public var name: String
    public var filter: FilterExpression
    /// The filter as written.
    public var text: String

    /// Parses `NAME=FILTER` (split at the first `=`; the name is letters, digits, `_`, `-`).
    /// - Throws: `FilterError` (positions in the filter part, described with the name).
    public init(parsing argument: String) throws {
        guard let equals = argument.firstIndex(of: "=") else {
            throw FilterError(filter: argument, position: 1, expected: "NAME=FILTER, e.g. kinder='age < 15'", found: "no '='")
        }
        let name = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw FilterError(filter: argument, position: 1, expected: "a count name of letters, digits, '_' or '-' before '='",
                              found: name.isEmpty ? "nothing" : "\"\(name)\"")
        }
        self.name = name
        text = String(argument[argument.index(after: equals)...])
        do {
            filter = try FilterExpression.parse(text)
        } catch var error as FilterError {
            error.name = name
            throw error
        }
    }

    /// Compiles the filter against `header` (errors quote the filter as written).
    public func compile(header: [String]) throws -> CompiledFilter {
        do {
            return try filter.compile(header: header, text: text)
        } catch var error as FilterError {
            error.name = name
            throw error
        }
    }
}

/// A token of the filter language.
struct FilterToken {
    enum Kind: Equatable {
        case number(Double)
        case field(String)
        case text(String)
        case op(FilterComparison)
        case and, or, not, `in`, range, open, close, end
    }

    var kind: Kind
    /// 1-based character position.
    var position: Int
    /// The text as written (for messages).
    var text: String

    var found: String {
        switch kind {
        case .end: "end of input"
        case .number: "number \(text)"
        case .text: "text \(text)"
        case .field(let name): "field name \"\(name)\""
        default: "'\(text)'"
        }
    }
}

/// Recursive descent over the tokens, one token of lookahead.
struct FilterParser {
    let source: String
    var tokens: [FilterToken]
    var index = 0

    init(_ text: String) throws {
        source = text
        tokens = try Self.tokenize(text)
    }

    var current: FilterToken { tokens[index] }

    func error(expected: String) -> FilterError {
        FilterError(filter: source, position: current.position, expected: expected, found: current.found)
    }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    mutating func parseOr() throws -> FilterExpression {
        var left = try parseAnd()
        while case .or = current.kind {
            advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws -> FilterExpression {
        var left = try parseUnary()
        while case .and = current.kind {
            advance()
            left = .and(left, try parseUnary())
        }
        return left
    }

    mutating func parseUnary() throws -> FilterExpression {
        switch current.kind {
        case .not:
            advance()
            return .not(try parseUnary())
        case .open:
            advance()
            let inner = try parseOr()
            guard case .close = current.kind else { throw error(expected: "')'") }
            advance()
            return inner
        default:
            return try parseComparison()
        }
    }

    mutating func parseOperand() throws -> FilterOperand {
        switch current.kind {
        case .number(let value):
            advance()
            return .number(value)
        case .field(let name):
            let position = current.position
            advance()
            return .field(name, position: position)
        case .text(let value):
            advance()
            return .text(value)
        default:
            throw error(expected: "a number or field name")
        }
    }

    mutating func parseNumber() throws -> Double {
        guard case .number(let value) = current.kind else { throw error(expected: "a number") }
        advance()
        return value
    }

    mutating func parseComparison() throws -> FilterExpression {
        if case .end = current.kind { throw error(expected: "a comparison such as 'age < 15'") }
        let left = try parseOperand()
        switch current.kind {
        case .op(let op):
            advance()
            return .comparison(left, op, try parseOperand())
        case .in:
            advance()
            let low = try parseNumber()
            guard case .range = current.kind else { throw error(expected: "'..'") }
            advance()
            let high = try parseNumber()
            return .and(.comparison(left, .greaterOrEqual, .number(low)), .comparison(left, .lessOrEqual, .number(high)))
        default:
            throw error(expected: "a comparison operator (<, <=, >, >=, ==, !=) or 'in'")
        }
    }

    // MARK: - Tokens

    static func tokenize(_ text: String) throws -> [FilterToken] {
        let characters = Array(text)
        var tokens: [FilterToken] = []
        var index = 0
        func fail(_ expected: String, _ found: String) -> FilterError {
            FilterError(filter: text, position: index + 1, expected: expected, found: found)
        }
        while index < characters.count {
            let character = characters[index]
            let start = index
            func add(_ kind: FilterToken.Kind, length: Int) {
                tokens.append(FilterToken(kind: kind, position: start + 1, text: String(characters[start..<start + length])))
                index += length
            }
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case " ", "\t", "\n", "\r":
                index += 1
            case "(": add(.open, length: 1)
            case ")": add(.close, length: 1)
            case "<": next == "=" ? add(.op(.lessOrEqual), length: 2) : add(.op(.less), length: 1)
            case ">": next == "=" ? add(.op(.greaterOrEqual), length: 2) : add(.op(.greater), length: 1)
            case "=": next == "=" ? add(.op(.equal), length: 2) : add(.op(.equal), length: 1)
            case "!":
                guard next == "=" else { throw fail("'!=' (use 'not' for negation)", "'!'") }
                add(.op(.notEqual), length: 2)
            case "." where next == ".":
                add(.range, length: 2)
            case "\"", "'":
                guard let close = characters[(index + 1)...].firstIndex(of: character) else {
                    throw fail("a closing \(character) after the text", "end of input")
                }
                tokens.append(FilterToken(kind: .text(String(characters[(index + 1)..<close])), position: start + 1,
                                          text: String(characters[index...close])))
                index = close + 1
            case "`":
                guard let close = characters[(index + 1)...].firstIndex(of: "`") else {
                    throw fail("a closing '`' after the field name", "end of input")
                }
                guard close > index + 1 else { throw fail("a field name between the backticks", "``") }
                tokens.append(FilterToken(kind: .field(String(characters[(index + 1)..<close])), position: start + 1,
                                          text: String(characters[index...close])))
                index = close + 1
            case "-", "0"..."9", ".":
                var end = index
                if characters[end] == "-" { end += 1 }
                let digitsStart = end
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                // A fraction, but not the `..` of a range.
                if end < characters.count, characters[end] == ".", !(end + 1 < characters.count && characters[end + 1] == ".") {
                    end += 1
                    while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                }
                if end < characters.count, characters[end] == "e" || characters[end] == "E" {
                    var exponentEnd = end + 1
                    if exponentEnd < characters.count, characters[exponentEnd] == "+" || characters[exponentEnd] == "-" { exponentEnd += 1 }
                    let exponentDigits = exponentEnd
                    while exponentEnd < characters.count, characters[exponentEnd].isASCII, characters[exponentEnd].isNumber { exponentEnd += 1 }
                    if exponentEnd > exponentDigits { end = exponentEnd }
                }
                let literal = String(characters[start..<end])
                guard end > digitsStart, let value = Double(literal), value.isFinite else {
                    throw fail("a number", "'\(literal.isEmpty ? String(character) : literal)'")
                }
                if end < characters.count, characters[end].isLetter || characters[end] == "_" {
                    index = end
                    throw fail("an operator or space after the number \(literal)", "'\(characters[end])'")
                }
                add(.number(value), length: end - start)
            // A field starts with a letter that is not a combining mark (Unicode Mn/Mc/Me): such a mark
            // is a character of its own only at the start of the text, and would join the `(` or space
            // before it in the printed form (found by Fuzz/FuzzFilter).
            case let c where (c.isLetter && !FilterOperand.startsWithMark(c)) || c == "_":
                var end = index
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
                let word = String(characters[start..<end])
                switch word.lowercased() {
                case "and": add(.and, length: end - start)
                case "or": add(.or, length: end - start)
                case "not": add(.not, length: end - start)
                case "in": add(.in, length: end - start)
                default: add(.field(word), length: end - start)
                }
            default:
                throw fail("a field name, number, operator or parenthesis", "'\(character)'")
            }
        }
        tokens.append(FilterToken(kind: .end, position: characters.count + 1, text: ""))
        return tokens
    }
}

import Foundation
import QuartierBase
import TOMLKit

/// A parsed TOML spec file whose values remember where they stand, so that every semantic error
/// ("unknown key", "file not found", "cyclic hierarchy") names the spec's line.
///
/// TOMLKit (toml++) parses the text and reports syntax errors with line and column; it keeps no
/// positions for values, so a light scan of the text maps each key path (`levels.block.file`,
/// `indicators[2].numerator`) to its line. The parsed tree is converted once into plain Swift values.
public struct SpecDocument: Sendable {
    /// The spec file's path, as given.
    public let path: String
    /// The spec's bytes, for content hashing.
    public let text: String
    /// The root table.
    public let root: SpecValue
    private let lines: SpecLineIndex

    /// Parses the TOML file at `path`.
    /// - Throws: `InputError` naming the line and column of a syntax error, or the file when it can't be read.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(InputLocation(file: path), found: "no readable file", expected: "a TOML spec")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(InputLocation(file: path), found: "bytes that are not UTF-8", expected: "a UTF-8 TOML spec")
        }
        try self.init(text: text, path: path)
    }

    /// Parses TOML `text`; `path` is used in messages.
    public init(text: String, path: String) throws {
        self.path = path
        self.text = text
        let table = try TOMLText.parse(text, file: path)
        self.root = SpecValue(toml: table)
        self.lines = SpecLineIndex(text: text)
    }

    /// The 1-based line where `keyPath` is defined, or the nearest enclosing table's line.
    public func line(of keyPath: SpecPath) -> Int? { lines.line(of: keyPath) }

    /// An `InputError` located at `keyPath`.
    public func error(at keyPath: SpecPath, found: String, expected: String) -> InputError {
        InputError(
            InputLocation(file: path, line: line(of: keyPath), field: keyPath.description),
            found: found, expected: expected)
    }
}

/// A key path inside a spec: `levels.block.file`, `indicators[2].numerator`.
public struct SpecPath: Hashable, Sendable, CustomStringConvertible {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public static let root = SpecPath()

    public func appending(_ key: String) -> SpecPath { SpecPath(components + [.key(key)]) }
    public func appending(index: Int) -> SpecPath { SpecPath(components + [.index(index)]) }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}

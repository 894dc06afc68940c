import Foundation

/// The text encodings municipal CSV exports come in.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case utf8 = "utf-8"
    /// Windows-1252 (Western European; what Excel writes as "CSV" on a German Windows). ISO-8859-1
    /// files read the same except for bytes 0x80–0x9F.
    case windows1252 = "windows-1252"

    public var description: String { rawValue }

    /// Parses a user's `--encoding` (`utf-8`, `utf8`, `windows-1252`, `cp1252`, `latin1`, `iso-8859-1`).
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "1252", "latin1", "latin-1", "iso-8859-1", "iso8859-1": self = .windows1252
        default: return nil
        }
    }

    /// UTF-8 when the bytes are valid UTF-8 (ASCII included), else Windows-1252.
    public static func detect(_ bytes: [UInt8]) -> TextEncoding {
        String(validating: bytes, as: UTF8.self) == nil ? .windows1252 : .utf8
    }

    /// Decodes bytes in this encoding (Foundation's decoders; Windows-1252 decodes every byte).
    public func decode(_ bytes: ArraySlice<UInt8>) -> String {
        switch self {
        case .utf8: String(decoding: bytes, as: UTF8.self)
        case .windows1252: String(bytes: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
        }
    }
}

import Foundation

/// The one place where a generated file name is derived from an id (a level, an indicator, a layer):
/// whatever the id holds, the name is a single path component inside its output folder.
///
/// Rule: letters A–Z/a–z, digits, `_`, `-` and `.` are kept; every other byte (`/`, `\`, NUL, control
/// bytes, spaces, non-ASCII) becomes `_`; a leading `.` becomes `_` (no hidden files, no `..`); an empty
/// id becomes `_`; names are cut to 120 bytes before the extension. Distinct ids may map to the same
/// name (`a/b`, `a_b`); callers that write one file per id check for that (`OutputFileName.unique`).
///
/// ```swift
/// OutputFileName.sanitised("../../../escaped_level")   // "_._.._.._escaped_level"
/// try OutputFileName.path(in: "out/export", "indicators_", id, ".csv")
/// ```
public enum OutputFileName {
    /// The longest sanitised stem, in bytes (well under the 255 bytes of common file systems).
    public static let maximumLength = 120

    /// `id` as one safe path component (see the type's rule).
    public static func sanitised(_ id: String) -> String {
        var bytes = Array(id.utf8.prefix(maximumLength)).map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                return byte
            default:
                return UInt8(ascii: "_")
            }
        }
        if bytes.isEmpty { bytes = [UInt8(ascii: "_")] }
        if bytes[0] == UInt8(ascii: ".") { bytes[0] = UInt8(ascii: "_") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The path of `prefix + sanitised(id) + suffix` inside `folder`; `prefix` and `suffix` are the
    /// caller's constants (`indicators_`, `.csv`).
    /// - Throws: `OutputError` when the result would not be a direct child of `folder` (it cannot be
    ///   for a sanitised id and plain constants; this is the check that keeps it so).
    public static func path(in folder: String, _ prefix: String = "", _ id: String, _ suffix: String = "") throws -> String {
        let name = prefix + sanitised(id) + suffix
        guard !name.contains("/"), name != ".", name != "..", !name.hasPrefix(".") else {
            throw OutputError(path: folder + "/" + name, reason: "a file name derived from \"\(id)\" leaves the output folder")
        }
        return URL(fileURLWithPath: folder).appendingPathComponent(name).path
    }
}

/// A geometry encoding (WKB, GeoPackage blob, GeoJSON) could not be decoded.
///
/// Codecs know bytes, not files: readers catch this and rethrow it as an `InputError` that names the
/// file, the feature and the field.
public struct GeometryCodecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, e.g. "WKB ends after 12 of 21 bytes".
    public var message: String
    /// The byte offset (WKB, GeoPackage blob) or character offset (JSON) where it was found, if known.
    public var offset: Int?
    /// The feature (0-based index, or id when known) the problem is in, for collections.
    public var feature: String?
    /// The member or property the problem is in (`geometry`, `coordinates`, `crs`), if known.
    public var field: String?

    public init(_ message: String, offset: Int? = nil, feature: String? = nil, field: String? = nil) {
        self.message = message
        self.offset = offset
        self.feature = feature
        self.field = field
    }

    public var description: String {
        var text = message
        if let feature { text = "feature \(feature): " + text }
        if let offset { text += " (at byte \(offset))" }
        return text
    }
}

extension WKB {
    /// Appends the parts of a LineString (one part) or MultiLineString (each of its LineStrings) at
    /// `offset` of `bytes` to `parts`, without building a `Geometry`: the reader of large line layers.
    ///
    /// The same decoding as `decode` (its byte orders, ISO and EWKB Z/M/ZM codes with Z and M discarded,
    /// an EWKB SRID skipped, the same errors for truncated or corrupt bytes; trailing bytes are an
    /// error). Returns false, appending nothing, when the geometry is of another type: the caller
    /// decodes it with `decode` to name it.
    /// - Complexity: O(bytes).
    public static func appendLineParts(_ bytes: [UInt8], from offset: Int, to parts: inout LineParts) throws(GeometryCodecError) -> Bool {
        var reader = Reader(bytes: bytes, offset: offset)
        switch try reader.header() {
        case .lineString:
            try reader.appendPart(to: &parts)
        case .multiLineString:
            let n = try reader.count("line strings", minimumBytesEach: 9)
            for _ in 0..<n {
                guard try reader.header() == .lineString else {
                    throw GeometryCodecError("WKB MultiLineString holds a part that is not a LineString", offset: reader.offset)
                }
                try reader.appendPart(to: &parts)
            }
        default:
            return false
        }
        guard reader.offset == bytes.count else {
            throw GeometryCodecError("WKB has \(bytes.count - reader.offset) bytes after the geometry", offset: reader.offset)
        }
        return true
    }
}

extension WKB.Reader {
    /// A point count and the points, appended to `parts` as one part (`ring` without an array per part).
    mutating func appendPart(to parts: inout LineParts) throws(GeometryCodecError) {
        let n = try count("points", minimumBytesEach: 8 * dimensions)
        for _ in 0..<n { parts.points.append(try point()) }
        parts.offsets.append(parts.points.count)
    }
}

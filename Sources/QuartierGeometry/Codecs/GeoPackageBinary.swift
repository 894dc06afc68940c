/// A GeoPackage geometry blob: the "GP" header (version, flags, `srs_id`, optional envelope)
/// followed by WKB.
///
/// Source: OGC 12-128r18 "GeoPackage Encoding Standard" 1.3, §2.1.3 "Geometry Encoding"
/// (`GeoPackageBinaryHeader`). Flags byte, bit 0 (least significant) = byte order of the header
/// (1 little-endian), bits 1–3 = envelope contents indicator (0 none, 1 [minx, maxx, miny, maxy],
/// 2 + [minz, maxz], 3 + [minm, maxm], 4 + z and m), bit 4 = empty geometry, bit 5 = extended type.
/// The WKB that follows has its own byte order.
///
/// Decoding accepts envelope kinds 0–4 (z/m ranges are read and discarded). Encoding writes version 0,
/// little-endian, envelope kind 1 for non-empty geometries and kind 0 with the empty flag for empty ones.
public struct GeoPackageBinary: Hashable, Sendable {
    /// The `srs_id` the blob declares (a key into `gpkg_spatial_ref_sys`).
    public var srsID: Int32
    /// The x/y envelope from the header, if it has one.
    public var envelope: BoundingBox?
    /// The header's empty flag.
    public var isEmpty: Bool
    /// The geometry decoded from the WKB part.
    public var geometry: Geometry

    public init(srsID: Int32, envelope: BoundingBox?, isEmpty: Bool, geometry: Geometry) {
        self.srsID = srsID
        self.envelope = envelope
        self.isEmpty = isEmpty
        self.geometry = geometry
    }

    /// The header of a blob: its byte order, the number of envelope doubles, the empty flag and where
    /// the WKB starts; checked as `decode` checks it.
    static func header(_ bytes: [UInt8]) throws(GeometryCodecError) -> (littleEndian: Bool, envelopeDoubles: Int, empty: Bool, wkbStart: Int) {
        guard bytes.count >= 8 else {
            throw GeometryCodecError("GeoPackage geometry blob has \(bytes.count) bytes, the header alone needs 8", offset: 0)
        }
        guard bytes[0] == 0x47, bytes[1] == 0x50 else {
            throw GeometryCodecError("GeoPackage geometry blob does not start with \"GP\" (found 0x\(hex(bytes[0]))\(hex(bytes[1])))", offset: 0)
        }
        guard bytes[2] == 0 else {
            throw GeometryCodecError("GeoPackage geometry blob version \(bytes[2]) is unknown (expected 0 = version 1)", offset: 2)
        }
        let flags = bytes[3]
        let littleEndian = flags & 0x01 != 0
        let envelopeKind = Int((flags >> 1) & 0x07)
        let empty = flags & 0x10 != 0
        if flags & 0x20 != 0 {
            throw GeometryCodecError("GeoPackage extended geometry types are not supported", offset: 3)
        }
        let envelopeDoubles: Int
        switch envelopeKind {
        case 0: envelopeDoubles = 0
        case 1: envelopeDoubles = 4
        case 2, 3: envelopeDoubles = 6
        case 4: envelopeDoubles = 8
        default: throw GeometryCodecError("GeoPackage envelope indicator \(envelopeKind) is invalid (expected 0–4)", offset: 3)
        }
        let wkbStart = 8 + 8 * envelopeDoubles
        guard bytes.count >= wkbStart else {
            throw GeometryCodecError("GeoPackage geometry blob ends inside its envelope (\(bytes.count) of \(wkbStart) header bytes)", offset: bytes.count)
        }
        return (littleEndian, envelopeDoubles, empty, wkbStart)
    }

    /// Decodes a blob from a GeoPackage geometry column.
    public static func decode<C: Collection>(_ blob: C) throws(GeometryCodecError) -> GeoPackageBinary where C.Element == UInt8 {
        let bytes = Array(blob)
        let (littleEndian, envelopeDoubles, empty, wkbStart) = try header(bytes)
        let srsID = Int32(bitPattern: readUInt32(bytes, 4, littleEndian: littleEndian))
        var envelope: BoundingBox?
        if envelopeDoubles > 0 {
            let values = (0..<4).map { Double(bitPattern: readUInt64(bytes, 8 + 8 * $0, littleEndian: littleEndian)) }
            // Order in the header: minx, maxx, miny, maxy.
            envelope = BoundingBox(minX: values[0], minY: values[2], maxX: values[1], maxY: values[3])
        }
        let geometry: Geometry
        do {
            geometry = try WKB.decode(bytes[wkbStart...])
        } catch {
            throw GeometryCodecError("GeoPackage geometry: \(error.message)", offset: error.offset.map { $0 + wkbStart })
        }
        return GeoPackageBinary(srsID: srsID, envelope: envelope, isEmpty: empty, geometry: geometry)
    }

    /// Appends the line parts of a blob's LineString or MultiLineString to `parts`
    /// (`WKB.appendLineParts`, no `Geometry` built); false, nothing appended, for another geometry
    /// type. The header is checked as `decode` checks it; errors carry the same texts and offsets.
    public static func appendLineParts(_ bytes: [UInt8], to parts: inout LineParts) throws(GeometryCodecError) -> Bool {
        let wkbStart = try header(bytes).wkbStart
        do {
            return try WKB.appendLineParts(bytes, from: wkbStart, to: &parts)
        } catch {
            // Offsets are already from the blob's start (`decode` shifts its WKB offsets to the same).
            throw GeometryCodecError("GeoPackage geometry: \(error.message)", offset: error.offset)
        }
    }

    /// Encodes `geometry` with `srsID`: version 0, little-endian, envelope kind 1 (kind 0 and the
    /// empty flag for an empty geometry).
    public static func encode(_ geometry: Geometry, srsID: Int32) -> [UInt8] {
        var bytes: [UInt8] = [0x47, 0x50, 0]
        let box = geometry.isEmpty ? nil : geometry.boundingBox
        var flags: UInt8 = 0x01
        if box != nil { flags |= 1 << 1 } else { flags |= 0x10 }
        bytes.append(flags)
        appendUInt32(&bytes, UInt32(bitPattern: srsID))
        if let box {
            for value in [box.minX, box.maxX, box.minY, box.maxY] { appendUInt64(&bytes, value.bitPattern) }
        }
        bytes += WKB.encode(geometry)
        return bytes
    }

    /// Encodes this value, writing the envelope computed from the geometry (not `envelope`).
    public func encoded() -> [UInt8] { Self.encode(geometry, srsID: srsID) }

    /// Builds a blob with an explicit envelope kind (0–4; z/m ranges written as 0), for tests and for
    /// writers that must reproduce another tool's layout.
    public static func encode(_ geometry: Geometry, srsID: Int32, envelopeKind: Int, bigEndianHeader: Bool = false) -> [UInt8] {
        precondition((0...4).contains(envelopeKind), "envelope kind must be 0–4")
        let little = !bigEndianHeader
        var bytes: [UInt8] = [0x47, 0x50, 0]
        var flags: UInt8 = little ? 0x01 : 0x00
        flags |= UInt8(envelopeKind) << 1
        if geometry.isEmpty { flags |= 0x10 }
        bytes.append(flags)
        let srs = UInt32(bitPattern: srsID)
        if little { appendUInt32(&bytes, srs) } else { for i in (0..<4).reversed() { bytes.append(UInt8(truncatingIfNeeded: srs >> (8 * i))) } }
        let box = geometry.boundingBox ?? BoundingBox(minX: .nan, minY: .nan, maxX: .nan, maxY: .nan)
        var values: [Double] = []
        switch envelopeKind {
        case 0: values = []
        case 1: values = [box.minX, box.maxX, box.minY, box.maxY]
        case 2, 3: values = [box.minX, box.maxX, box.minY, box.maxY, 0, 0]
        default: values = [box.minX, box.maxX, box.minY, box.maxY, 0, 0, 0, 0]
        }
        for value in values {
            let bits = value.bitPattern
            if little { appendUInt64(&bytes, bits) } else { for i in (0..<8).reversed() { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * i))) } }
        }
        bytes += WKB.encode(geometry)
        return bytes
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}

private func readUInt32(_ bytes: [UInt8], _ offset: Int, littleEndian: Bool) -> UInt32 {
    var value: UInt32 = 0
    for i in 0..<4 {
        let byte = UInt32(bytes[offset + i])
        value |= littleEndian ? byte << (8 * i) : byte << (8 * (3 - i))
    }
    return value
}

private func readUInt64(_ bytes: [UInt8], _ offset: Int, littleEndian: Bool) -> UInt64 {
    var value: UInt64 = 0
    for i in 0..<8 {
        let byte = UInt64(bytes[offset + i])
        value |= littleEndian ? byte << (8 * i) : byte << (8 * (7 - i))
    }
    return value
}

private func appendUInt32(_ bytes: inout [UInt8], _ value: UInt32) {
    for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
}

private func appendUInt64(_ bytes: inout [UInt8], _ value: UInt64) {
    for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
}

import QuartierGeometry

/// One area of an area set: a planning area, a district, a statistical block.
public struct Area: Hashable, Sendable {
    /// The area's id as text, exactly as in the source ("01100101" keeps its leading zero).
    public var id: String
    /// The display name, if a name column was found or named.
    public var name: String?
    /// The parent ids, one per hierarchy level in the order the levels were named (nil when empty).
    public var parentIDs: [String?]
    /// The area's polygons (a Polygon is read as a MultiPolygon of one).
    public var geometry: MultiPolygon
    /// All properties of the source feature, in source order.
    public var properties: [Property]
    /// The 0-based position of the feature in the source.
    public var featureIndex: Int

    public init(id: String, name: String? = nil, parentIDs: [String?] = [], geometry: MultiPolygon, properties: [Property] = [], featureIndex: Int) {
        self.id = id
        self.name = name
        self.parentIDs = parentIDs
        self.geometry = geometry
        self.properties = properties
        self.featureIndex = featureIndex
    }
}

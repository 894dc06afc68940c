import QuartierGeometry

/// One offer of an inventory (a Kita, a family centre, a youth centre, a counselling office): where it
/// is, how much it offers and for whom.
public struct Offer: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The kind of offer (`kita`, `familienzentrum`): offers of one type share one target group and are
    /// computed together.
    public var type: String
    /// Places, hours or staff: the unit the inventory's capacity column names (one unit per type).
    public var capacity: Double
    /// The target group as a filter over person fields (`age < 6`), in QuartierTable's filter language.
    public var targetGroup: String
    /// Years in service: from `opened` (inclusive) to `closed` (exclusive); nil = open-ended.
    public var opened: Int?
    public var closed: Int?
    public var location: Point
    /// The offer's own catchment limit (in the cost unit), nil = the run's default.
    public var catchment: Double?
    /// Where the offer was read (`offers.csv:12`), for messages.
    public var source: String

    public init(id: String, name: String = "", type: String, capacity: Double, targetGroup: String, opened: Int? = nil, closed: Int? = nil,
                location: Point, catchment: Double? = nil, source: String = "") {
        self.id = id
        self.name = name
        self.type = type
        self.capacity = capacity
        self.targetGroup = targetGroup
        self.opened = opened
        self.closed = closed
        self.location = location
        self.catchment = catchment
        self.source = source
    }

    /// Whether the offer is in service in `year` (opened <= year < closed).
    public func inService(_ year: Int?) -> Bool {
        guard let year else { return true }
        if let opened, year < opened { return false }
        if let closed, year >= closed { return false }
        return true
    }
}

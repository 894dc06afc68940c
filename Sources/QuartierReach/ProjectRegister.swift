import QuartierMonitoring
import QuartierTable

/// The funded projects of a programme (Quartierskümmerer, offers for children and families): who
/// runs them, where, when, with what money, and for whom.
///
/// A TOML file (`projekte.toml`, referenced by a monitoring spec's `[reach] projects = "…"` or given
/// on the command line), read through the engine's one TOML parser so that every error names the
/// file, line and field; `ProjectRegister+Loading.swift` says what is checked. Target groups are
/// named filters of the one filter language (`alter < 18`), over the fields of the monitoring's
/// population register, compiled when the register loads.
public struct ProjectRegister: Sendable {
    /// The register file's path.
    public var path: String
    /// The monitoring source whose records are the population the target groups are counted in
    /// (`einwohner`): the denominators of coverage.
    public var populationSource: String
    /// The register field holding the age (`alter`); a participant's age is read from the
    /// participants' `age` column or computed as period − birth year.
    public var ageField: String
    /// Named target groups, in file order.
    public var groups: [TargetGroup]
    /// Project periods (a project funded in several phases has one entry per phase), in file order.
    public var projects: [Project]
    /// Participant files, resolved against the register's folder (may be empty: given on the command line).
    public var participantFiles: [String]
    /// The participants files' column names.
    public var columns: ParticipantColumns

    /// The distinct project ids, in order of first appearance.
    public var projectIDs: [String] {
        var seen = Set<String>()
        return projects.map(\.id).filter { seen.insert($0).inserted }
    }

    /// The phases of project `id`.
    public func phases(of id: String) -> [Project] { projects.filter { $0.id == id } }

    /// The phase of project `id` running in `year`, if any.
    public func phase(of id: String, in year: Int) -> Project? {
        projects.first { $0.id == id && $0.start <= year && year <= $0.end }
    }

    public func group(named name: String) -> TargetGroup? { groups.first { $0.name == name } }
}

/// A named target group: a filter over the population register's fields (`alter < 18 and sgb2 == 1`),
/// applied to the register (denominators) and to the participants (numerators).
public struct TargetGroup: Sendable, Hashable {
    public var name: String
    public var label: String
    /// The filter's text, in the one filter language (QuartierTable `FilterExpression`).
    public var filter: String
    /// The fields the filter reads, as named in the register.
    public var fields: [String]
    public var line: Int?
}

/// One funded period of a project.
public struct Project: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The provider (Träger).
    public var provider: String
    /// The programme strand (Förderstrang).
    public var strand: String
    /// The areas served, each at its level (`quartier:3`).
    public var servedAreas: [AreaReference]
    /// Contact points (addresses) and where the geocoder put them, in the working CRS.
    public var contacts: [ContactPoint]
    /// First and last year of funding (inclusive).
    public var start: Int
    public var end: Int
    /// Funding in euros for the period (0 when not given).
    public var funding: Double
    /// The names of the project's target groups.
    public var targetGroups: [String]
    public var line: Int?
}

/// An area of any level of the monitoring's hierarchy.
public struct AreaReference: Sendable, Hashable, CustomStringConvertible {
    public var level: String
    public var id: String
    public var description: String { "\(level):\(id)" }
}

/// A project's contact point: the address as given and its house coordinate.
public struct ContactPoint: Sendable, Hashable {
    public var street: String
    public var number: String
    public var suffix: String
    public var x: Double
    public var y: Double
    /// The geocoder's method (`exact`, `normalised`, …).
    public var method: String
}

/// Column names of a participants file (`[participants]` in the register; these defaults otherwise).
public struct ParticipantColumns: Sendable, Hashable {
    public var project = "projekt"
    public var period = "jahr"
    public var key = "schluessel"
    public var street = "strasse"
    public var number = "hausnummer"
    public var suffix = "zusatz"
    /// A lowest-level area id, for participants without an address.
    public var areaID = "block_id"
    public var birthYear = "geburtsjahr"
    public var age = "alter"

    public init() {}
}

import QuartierGeometry

/// Moves values from one set of areas (sources, e.g. the 447 Berlin PLR until 2020) to another
/// (targets, e.g. the 542 PLR from 2021) by area or by point weights.
///
/// Source: Goodchild & Lam (1980), "Areal interpolation: a variant of the traditional spatial problem",
/// Geo-Processing 1; the allocation rules as tobler's `area_interpolate` (Eli Knaap et al., PySAL).
public enum ArealInterpolation {
    /// What a variable measures, which decides how it is split and combined.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A count (inhabitants, recipients): split in proportion to the weights and summed.
        case extensive
        /// A rate, share or index: a weighted mean over the overlapping sources.
        case intensive
    }

    /// The denominator of an extensive allocation.
    public enum ExtensiveDenominator: String, Hashable, Sendable, CaseIterable {
        /// The part of the source covered by targets, Σₜ|s∩t|: each source's whole value is allocated, so the
        /// total is preserved (tobler's default, `allocate_total=True`).
        case coveredPart = "covered"
        /// The whole source |s| (Goodchild & Lam's formula; tobler `allocate_total=False`): a source part
        /// outside every target keeps its share, which is lost from the total.
        case wholeSource = "source"
    }

    /// A variable to interpolate: one value per source (nil = missing, e.g. an area without an index).
    public struct Variable: Hashable, Sendable {
        public var name: String
        public var kind: Kind
        public var values: [Double?]

        public init(name: String, kind: Kind, values: [Double?]) {
            self.name = name
            self.kind = kind
            self.values = values
        }
    }

    /// An area: id and polygons.
    public struct Zone: Hashable, Sendable {
        public var id: String
        public var geometry: MultiPolygon

        public init(id: String, geometry: MultiPolygon) {
            self.id = id
            self.geometry = geometry
        }
    }

    /// The interpolated values of one variable.
    public struct Column: Hashable, Sendable {
        public var name: String
        public var kind: Kind
        /// One value per target; nil when no source with a value overlaps the target.
        public var values: [Double?]
        /// Σ over sources with a value (for extensive variables; for intensive ones the weighted sum).
        public var sourceTotal: Double
        /// Σ over targets.
        public var targetTotal: Double
        /// For intensive variables: the share of each target's weight (area or points) that came from
        /// sources with a value; nil for extensive variables.
        public var coverage: [Double]?
        /// Sources whose value was missing (skipped).
        public var missingSources: [String]
    }

    /// The result of an interpolation: one column per variable plus what was not allocated.
    public struct Result: Hashable, Sendable {
        public var method: String
        public var targetIDs: [String]
        public var columns: [Column]
        /// Sources that overlap no target (or hold no weight points): their extensive values are lost.
        public var unallocatedSources: [String]
        /// Targets that no source overlaps.
        public var targetsWithoutSources: [String]
        /// Notes on conventions and losses.
        public var notes: [String]
    }

    /// The sparse table of weights between sources and targets: (source, target, weight) with weight > 0.
    public struct WeightTable: Hashable, Sendable {
        public var sourceCount: Int
        public var targetCount: Int
        public var entries: [(source: Int, target: Int, weight: Double)]
        /// Σ weights per source over all targets.
        public var sourceTotals: [Double]
        /// The source's own weight (its area, or its points' weight); at least the row sum.
        public var sourceWeights: [Double]

        public static func == (a: WeightTable, b: WeightTable) -> Bool {
            a.sourceCount == b.sourceCount && a.targetCount == b.targetCount && a.sourceWeights == b.sourceWeights
                && a.entries.elementsEqual(b.entries) { $0.source == $1.source && $0.target == $1.target && $0.weight == $1.weight }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(sourceCount)
            hasher.combine(targetCount)
            for e in entries { hasher.combine(e.source); hasher.combine(e.target); hasher.combine(e.weight) }
        }
    }
}

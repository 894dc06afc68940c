import Quartier
import QuartierGeometry

/// Everything a run puts into its store, as tables independent of the backend: the areas of every
/// level (`areas_<level>`, features) and the attribute tables (`counts`, `indicators`, `dynamics`,
/// `index_results`, `carried_over`, `provenance`, `provenance_inputs`, `provenance_records`,
/// `qt_steps`), in the order they are written. Built once (`MonitoringStoreTables.init`); the
/// GeoPackage and the PostgreSQL backend write the same rows, so the two stores hold equal tables.
public struct MonitoringStoreTables: Sendable {
    /// One level's areas (ids sorted), in the working CRS.
    public struct AreaLayer: Sendable {
        public var name: String
        public var description: String
        public var crs: CRS
        public var areas: [(id: String, name: String?, parentID: String?, geometry: MultiPolygon)]
    }

    /// One attribute table (the GeoPackage and PostgreSQL add an `fid` key in row order).
    public struct Table: Sendable {
        public var name: String
        public var columns: [AttributeColumn]
        public var rows: [[StoreValue]]
        /// Columns of one index (empty: none).
        public var indexOn: [String]
        public var description: String
    }

    public var monitoring: String
    public var areaLayers: [AreaLayer]
    public var tables: [Table]

    /// The fields of every `areas_<level>` table, after `fid` and `geom`.
    public static let areaFields = [AttributeColumn("area_id", .text), AttributeColumn("name", .text), AttributeColumn("parent_id", .text)]
}

extension MonitoringStoreTables {
    /// The store's tables of one run (layout `MonitoringStore.layout`).
    init(monitoring: String, levels: [LevelAreas], results: MonitoringResults, index: MonitoringIndexSpec?,
         provenance: Provenance, steps: [StepRecord]) {
        self.monitoring = monitoring
        areaLayers = levels.map { level in
            AreaLayer(name: "areas_\(level.spec.id)", description: level.spec.label, crs: level.areas.crs, areas: level.order.map { index in
                let area = level.areas.areas[index]
                return (area.id, area.name, area.parentIDs.first ?? nil, area.geometry)
            })
        }
        var tables: [Table] = []
        var countRows: [[StoreValue]] = []
        for level in levels {
            for (year, table) in results.counts[level.spec.id]!.sorted(by: { $0.key < $1.key }) {
                for (row, id) in table.areaIDs.enumerated() {
                    for (column, term) in table.terms.enumerated() {
                        let mask = table.mask(row: row, column: column)
                        countRows.append([.text(level.spec.id), .text(id), StoreValue(year), .text(term),
                                          mask == nil ? .integer(table[row, column]) : .null, StoreValue(mask)])
                    }
                }
            }
        }
        tables.append(Table(
            name: "counts",
            columns: [.init("level", .text), .init("area_id", .text), .init("year", .integer), .init("term", .text), .init("count", .integer),
                      .init("masked", .text)],
            rows: countRows, indexOn: ["level", "area_id", "year"],
            description: "Counts per area, year and term (`n` = all records of the year's first source; `SOURCE/FILTER`, `SOURCE/column:NAME`); count NULL and masked = the reason when a publisher masked the cell or a sum includes such a cell"))
        tables.append(Table(
            name: "indicators",
            columns: [.init("level", .text), .init("area_id", .text), .init("year", .integer), .init("indicator", .text),
                      .init("numerator", .integer), .init("denominator", .integer), .init("value", .real),
                      .init("ci_low", .real), .init("ci_high", .real), .init("masked", .text)],
            rows: results.indicators.map {
                [.text($0.level), .text($0.areaID), StoreValue($0.year), .text($0.indicator), StoreValue($0.numerator), StoreValue($0.denominator),
                 StoreValue($0.value), StoreValue($0.low), StoreValue($0.high), StoreValue($0.masked)]
            },
            indexOn: ["level", "area_id", "year"],
            description: "Indicators: numerator, denominator, rate in the indicator's scale, 95 % Wilson interval"))
        tables.append(Table(
            name: "dynamics",
            columns: [.init("level", .text), .init("area_id", .text), .init("indicator", .text), .init("from_year", .integer),
                      .init("to_year", .integer), .init("change", .real)],
            rows: results.dynamics.map {
                [.text($0.level), .text($0.areaID), .text($0.indicator), StoreValue($0.fromYear), StoreValue($0.toYear), StoreValue($0.change)]
            },
            indexOn: ["level", "area_id"], description: "Change of each indicator in scale units (percentage points for %)"))
        if let index {
            let columns: [AttributeColumn] = [.init("level", .text), .init("area_id", .text), .init("year", .integer),
                                              .init("valid", .boolean), .init("invalid_reason", .text)]
                + index.status.map { .init("z_\($0)", .real) }
                + [.init("status_sum", .real), .init("status_index", .real), .init("status_class", .text)]
                + index.dynamics.map { .init("dz_\($0)", .real) }
                + [.init("dynamics_sum", .real), .init("dynamics_index", .real), .init("dynamics_class", .text),
                   .init("combined_class", .text), .init("rank", .integer)]
            let rows: [[StoreValue]] = results.index.map { value in
                var row: [StoreValue] = [.text(index.level), .text(value.areaID), StoreValue(value.year), .boolean(value.valid),
                                         StoreValue(value.invalidReason)]
                row += value.statusZ.map { StoreValue($0) }
                row += [StoreValue(value.statusSum), StoreValue(value.statusIndex), StoreValue(value.statusClass)]
                row += value.dynamicsZ.map { StoreValue($0) }
                row += [StoreValue(value.dynamicsSum), StoreValue(value.dynamicsIndex), StoreValue(value.dynamicsClass),
                        StoreValue(value.combinedClass), StoreValue(value.rank)]
                return row
            }
            tables.append(Table(
                name: "index_results", columns: columns, rows: rows, indexOn: ["area_id"],
                description: "Composite index (\(index.method.rawValue), SD divisor \(index.divisor.rawValue)): z-values, sums, index, classes, rank (1 = most disadvantaged, ties min)"))
            tables.append(Self.rankUncertaintyTable(results.rankUncertainty, level: index.level))
        }
        tables.append(Table(
            name: "carried_over",
            columns: [.init("level", .text), .init("year", .integer), .init("from_version", .text),
                      .init("to_version", .text), .init("method", .text)],
            rows: results.carriedOver.map { [.text($0.level), StoreValue($0.year), .text($0.fromVersion), .text($0.toVersion), .text($0.method)] },
            indexOn: [], description: "Years reported on boundaries other than their own, and how they were carried over"))
        tables.append(Table(
            name: "provenance", columns: [.init("key", .text), .init("value", .text)],
            rows: [[MonitoringStore.monitoringKey, monitoring], ["spec_sha256", provenance.specSHA256], ["quartier_version", provenance.quartierVersion],
                   ["store_layout", MonitoringStore.layout],
                   ["run_at", provenance.runAt], ["lowest_level", levels[0].spec.id]].map { $0.map { StoreValue.text($0) } },
            indexOn: [], description: "Spec hash, Quartier version and time of the run"))
        tables.append(Table(
            name: "provenance_inputs",
            columns: [.init("role", .text), .init("path", .text), .init("bytes", .integer), .init("sha256", .text),
                      .init("modified", .integer), .init("changed", .integer), .init("device", .integer), .init("inode", .integer)],
            rows: provenance.inputs.map {
                [.text($0.role), .text($0.path), .integer($0.bytes), .text($0.sha256), .integer($0.modified), .integer($0.changed),
                 .integer($0.device), .integer($0.inode)]
            },
            indexOn: [], description: "Input files with size, SHA-256, modification and status-change time (ns since 1970), device and inode"))
        tables.append(Table(
            name: "provenance_records",
            columns: [.init("year", .integer), .init("source", .text), .init("records", .integer), .init("assigned", .integer),
                      .init("unassigned", .integer), .init("on_boundary", .integer), .init("unmatched", .integer),
                      .init("rejected", .integer), .init("unmatched_reasons", .text)],
            rows: provenance.records.map {
                [StoreValue($0.year), .text($0.source), StoreValue($0.records), StoreValue($0.assigned), StoreValue($0.unassigned),
                 StoreValue($0.onBoundary), StoreValue($0.unmatched), StoreValue($0.rejected),
                 .text($0.unmatchedReasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))]
            },
            indexOn: [], description: "What happened to every record, per source and year: records = assigned + unassigned + on_boundary + unmatched + rejected"))
        tables.append(Table(
            name: "qt_steps",
            columns: [.init("step", .text), .init("input_hash", .text), .init("recomputed", .boolean), .init("seconds", .real)],
            rows: steps.map { [.text($0.step), .text($0.inputHash), .boolean($0.recomputed), .real($0.seconds)] },
            indexOn: [], description: "Steps of the run with the hash of their inputs (for incremental runs)"))
        self.tables = tables
    }
}

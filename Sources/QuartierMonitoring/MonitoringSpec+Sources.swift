import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierTable

/// The headers of the spec's CSV files, read once each when the spec loads.
struct SourceHeaders {
    private var headers: [String: [String]] = [:]

    /// The header of `file`; the error names the spec key that gave the file.
    mutating func header(of file: String, table: SpecTable, key: String, reading: TableOptions = TableOptions()) throws -> [String] {
        if let header = headers[file] { return header }
        let header: [String]
        do {
            header = try CSVRecordReader(path: file, options: reading).header
        } catch let error as InputError {
            throw table.error(key, found: "\(file) not readable as CSV (\(error.found))", expected: "a CSV file with a header")
        }
        headers[file] = header
        return header
    }

    /// Checks that `file` has `column`, else an error at `key` of `table` listing the columns there are.
    mutating func require(_ column: String, in file: String, table: SpecTable, key: String, fileKey: String,
                          reading: TableOptions = TableOptions()) throws {
        let header = try header(of: file, table: table, key: fileKey, reading: reading)
        guard header.contains(column) else {
            // The header is listed only when line 1 looks like one: a spec naming any readable file
            // (a key, a password file) never gets its first line quoted back.
            throw table.error(key, found: "\"\(InputError.excerpt(column))\", which \(InputError.excerpt(URL(fileURLWithPath: file).lastPathComponent)) lacks (\(InputError.escaped(file)):1)",
                              expected: InputError.expectedColumn(column, header: header))
        }
    }
}

extension MonitoringSpec {
    /// Reads `[[sources]]`: each a named source of one year, or of the years in its year column.
    ///
    /// Checked here, each error naming the spec's line and key: the files are readable, every named
    /// column is in its file's header, the level exists, and a name appears once per year.
    static func sources(
        _ tables: [SpecTable], levels: [AreaLevelSpec], resolve: (String) -> String, headers: inout SourceHeaders
    ) throws -> [RecordSourceSpec] {
        var sources: [RecordSourceSpec] = []
        var firstLine: [String: Int] = [:] // "year/name" → line
        for table in tables {
            try table.rejectUnknownKeys(allowed: [
                "name", "year", "years", "year_column", "date_column", "persons", "records", "x", "y", "crs",
                "table", "level", "id", "area_id", "street", "number", "suffix", "addresses", "addresses_street",
                "addresses_number", "addresses_suffix", "addresses_x", "addresses_y",
                "reference_date", "population", "valid", "valid_values", "sentinels", "delimiter", "encoding", "decimal",
            ])
            let fileKey = ["persons", "records", "table"].first(where: table.contains) ?? "records"
            let fileCount = ["persons", "records", "table"].filter(table.contains).count
            guard fileCount == 1 else {
                throw table.error(nil, found: "\(fileCount) of persons, records and table",
                                  expected: "one of persons = \"FILE.csv\", records = \"FILE.csv\" or table = \"FILE.csv\"")
            }
            let file = resolve(try table.string(fileKey))
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw table.error(fileKey, found: "no readable file \(file)", expected: "a CSV file")
            }
            // A forced dialect, for files whose delimiter, encoding or decimal style detection would get wrong.
            var reading = TableOptions()
            if let name = try table.optionalString("delimiter") {
                guard let byte = TableOptions.delimiter(named: name) else {
                    throw table.error("delimiter", found: "\"\(InputError.excerpt(name))\"", expected: "one character such as \";\", \",\" or \"|\", or \"tab\"")
                }
                reading.delimiter = byte
            }
            if let name = try table.optionalString("encoding") {
                guard let encoding = TextEncoding(name: name) else {
                    throw table.error("encoding", found: "\"\(InputError.excerpt(name))\"", expected: "\"utf-8\" or \"windows-1252\"")
                }
                reading.encoding = encoding
            }
            if let name = try table.optionalString("decimal") {
                guard let style = DecimalStyle(separator: name) else {
                    throw table.error("decimal", found: "\"\(InputError.excerpt(name))\"", expected: "\".\" or \",\"")
                }
                reading.decimalStyle = style
            }
            func column(_ key: String, default value: String? = nil) throws -> String? {
                guard let name = try table.optionalString(key) ?? value else { return nil }
                try headers.require(name, in: file, table: table, key: table.contains(key) ? key : fileKey, fileKey: fileKey, reading: reading)
                return name
            }
            func level(_ key: String) throws -> String {
                let level = try table.string(key)
                guard levels.contains(where: { $0.id == level }) else {
                    throw table.error(key, found: "\"\(level)\", which is not a level of this spec",
                                      expected: "one of the levels \(levels.map(\.id).joined(separator: ", "))")
                }
                return level
            }

            let kind: RecordSourceSpec.Kind
            if fileKey == "table" {
                kind = .areaTable(RecordSourceSpec.AreaTableSource(
                    file: file, level: try level("level"), idColumn: try column("id")!,
                    populationColumn: try column("population"), validColumn: try column("valid"),
                    validValues: try table.optionalStrings("valid_values") ?? [], sentinels: try table.optionalDoubles("sentinels") ?? []))
            } else if table.contains("area_id") {
                kind = .areaRecords(RecordSourceSpec.AreaRecordsSource(file: file, idColumn: try column("area_id")!, level: try level("level")))
            } else if table.contains("street") || table.contains("addresses") {
                let addresses = resolve(try table.string("addresses"))
                guard FileManager.default.isReadableFile(atPath: addresses) else {
                    throw table.error("addresses", found: "no readable file \(addresses)", expected: "a house-coordinate CSV file")
                }
                func addressColumn(_ key: String, default value: String?) throws -> String? {
                    guard let name = try table.optionalString(key) ?? value else { return nil }
                    try headers.require(name, in: addresses, table: table, key: table.contains(key) ? key : "addresses", fileKey: "addresses")
                    return name
                }
                let suffix = try column("suffix")
                kind = .addressRecords(RecordSourceSpec.AddressRecordsSource(
                    file: file, street: try column("street", default: "street")!, number: try column("number", default: "number")!,
                    suffix: suffix,
                    houseCoordinates: HouseCoordinateSpec(
                        file: addresses, street: try addressColumn("addresses_street", default: "street")!,
                        number: try addressColumn("addresses_number", default: "number")!,
                        suffix: try addressColumn("addresses_suffix", default: suffix == nil ? nil : "suffix"),
                        x: try addressColumn("addresses_x", default: "x")!, y: try addressColumn("addresses_y", default: "y")!)))
            } else {
                kind = .persons(file: file, x: try column("x", default: "x")!, y: try column("y", default: "y")!,
                                crs: try table.optionalString("crs").map(CRS.init))
            }

            // The year, or the years of a file that holds several.
            let selectorKey = ["year_column", "date_column"].first(where: table.contains)
            let selector = try selectorKey.map { key in
                RecordSourceSpec.YearSelector(column: try column(key)!, isDate: key == "date_column")
            }
            let years: [Int]
            switch (try table.optionalInt("year"), selector) {
            case (let year?, nil):
                years = [year]
            case (nil, let selector?):
                years = try table.optionalDoubles("years")?.map { Int($0) } ?? Self.years(in: file, selector: selector, reading: reading, table: table, key: selectorKey!)
            default:
                throw table.error("year", found: "both or neither of year and year_column/date_column",
                                  expected: "year = YYYY, or year_column = \"COLUMN\" (or date_column) for a file of several years")
            }
            let name = try table.optionalString("name") ?? (fileKey == "table" ? "table" : "persons")
            guard !name.isEmpty, !name.contains("/") else {
                throw table.error("name", found: "\"\(name)\"", expected: "a name without \"/\"")
            }
            let line = table.document.line(of: table.path)
            for year in years {
                if let first = firstLine["\(year)/\(name)"] {
                    throw table.error(table.contains("name") ? "name" : (table.contains("year") ? "year" : selectorKey!),
                                      found: "source \"\(name)\" a second time in \(year) (first on line \(first))",
                                      expected: "one source of each name per year (give each its own name = \"...\")")
                }
                firstLine["\(year)/\(name)"] = line ?? 0
                sources.append(RecordSourceSpec(
                    name: name, year: year, kind: kind, yearSelector: selector, reading: reading,
                    referenceDate: try table.optionalString("reference_date") ?? (selector == nil ? nil : "\(year)"), line: line))
            }
        }
        // Stable: spec order within a year (the first source of a year is its population `n`).
        return sources.enumerated().sorted { ($0.element.year, $0.offset) < ($1.element.year, $1.offset) }.map(\.element)
    }

    /// The distinct years in the year (or date) column of `file` (one pass over the field's bytes;
    /// a field equal to the record before's is not parsed again). A spec's `years = [...]` saves the pass.
    static func years(in file: String, selector: RecordSourceSpec.YearSelector, reading: TableOptions, table: SpecTable, key: String) throws -> [Int] {
        let reader = try CSVRecordReader(path: file, options: reading)
        let column = try reader.columnIndex(selector.column)
        var years = Set<Int>()
        var previous: [UInt8] = []
        try reader.forEachRecord { record in
            guard column < record.count else { return }
            let bytes = record.bytes(column)
            if bytes.elementsEqual(previous) { return }
            previous = Array(bytes)
            if let year = selector.year(of: bytes) { years.insert(year) }
        }
        guard !years.isEmpty else {
            throw table.error(key, found: "no year in column \"\(selector.column)\" of \(file)", expected: "years such as 2021 or dates such as 2021-12-31")
        }
        return years.sorted()
    }

    /// Checks every indicator's terms against its sources when the spec loads: the source exists,
    /// the column is in its file's header, the filter parses and names fields of the header.
    static func checkTerms(of indicators: [IndicatorSpec], tables: [SpecTable], sources: [RecordSourceSpec],
                           headers: inout SourceHeaders) throws {
        let names = Set(sources.map(\.name))
        for (indicator, table) in zip(indicators, tables) {
            var terms: [(key: String, term: IndicatorSpec.Term, source: String?)] = []
            switch indicator.definition {
            case .rate(let numerator, let denominator):
                terms = [("numerator", numerator, indicator.numeratorSource), ("denominator", denominator, indicator.denominatorSource)]
            case .published(let column):
                terms = [("value_column", .column(column), indicator.numeratorSource)]
            }
            for (key, term, sourceName) in terms {
                let used: [RecordSourceSpec]
                if let sourceName {
                    guard names.contains(sourceName) else {
                        throw table.error(key, found: "source \"\(sourceName)\", which the spec does not have",
                                          expected: "one of the sources \(names.sorted().joined(separator: ", "))")
                    }
                    used = sources.filter { $0.name == sourceName }
                } else {
                    // The old form: the year's only source.
                    for year in Set(sources.map(\.year)) where sources.filter({ $0.year == year }).count > 1 {
                        throw table.error(key, found: "no source, with \(sources.filter { $0.year == year }.count) sources in \(year)",
                                          expected: "\(key) = { source = \"NAME\", ... }")
                    }
                    used = sources
                }
                for source in used {
                    let fileKey = source.holdsRecords ? "records" : "table"
                    let header = try headers.header(of: source.file, table: table, key: key)
                    switch term {
                    case .all:
                        continue
                    case .column(let column):
                        // A column term of an old-form spec applies to the years of tables only.
                        if indicator.numeratorSource == nil && indicator.denominatorSource == nil && source.holdsRecords { continue }
                        guard !source.holdsRecords else {
                            throw table.error(key, found: "column \"\(column)\" of source \"\(source.name)\", which holds records",
                                              expected: "filter = \"...\" for records, column = \"...\" for area tables")
                        }
                        try headers.require(column, in: source.file, table: table, key: key, fileKey: fileKey)
                    case .filter(let filter):
                        if indicator.numeratorSource == nil && indicator.denominatorSource == nil && !source.holdsRecords { continue }
                        guard source.holdsRecords else {
                            throw table.error(key, found: "a filter on source \"\(source.name)\", which is a table per area",
                                              expected: "column = \"...\" for area tables")
                        }
                        do {
                            _ = try CompiledFilter(parsing: filter, header: header)
                            if case .persons = source.kind { _ = try RecordFilter(filter) }
                        } catch let error as FilterError {
                            throw table.error(key, found: "the filter \"\(filter)\" (\(error.message))",
                                              expected: "a filter over the fields of \(URL(fileURLWithPath: source.file).lastPathComponent): \(header.joined(separator: ", "))")
                        } catch {
                            throw table.error(key, found: "the filter \"\(filter)\" (\(error))", expected: "a filter that parses")
                        }
                    }
                }
            }
        }
    }

    /// The name a term of `source` has in the count tables. The old form keeps the old names
    /// (`n`, the filter text, `column:NAME`); named sources prefix their name (`einwohner/n`,
    /// `einwohner/age < 15`, `ba_sgb2/column:sgb2_u15`).
    public func countKey(_ term: IndicatorSpec.Term, source: String) -> String {
        let plain = switch term {
        case .all: "n"
        case .filter(let filter): filter
        case .column(let column): "column:" + column
        }
        return namedSources ? "\(source)/\(plain)" : plain
    }

    /// The source a numerator or denominator is counted from in `year` (nil: none that year).
    public func source(named name: String?, in year: Int) -> RecordSourceSpec? {
        let candidates = sources(of: year)
        guard let name else { return candidates.count == 1 ? candidates[0] : nil }
        return candidates.first { $0.name == name }
    }

    /// The count keys of an indicator's numerator and denominator in `year`; nil when a source
    /// has no file that year.
    public func countKeys(of indicator: IndicatorSpec, year: Int) -> (numerator: String, denominator: String)? {
        if let keys = accessCountKeys(of: indicator, year: year) { return keys }
        guard case .rate(let numerator, let denominator) = indicator.definition,
              let top = source(named: indicator.numeratorSource, in: year),
              let bottom = source(named: indicator.denominatorSource, in: year) else { return nil }
        // Old form: a filter term in a year of a table (or a column in a year of persons) does not apply.
        if !namedSources {
            for term in [numerator, denominator] {
                switch term {
                case .filter where !top.holdsRecords, .column where top.holdsRecords: return nil
                default: break
                }
            }
        }
        return (countKey(numerator, source: top.name), countKey(denominator, source: bottom.name))
    }

    /// The terms each source of `year` must count: (count key, term), in spec order, each once.
    public func terms(of source: RecordSourceSpec) -> [(key: String, term: IndicatorSpec.Term)] {
        var terms: [(key: String, term: IndicatorSpec.Term)] = [(countKey(.all, source: source.name), .all)]
        for indicator in indicators {
            guard case .rate(let numerator, let denominator) = indicator.definition else { continue }
            for (term, name) in [(numerator, indicator.numeratorSource), (denominator, indicator.denominatorSource)] {
                guard self.source(named: name, in: source.year)?.name == source.name else { continue }
                switch term {
                case .filter where !source.holdsRecords, .column where source.holdsRecords: continue
                default: break
                }
                let key = countKey(term, source: source.name)
                if !terms.contains(where: { $0.key == key }) { terms.append((key, term)) }
            }
        }
        return terms
    }
}

extension RecordSourceSpec {
    /// The forced dialect as text, for the step hashes (a changed dialect counts again).
    var readingKey: String {
        [reading.delimiter.map { String($0) } ?? "", reading.encoding.map { "\($0)" } ?? "",
         reading.decimalStyle?.rawValue ?? ""].joined(separator: "\u{1E}")
    }
}

extension RecordSourceSpec.YearSelector {
    /// The year of a field: the number itself for a year column; the first group of four digits
    /// for a date (`2021-12-31`, `31.12.2021`, `20211231`: the first four digits).
    /// The year of a field's bytes (ASCII digits), as `year(of: String)` reads it, without a `String`.
    public func year(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var run = 0, value = 0, first4 = 0
        func finish() -> Int? { run == 4 ? value : (run == 8 ? first4 : nil) }
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                run += 1
                value = value &* 10 &+ Int(byte - 0x30)
                if run == 4 { first4 = value }
            } else {
                if let year = finish() { return year }
                if !isDate && byte != 0x20 && byte != 0x09 { return nil }
                run = 0; value = 0
            }
        }
        return finish()
    }

    public func year(of field: String) -> Int? {
        let text = field.trimmingCharacters(in: .whitespaces)
        if !isDate { return Int(text) }
        for run in text.split(whereSeparator: { !($0.isASCII && $0.isNumber) }) where run.count == 4 || run.count == 8 {
            return Int(run.prefix(4))
        }
        return nil
    }
}

import Quartier

// Public initialisers for the parts of a spec that a layer above builds in code (QuartierReach
// derives a monitoring of participant counts from a spec: its own sources and indicators over the
// same levels, run by the same runner and published through the same gate).

extension RecordSourceSpec {
    public init(named name: String, year: Int, kind: Kind, selectedBy yearSelector: YearSelector?) {
        self.name = name
        self.year = year
        self.kind = kind
        self.yearSelector = yearSelector
        self.referenceDate = nil
        self.line = nil
    }
}

extension RecordSourceSpec.AreaRecordsSource {
    public init(file: String, idColumn: String, atLevel level: String) {
        self.file = file
        self.idColumn = idColumn
        self.level = level
    }
}

extension RecordSourceSpec.YearSelector {
    public init(yearColumn column: String, isDate: Bool) {
        self.column = column
        self.isDate = isDate
    }
}

extension IndicatorSpec {
    public init(id: String, label: String, rate definition: Definition, scale: RateScale, numeratorSource: String?,
                denominatorSource: String?, direction: Int) {
        self.id = id
        self.label = label
        self.definition = definition
        self.scale = scale
        self.numeratorSource = numeratorSource
        self.denominatorSource = denominatorSource
        self.direction = direction
        self.line = nil
    }
}

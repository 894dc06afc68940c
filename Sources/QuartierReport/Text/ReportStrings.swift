/// The report's fixed texts in German and English (one table, looked up by key).
public struct ReportStrings: Sendable {
    public var language: ReportLanguage

    public init(_ language: ReportLanguage) {
        self.language = language
    }

    /// The label of `key` in the report's language; the key itself if the table has none.
    public subscript(_ key: String) -> String {
        let entry = Self.table[key]
        return (language == .de ? entry?.0 : entry?.1) ?? key
    }

    static let table: [String: (String, String)] = [
        "contents": ("Inhalt", "Contents"),
        "summary": ("Zusammenfassung", "Summary"),
        "indexMap": ("Karte des Index", "Map of the index"),
        "indicatorMaps": ("Karten der Indikatoren", "Maps of the indicators"),
        "dynamicsMap": ("Karte der Dynamik", "Map of the dynamics"),
        "ranking": ("Rangfolge aller Gebiete", "Ranking of all areas"),
        "levels": ("Tabellen nach Ebenen", "Tables by level"),
        "profiles": ("Gebietsprofile", "Area profiles"),
        "methods": ("Methoden und Quellen", "Methods and sources"),
        "sources": ("Datenquellen", "Data sources"),
        "referenceDate": ("Stichtag", "Reference date"),
        "disclosure": ("Geheimhaltung", "Disclosure control"),
        "version": ("Quartier-Version", "Quartier version"),
        "specHash": ("Prüfsumme der Spezifikation", "Spec hash"),
        "noSpec": ("keine (ohne Spezifikation erzeugt)", "none (built without a spec)"),
        "rank": ("Rang", "Rank"),
        "id": ("Nr.", "ID"),
        "area": ("Gebiet", "Area"),
        "class": ("Klasse", "Class"),
        "value": ("Wert", "Value"),
        "indicator": ("Indikator", "Indicator"),
        "interval": ("Intervall", "Interval"),
        "change": ("Veränderung", "Change"),
        "areas": ("Gebiete", "Areas"),
        "count": ("Anzahl", "Count"),
        "share": ("Anteil", "Share"),
        "population": ("Einwohner", "Inhabitants"),
        "noValue": ("kein gültiger Wert", "no valid value"),
        "noValueExplained": ("Schraffiert: Gebiete ohne gültigen Wert (zu wenige Einwohner, Ausreißer oder geheim gehalten).",
                             "Hatched: areas without a valid value (too few inhabitants, outlier or suppressed)."),
        "suppressed": ("geheim gehalten", "suppressed"),
        "tooFew": ("zu wenige Einwohner", "too few inhabitants"),
        "outlier": ("Ausreißer", "outlier"),
        "notAvailable": ("nicht vorhanden", "not available"),
        "legendBounds": ("Klassengrenzen", "Class bounds"),
        "mostDeprived": ("am stärksten benachteiligt", "most deprived"),
        "leastDeprived": ("am wenigsten benachteiligt", "least deprived"),
        "city": ("Gesamtstadt", "City"),
        "neighbours": ("Nachbargebiete", "Neighbouring areas"),
        "trend": ("Verlauf", "Trend"),
        "parent": ("Übergeordnet", "Parent"),
        "classCounts": ("Gebiete je Klasse", "Areas per class"),
        "of": ("von", "of"),
        "north": ("N", "N"),
        "printedWith": ("Erstellt mit Quartier", "Made with Quartier"),
        "quantileNote": ("Klassen: Quintile der gültigen Werte (gleich viele Gebiete je Klasse, rechts geschlossen).",
                         "Classes: quintiles of the valid values (equal numbers of areas, right-closed)."),
        "profileNote": ("Balken: Wert des Gebiets; Strich: Wert der Gesamtstadt.",
                        "Bar: the area's value; line: the city value."),
        "csvTables": ("Tabellen als CSV", "Tables as CSV"),
        "summaryText": ("%1 Gebiete, davon %2 mit gültigem Indexwert. In der Klasse „%3“ liegen %4 Gebiete.",
                        "%1 areas, %2 of them with a valid index value. %4 areas are in class “%3”."),
        "mostDeprivedList": ("Am stärksten benachteiligt", "Most deprived"),
        "dynamicsSummary": ("Dynamik", "Dynamics"),
        "level": ("Ebene", "Level"),
        "childClasses": ("Teilgebiete je Indexklasse", "Sub-areas per index class"),
        "legendNoData": ("ohne gültigen Wert", "without valid value"),
        "scale": ("Maßstab", "Scale"),
        "profileFor": ("Profile der Gebiete", "Profiles of the areas"),
        "pTop": ("P(höchste Belastungsklasse)", "P(most deprived class)"),
        "rankNote": ("Rang (Intervall): beobachteter Rang und zentrales %1-%-Intervall der Ränge aus %2 simulierten Ziehungen der Zählwerte (Startwert %3); P: Anteil der Ziehungen in der höchsten Belastungsklasse; * unsicher (10–90 % der Ziehungen). Siehe Methoden.",
                     "Rank (interval): the observed rank and the central %1 % interval of the ranks from %2 simulated draws of the counts (seed %3); P: share of draws in the most deprived class; * uncertain (10–90 % of the draws). See Methods."),
    ]
}

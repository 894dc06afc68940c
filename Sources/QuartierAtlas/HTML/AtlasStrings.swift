/// The atlas's interface texts in German and English (data text — names, labels — comes from the data).
enum AtlasStrings {
    static let all: [String: [String: String]] = ["de": german, "en": english]

    static let german: [String: String] = [
        "language": "Sprache", "indicator": "Indikator", "level": "Ebene", "year": "Jahr", "method": "Klassen",
        "search": "Suche (Name oder Nr.)", "map": "Karte", "legend": "Legende", "chart": "Werte aller Gebiete",
        "compare": "Vergleich", "compareHelp": "Klicken oder Enter wählt bis zu fünf Gebiete zum Vergleich; erneut klicken hebt die Wahl auf.",
        "notes": "Hinweise zum Indikator", "table": "Tabelle", "download": "CSV herunterladen", "clear": "Auswahl aufheben",
        "name": "Name", "id": "Nr.", "parent": "übergeordnet", "value": "Wert", "class": "Klasse", "rank": "Rang",
        "rankInterval": "Rang (90-%-Intervall)", "pTop": "P(höchste Belastungsklasse)",
        "definition": "Definition", "numerator": "Zähler", "denominator": "Nenner", "source": "Quelle",
        "referenceDate": "Stichtag", "city": "Stadt", "method.monitoring": "Klassen des Monitorings",
        "method.quantiles": "Quantile (5 Klassen)", "method.jenks": "Fisher–Jenks (5 Klassen)",
        "suppressed": "geheimgehalten", "suppressedNote": "Geheimgehalten (Zeichen „{m}“): der Wert wird zum Schutz einzelner Personen nicht veröffentlicht.",
        "missing": "kein Wert", "missingNote": "Kein Wert (–): zu wenige Einwohner, vom Herausgeber maskiert oder nicht erhoben.",
        "selected": "ausgewählt", "none": "–", "rankDraws": "Rangintervall aus {n} simulierten Ziehungen der Zählwerte (binomial), 90 %.",
        "uncertain": "unsicher, ob in der höchsten Belastungsklasse (10–90 % der Ziehungen)",
        "keyboard": "Tastatur: Tab wählt Gebiete in Karte und Tabelle, Enter vergleicht.",
    ]

    static let english: [String: String] = [
        "language": "Language", "indicator": "Indicator", "level": "Level", "year": "Year", "method": "Classes",
        "search": "Search (name or id)", "map": "Map", "legend": "Legend", "chart": "Values of all areas",
        "compare": "Comparison", "compareHelp": "Click or press Enter to select up to five areas to compare; click again to deselect.",
        "notes": "Indicator notes", "table": "Table", "download": "Download CSV", "clear": "Clear selection",
        "name": "Name", "id": "Id", "parent": "parent", "value": "Value", "class": "Class", "rank": "Rank",
        "rankInterval": "Rank (90 % interval)", "pTop": "P(most deprived class)",
        "definition": "Definition", "numerator": "Numerator", "denominator": "Denominator", "source": "Source",
        "referenceDate": "Reference date", "city": "City", "method.monitoring": "The monitoring's classes",
        "method.quantiles": "Quantiles (5 classes)", "method.jenks": "Fisher–Jenks (5 classes)",
        "suppressed": "suppressed", "suppressedNote": "Suppressed (marker “{m}”): not published to protect individuals.",
        "missing": "no value", "missingNote": "No value (–): too few inhabitants, masked by the publisher or not collected.",
        "selected": "selected", "none": "–", "rankDraws": "Rank interval from {n} simulated draws of the counts (binomial), 90 %.",
        "uncertain": "uncertain whether in the most deprived class (10–90 % of draws)",
        "keyboard": "Keyboard: Tab moves through areas in map and table, Enter compares.",
    ]
}

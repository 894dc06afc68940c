/// The atlas's interface texts in German and English (data text — names, labels — comes from the data).
enum AtlasStrings {
    static let all: [String: [String: String]] = ["de": german, "en": english]

    static let german: [String: String] = [
        "language": "Sprache", "indicator": "Indikator", "level": "Ebene", "year": "Jahr", "method": "Klassen",
        "search": "Suche (Name oder Nr.)", "map": "Karte", "legend": "Legende", "chart": "Werte aller Gebiete",
        "compare": "Vergleich", "compareHelp": "Klicken oder Enter wählt bis zu fünf Gebiete zum Vergleich; erneut klicken hebt die Wahl auf.",
        "notes": "Hinweise zum Indikator", "table": "Tabelle", "download": "CSV herunterladen", "clear": "Auswahl aufheben",
        "name": "Name", "id": "Nr.", "parent": "übergeordnet", "value": "Wert", "class": "Klasse", "rank": "Rang",
        "rankInterval": "Rang ({p}-%-Intervall)", "pTop": "P(höchste Belastungsklasse)",
        "definition": "Definition", "numerator": "Zähler", "denominator": "Nenner", "source": "Quelle",
        "referenceDate": "Stichtag", "city": "Stadt", "method.monitoring": "Klassen des Monitorings",
        "method.quantiles": "Quantile (5 Klassen)", "method.jenks": "Fisher–Jenks (5 Klassen)",
        "suppressed": "geheimgehalten", "suppressedNote": "Geheimgehalten (Zeichen „{m}“): der Wert wird zum Schutz einzelner Personen nicht veröffentlicht.",
        "missing": "kein Wert", "missingNote": "Kein Wert (–): zu wenige Einwohner, vom Herausgeber maskiert oder nicht erhoben.",
        "selected": "ausgewählt", "none": "–", "rankDraws": "Rangintervall ({p} %) aus {n} simulierten Ziehungen der Zählwerte (binomial, durch die ganze Indexberechnung), Startwert {s}.",
        "uncertain": "unsicher, ob in der höchsten Belastungsklasse (10–90 % der Ziehungen)",
        "keyboard": "Tastatur: Tab wählt Gebiete in Karte und Tabelle, Enter vergleicht.",
        "profile": "Gebietsprofil", "profileHelp": "Zeigen Sie auf ein Gebiet oder wählen Sie es (Klick, Enter): sein Profil gegenüber der Stadt und dem übergeordneten Gebiet erscheint hier.",
        "profileArea": "Gebiet", "profileSpine": "ungünstiger ◀ ▶ günstiger", "profileRange": "Spannweite", "trend": "Verlauf",
        "profileNote": "Balken: Spannweite der veröffentlichten Werte aller Gebiete der Ebene (hell) und ihre mittlere Hälfte, 25. bis 75. Perzentil (dunkel); Strich: Stadt (Mitte des Balkens; ohne veröffentlichten Stadtwert der Median); Kreis: das Gebiet; Raute: das übergeordnete Gebiet; links die ungünstigere Seite. Verlauf: das Gebiet über die Jahre, gestrichelt die Stadt. Geheimgehaltene (.) und fehlende (–) Werte zeichnen keine Marke.",
    ]

    static let english: [String: String] = [
        "language": "Language", "indicator": "Indicator", "level": "Level", "year": "Year", "method": "Classes",
        "search": "Search (name or id)", "map": "Map", "legend": "Legend", "chart": "Values of all areas",
        "compare": "Comparison", "compareHelp": "Click or press Enter to select up to five areas to compare; click again to deselect.",
        "notes": "Indicator notes", "table": "Table", "download": "Download CSV", "clear": "Clear selection",
        "name": "Name", "id": "Id", "parent": "parent", "value": "Value", "class": "Class", "rank": "Rank",
        "rankInterval": "Rank ({p} % interval)", "pTop": "P(most deprived class)",
        "definition": "Definition", "numerator": "Numerator", "denominator": "Denominator", "source": "Source",
        "referenceDate": "Reference date", "city": "City", "method.monitoring": "The monitoring's classes",
        "method.quantiles": "Quantiles (5 classes)", "method.jenks": "Fisher–Jenks (5 classes)",
        "suppressed": "suppressed", "suppressedNote": "Suppressed (marker “{m}”): not published to protect individuals.",
        "missing": "no value", "missingNote": "No value (–): too few inhabitants, masked by the publisher or not collected.",
        "selected": "selected", "none": "–", "rankDraws": "Rank interval ({p} %) from {n} simulated draws of the counts (binomial, through the whole index computation), seed {s}.",
        "uncertain": "uncertain whether in the most deprived class (10–90 % of draws)",
        "keyboard": "Keyboard: Tab moves through areas in map and table, Enter compares.",
        "profile": "Area profile", "profileHelp": "Point at an area or select it (click, Enter): its profile against the city and its parent area appears here.",
        "profileArea": "Area", "profileSpine": "worse ◀ ▶ better", "profileRange": "range", "trend": "Trend",
        "profileNote": "Bar: range of the published values of all areas of the level (light) and their middle half, 25th to 75th percentile (dark); line: the city (centre of the bar; the median where no city value is published); circle: the area; diamond: its parent area; the worse side on the left. Trend: the area over the years, the city dashed. Suppressed (.) and missing (–) values draw no mark.",
    ]
}

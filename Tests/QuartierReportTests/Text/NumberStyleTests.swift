import Testing
@testable import QuartierReport

@Suite struct NumberStyleTests {
    @Test(arguments: [
        (12.345, ReportUnit.percent, 1, ReportLanguage.de, "12,3\u{a0}%"),
        (12.345, .percent, 1, .en, "12.3%"),
        (1234, .count, 0, .de, "1.234"),
        (1234, .count, 0, .en, "1,234"),
        (1234567.891, .count, 2, .de, "1.234.567,89"),
        (-0.333, .score, 2, .de, "\u{2212}0,33"),
        (-0.001, .score, 2, .en, "0.00"),
        (1.25, .percentagePoints, 1, .de, "+1,3\u{a0}Pp."),
        (-1.2, .percentagePoints, 1, .en, "\u{2212}1.2\u{a0}pp"),
        (4.5, .perThousand, 1, .de, "4,5\u{a0}‰"),
    ])
    func value(number: Double, unit: ReportUnit, decimals: Int, language: ReportLanguage, expected: String) {
        #expect(NumberStyle(language).value(number, unit: unit, decimals: decimals) == expected)
    }

    @Test(arguments: [
        (ReportClass(id: 2, label: "", lower: -1, lowerClosed: true, upper: 1, upperClosed: true), ReportLanguage.de, "[\u{2212}1,0; 1,0]"),
        (ReportClass(id: 3, label: "", lower: 1, upper: 1.5), .de, "(1,0; 1,5]"),
        (ReportClass(id: 4, label: "", lower: 1.5, upper: nil), .en, "(1.5, ∞)"),
        (ReportClass(id: 1, label: "", lower: nil, upper: -1, upperClosed: false), .de, "(\u{2212}∞; \u{2212}1,0)"),
    ])
    func bounds(definition: ReportClass, language: ReportLanguage, expected: String) {
        #expect(NumberStyle(language).bounds(definition, decimals: 1) == expected)
    }
}

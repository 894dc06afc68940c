import QuartierGeocoding
import Testing

@Suite("HouseNumber: numbers, suffixes, ranges")
struct HouseNumberTests {
    @Test("number fields (and suffix fields) as written in registers", arguments: [
        ("12", "", HouseNumber.Parsed.number(HouseNumber(number: 12))),
        (" 12 ", "", .number(HouseNumber(number: 12))),
        ("012", "", .number(HouseNumber(number: 12))),
        ("12a", "", .number(HouseNumber(number: 12, suffix: "a"))),
        ("12 A", "", .number(HouseNumber(number: 12, suffix: "a"))),
        ("12-a", "", .number(HouseNumber(number: 12, suffix: "a"))),
        ("12.a", "", .number(HouseNumber(number: 12, suffix: "a"))),
        ("12", "a", .number(HouseNumber(number: 12, suffix: "a"))),
        ("12", " A ", .number(HouseNumber(number: 12, suffix: "a"))),
        ("12a", "a", .number(HouseNumber(number: 12, suffix: "a"))),
        ("12a", "1", .number(HouseNumber(number: 12, suffix: "a1"))),
        ("12 bis", "", .number(HouseNumber(number: 12, suffix: "bis"))),
        ("12-14", "", .number(HouseNumber(number: 12, rangeEnd: 14))),
        ("12 – 14", "", .number(HouseNumber(number: 12, rangeEnd: 14))),
        ("12-14a", "", .number(HouseNumber(number: 12, rangeEnd: 14))),
        ("12a-14", "", .number(HouseNumber(number: 12, suffix: "a", rangeEnd: 14))),
        ("12/14", "", .number(HouseNumber(number: 12, rangeEnd: 14))),
        ("12/1", "", .number(HouseNumber(number: 12, suffix: "1"))),
        ("12 1/2", "", .number(HouseNumber(number: 12, suffix: "1/2"))),
        ("12½", "", .number(HouseNumber(number: 12, suffix: "1/2"))),
        ("12", "1/2", .number(HouseNumber(number: 12, suffix: "1/2"))),
        ("0", "", .number(HouseNumber(number: 0))),
        ("", "", .empty),
        ("   ", "a", .empty),
        ("o. Nr.", "", .bad),
        ("?", "", .bad),
        ("12#", "", .bad),
        ("1234567", "", .bad),
        ("12 3", "", .bad),
        ("12a b", "", .bad),
        ("12", "a#", .bad),
    ])
    func parse(number: String, suffix: String, expected: HouseNumber.Parsed) {
        #expect(HouseNumber.parse(number, suffix: suffix) == expected)
    }

    @Test("12a-c is the first suffix of a range")
    func suffixRange() throws {
        guard case .number(let parsed) = HouseNumber.parse("12a-c") else { Issue.record("not a number"); return }
        #expect(parsed.number == 12)
        #expect(parsed.suffix == "a")
        #expect(parsed.rangeEnd != nil)
    }
}

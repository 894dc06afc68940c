import Foundation
import QuartierAggregation
import QuartierMethods // SeededGenerator (SplitMix64), the one seeded generator
import Testing

@Suite("NumberParsing and RecordFilter")
struct ParsingTests {
    static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { NumberParsing.double($0.baseAddress!, 0, bytes.count) }
    }

    static func micros(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { NumberParsing.micros($0.baseAddress!, 0, bytes.count) }
    }

    @Test("doubles are read exactly as strtod reads them (fast and slow paths)")
    func doublesAgreeWithStrtod() {
        var generator = SeededGenerator(seed: 42)
        var texts = ["0", "-0.5", "361000.123", "5645000.001", "1e3", "12345678901234567890.5", "0.1", "+7", "9007199254740993",
                     "1.7976931348623157e308", " 3.5 ", "\"2.25\""]
        for _ in 0 ..< 5000 {
            let whole = generator.below(10_000_000)
            let mm = generator.below(1000)
            texts.append("\(whole).\(String(repeating: "0", count: 3 - String(mm).count))\(mm)")
        }
        for text in texts {
            let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            #expect(Self.parse(text) == strtod(trimmed, nil), "\(text)")
        }
    }

    @Test("not numbers", arguments: ["", "abc", "1,5", "1.2.3", "--1", "nan", "inf", "1e", " "])
    func notNumbers(_ text: String) {
        #expect(Self.parse(text) == nil)
    }

    @Test("sums in millionths", arguments: [("1", 1_000_000), ("0", 0), ("12.5", 12_500_000), ("-0.000001", -1), ("3.000000", 3_000_000)] as [(String, Int64)])
    func micros(_ c: (String, Int64)) {
        #expect(Self.micros(c.0) == c.1)
        #expect(Self.micros(NumberParsing.formatMicros(c.1)) == c.1)
    }

    @Test("sums refuse more than six decimals and non-numbers", arguments: ["0.1234567", "x", "", "1e3"])
    func microsRefused(_ text: String) {
        #expect(Self.micros(text) == nil)
    }

    @Test("filters parse", arguments: ["age < 15", "age < 15 and sgb2 == 1", "not (age >= 65) or sgb2 != 0", "nat == 'DE'", "15 > age", "a <= b"])
    func filtersParse(_ source: String) throws {
        let filter = try RecordFilter(source)
        #expect(!filter.fields.isEmpty)
    }

    @Test("filter errors name the column and what was expected",
          arguments: [("age <", 6), ("age < 15 andd sgb2 == 1", 10), ("(age < 15", 10), ("age ! 3", 5), ("nat < 'DE'", 5), ("'a' == 'b'", 5)] as [(String, Int)])
    func filterErrors(_ c: (String, Int)) {
        #expect {
            _ = try RecordFilter(c.0)
        } throws: { error in
            guard let error = error as? FilterSyntaxError else { return false }
            return error.column == c.1 && !error.expected.isEmpty
        }
    }
}

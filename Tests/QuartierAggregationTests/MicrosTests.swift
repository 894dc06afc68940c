import Foundation
import QuartierAggregation
import QuartierMethods // SeededGenerator (SplitMix64), the one seeded generator
import QuartierTable
import Testing

@Suite("Micros: sums in millionths from FieldNumber's doubles")
struct MicrosTests {
    static func micros(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { FieldNumber.parse($0, style: .point) }.flatMap(Micros.from)
    }

    @Test("sums in millionths", arguments: [("1", 1_000_000), ("0", 0), ("12.5", 12_500_000), ("-0.000001", -1), ("3.000000", 3_000_000),
                                           ("1e3", 1_000_000_000), ("999999999.999999", 999_999_999_999_999)] as [(String, Int64)])
    func micros(_ c: (String, Int64)) {
        #expect(Self.micros(c.0) == c.1)
        #expect(Self.micros(Micros.format(c.1)) == c.1)
    }

    @Test("every six-decimal value below 1e9 is read exactly")
    func exactOnSixDecimals() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0 ..< 20_000 {
            let value = Int64(generator.below(2_000_000_000)) * 1_000_000 + Int64(generator.below(1_000_000)) - 1_000_000_000_000_000
            guard abs(value) < 1_000_000_000_000_000 else { continue }
            #expect(Self.micros(Micros.format(value)) == value, "\(value)")
        }
    }

    @Test("sums refuse more than six decimals, non-numbers and non-finite values", arguments: ["0.1234567", "999.0000001", "x", "", "1e999", "1e9", "nan", "inf"])
    func microsRefused(_ text: String) {
        #expect(Self.micros(text) == nil)
    }
}

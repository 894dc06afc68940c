@testable import QuartierGeocoding
import QuartierMethods
import Testing

/// The (street, number) lookup of the address index gives the entry the binary search gives: the
/// street's first entry with that number, or none.
@Suite("Address index: the number lookup equals the binary search")
struct AddressIndexNumberTests {
    @Test func firstEntryEqualsLowerBound() throws {
        var generator = SeededGenerator(seed: 12)
        var rows: [HouseAddress] = []
        for street in 0 ..< 40 {
            let houses = 1 + Int(generator.next() % 300)
            for _ in 0 ..< houses {
                let number = 1 + Int(generator.next() % 400)
                let suffix = generator.next() % 4 == 0 ? "a" : ""
                rows.append(HouseAddress(street: "Straße \(street)", number: "\(number)", suffix: suffix, x: 0, y: 0))
            }
        }
        let index = try AddressIndex(addresses: rows)
        var found = 0, absent = 0
        for street in 0 ..< index.streetCount {
            let range = index.range(ofStreet: street)
            for number in Int32(0) ... 402 {
                let low = index.lowerBound(number, in: range)
                let expected = low < range.upperBound && index.numbers[low] == number ? low : nil
                #expect(index.firstEntry(street: street, number: number) == expected, "street \(street) number \(number)")
                if expected == nil { absent += 1 } else { found += 1 }
            }
        }
        #expect(found > 1000 && absent > 1000)
    }
}

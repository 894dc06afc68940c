import Foundation
import QuartierAccess
import QuartierBase
import QuartierTestSupport
import Testing

/// Persons and offers read from CSV: every record accounted for, bad lines refused with file, line and field.
@Suite struct InputReadingTests {
    static func write(_ text: String, _ name: String) throws -> String {
        let path = try TestPaths.temporaryFolder().appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func personsWithGroupsWeightsAndRejects() throws {
        // German style: `;` and decimal comma; a record without coordinates and one at 1e200 are rejected.
        let path = try Self.write("id;x;y;age;sgb2\n1;100,5;200;3;1\n2;;200;4;0\n3;110;210;30;0\n4;1e200;5;2;0\n5;120;220;5;\n", "persons.csv")
        let persons = try PersonPoints.read(path: path, targetGroups: ["age < 6", "age >= 18"],
                                            needWeights: [.init(filter: "sgb2 == 1", weight: 2)])
        #expect(persons.count + persons.rejected == 5)
        #expect(persons.count == 3 && persons.rejected == 2)
        #expect(persons.x == [100.5, 110, 120])
        #expect(persons.groups == [0b01, 0b10, 0b01])
        #expect(persons.weights == [2, 1, 1])      // a missing sgb2 is not sgb2 == 1 (SQL's NULL rule)
        #expect(persons.lines == [2, 4, 6])
        #expect(persons.rejectedExamples.first?.hasPrefix("line 3:") == true)
        #expect(throws: (any Error).self) { try PersonPoints.read(path: path, targetGroups: ["alter < 6"]) }
    }

    @Test(arguments: [
        ("id,type,capacity,target_group,x,y\nk1,kita,30,age < 6,1,2\nk1,kita,20,age < 6,3,4\n", "offers.csv:3", "the id \"k1\" again (first on line 2)"),
        ("id,type,capacity,target_group,x,y\nk1,kita,30,age <,1,2\n", "offers.csv:2 field \"target_group\"", "expected a filter over person fields"),
        ("id,type,capacity,target_group,x,y\nk1,kita,-3,age < 6,1,2\n", "offers.csv:2", "expected a capacity >= 0"),
        ("id,type,capacity,target_group,x,y\nk1,kita,30,,1,2\n", "offers.csv:2 field \"target_group\"", "found no target group for offer \"k1\""),
        ("id,type,target_group,x,y\nk1,kita,age < 6,1,2\n", "offers.csv:1 field \"capacity\"", "found no column \"capacity\""),
        ("id,type,capacity,target_group,x,y,opened\nk1,kita,30,age < 6,1,2,2020.5\n", "offers.csv:2", "expected a year (a whole number)"),
    ])
    func badOfferLines(text: String, place: String, message: String) throws {
        let path = try Self.write(text, "offers.csv")
        #expect {
            _ = try Offer.read(path: path)
        } throws: { error in
            let description = "\(error)"
            return description.contains(place) && description.contains(message)
        }
    }

    @Test func offersInService() throws {
        let path = try Self.write("id,name,type,capacity,target_group,opened,closed,x,y,catchment\nk1,A,kita,30,age < 6,2020,2024,1,2,\nk2,B,kita,,age < 6,,,3,4,300\n", "offers.csv")
        var columns = OfferColumns()
        columns.defaultCapacity = 10
        let offers = try Offer.read(path: path, columns: columns)
        #expect(offers.map(\.capacity) == [30, 10])
        #expect(offers.map { $0.inService(2023) } == [true, true])
        #expect(offers.map { $0.inService(2024) } == [false, true])
        #expect(offers.map { $0.inService(2019) } == [false, true])
        #expect(offers[1].catchment == 300 && offers[0].catchment == nil)
    }
}

import Foundation
import QuartierBase
import QuartierTable

/// The disclosure TABLE files through the project's one CSV reader and writer: QuartierTable's
/// `CSVRecordReader` (`,` `;` tab, UTF-8 ± BOM or Windows-1252, CRLF, quoted fields with line breaks)
/// and `CSVWriter`'s quoting and formula guard.
enum DisclosureCSV {
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// The header and the records of a table file (any dialect `CSVRecordReader` reads).
    static func read(_ path: String) throws -> (header: [String], records: [Record]) {
        let reader = try CSVRecordReader(path: path)
        var records: [Record] = []
        try reader.forEachRecord { fields in
            records.append(Record(line: fields.line, fields: (0 ..< fields.count).map(fields.string)))
        }
        return (reader.header, records)
    }

    /// One CSV field as `CSVWriter` writes text from data (quoted when needed; a leading `= + - @`,
    /// tab or CR neutralised with an apostrophe so spreadsheets do not run data from area names);
    /// a number stays a number.
    static func escape(_ text: String) -> String {
        let writer = CSVWriter()
        return Double(text) != nil ? writer.quoteIfNeeded(text) : writer.line([.text(text)])
    }
}

import Foundation
import QuartierTable

/// libFuzzer entry, differential: the streaming reader (read from a file in 16-byte chunks, so that
/// records, quotes and CRLF cross chunk boundaries) and the whole-file `Table` reader agree on every
/// input — both refuse it, or both read the same number of records starting on the same lines with
/// the same number of fields. A phantom record (a quoted line break split into two) fails here.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let path = FuzzScratch.path
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    let table = try? Table.parse(bytes: bytes, path: path)
    var streamed: [(line: Int, count: Int)] = []
    var streamFailed = false
    do {
        let reader = try CSVRecordReader(path: path, chunkSize: 16)
        try reader.forEachRecord { record in streamed.append((record.line, record.count)) }
    } catch {
        streamFailed = true
    }
    switch (table, streamFailed) {
    case (nil, true): break
    case (nil, false): fatalError("Table refused what the streaming reader read (\(streamed.count) records)")
    case (.some(let table), true): fatalError("the streaming reader refused what Table read (\(table.rowCount) rows)")
    case (.some(let table), false):
        precondition(table.rowCount == streamed.count, "Table read \(table.rowCount) rows, the streaming reader \(streamed.count)")
        for (row, record) in streamed.enumerated() {
            precondition(table.lines[row] == record.line, "row \(row): Table line \(table.lines[row]), streamed line \(record.line)")
            precondition(table.cells[row].count == record.count, "row \(row): field counts differ")
        }
    }
    return 0
}

enum FuzzScratch {
    static let path = FileManager.default.temporaryDirectory.appendingPathComponent("quartier-fuzz-csv-\(getpid()).csv").path
}

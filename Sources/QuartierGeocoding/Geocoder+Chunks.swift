import Dispatch
import Foundation
import QuartierBase
import QuartierTable

/// Records cut from the register by the reading thread, matched by one worker, then written by
/// the reading thread.
final class GeocodeChunk: @unchecked Sendable { // one thread at a time: handed over by DispatchGroup enter/leave/wait
    static let size = 16_384
    let encoding: TextEncoding
    /// Per record its kept columns as written to the output, each followed by `,`.
    var prefixes = RowWriter(handle: nil, capacity: 1 << 20)
    var prefixEnds: [Int] = []
    /// Per record its address fields (street, number, suffix, municipality, street key) as read.
    var fields = RowWriter(handle: nil, capacity: 1 << 19)
    var fieldEnds: [Int] = []
    var lines: [Int] = []
    var output = RowWriter(handle: nil, capacity: 1 << 20)
    var unmatched = RowWriter(handle: nil, capacity: 1 << 14)
    var tallies = [Int](repeating: 0, count: Geocoder.labels.count)
    var ranges = 0
    let group = DispatchGroup()

    init(encoding: TextEncoding) {
        self.encoding = encoding
        prefixEnds.reserveCapacity(Self.size)
        fieldEnds.reserveCapacity(5 * Self.size)
        lines.reserveCapacity(Self.size)
    }

    var count: Int { lines.count }

    deinit {
        prefixes.release(); fields.release(); output.release(); unmatched.release()
    }
}

extension Geocoder {
    /// Reads the register into chunks, has `threads` workers match them, and hands each chunk to
    /// `write` in file order. Returns the tallies (by `Found.Code`) and the number of matched ranges.
    func writeChunks(_ reader: CSVRecordReader, _ columns: RecordAddressColumns, keepUnmatched: Bool, threads: Int,
                     write: (GeocodeChunk) throws -> Void) throws -> ([Int], Int) {
        let addressColumns = try addressColumns(reader, columns)
        let columnCount = reader.header.count
        var tallies = [Int](repeating: 0, count: Self.labels.count)
        var ranges = 0
        var inFlight: [GeocodeChunk] = []
        defer { for chunk in inFlight { chunk.group.wait() } }
        let queue = DispatchQueue.global(qos: .userInitiated)
        func finish(_ chunk: GeocodeChunk) throws {
            for code in tallies.indices { tallies[code] += chunk.tallies[code] }
            ranges += chunk.ranges
            try write(chunk)
        }
        func submit(_ chunk: GeocodeChunk) throws {
            guard chunk.count > 0 else { return }
            if threads == 1 {
                process(chunk, keepUnmatched: keepUnmatched)
                try finish(chunk)
                return
            }
            chunk.group.enter()
            queue.async {
                process(chunk, keepUnmatched: keepUnmatched)
                chunk.group.leave()
            }
            inFlight.append(chunk)
            while inFlight.count > 2 * threads || (inFlight.first.map { $0.group.wait(timeout: .now()) == .success } ?? false) {
                let first = inFlight.removeFirst()
                first.group.wait()
                try finish(first)
            }
        }
        var chunk = GeocodeChunk(encoding: reader.dialect.encoding)
        try reader.forEachRecord { record in
            for column in 0..<columnCount {
                chunk.prefixes.appendField(record, column)
                chunk.prefixes.append(0x2C)
            }
            chunk.prefixEnds.append(chunk.prefixes.count)
            for column in addressColumns {
                if let column { chunk.fields.append(record.bytes(column)) }
                chunk.fieldEnds.append(chunk.fields.count)
            }
            chunk.lines.append(record.line)
            if chunk.count == GeocodeChunk.size {
                try submit(chunk)
                chunk = GeocodeChunk(encoding: reader.dialect.encoding)
            }
        }
        try submit(chunk)
        while !inFlight.isEmpty {
            let first = inFlight.removeFirst()
            first.group.wait()
            try finish(first)
        }
        return (tallies, ranges)
    }

    /// Matches a chunk's records and writes its output lines (and unmatched lines).
    func process(_ chunk: GeocodeChunk, keepUnmatched: Bool) {
        let fields = chunk.fields.buffer, prefixes = chunk.prefixes.buffer
        var capacity = 1 << 12
        var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { scratch.deallocate() }
        @inline(__always) func slice(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: buffer.baseAddress.map { $0 + start }, count: end - start)
        }
        index.coordinateText.withUnsafeBufferPointer { text in
        index.entries.withUnsafeBufferPointer { entries in
            for record in 0..<chunk.count {
                let base = 5 * record
                var ends = (0, 0, 0, 0, 0, 0)
                ends.0 = base == 0 ? 0 : chunk.fieldEnds[base - 1]
                ends.1 = chunk.fieldEnds[base]; ends.2 = chunk.fieldEnds[base + 1]; ends.3 = chunk.fieldEnds[base + 2]
                ends.4 = chunk.fieldEnds[base + 3]; ends.5 = chunk.fieldEnds[base + 4]
                let needed = Self.scratchCapacity(ends.5 - ends.0)
                if needed > capacity {
                    scratch.deallocate()
                    capacity = needed
                    scratch = .allocate(capacity: capacity)
                }
                let found = match(street: slice(fields, ends.0, ends.1), number: slice(fields, ends.1, ends.2),
                                  suffix: slice(fields, ends.2, ends.3), municipality: slice(fields, ends.3, ends.4),
                                  streetKey: slice(fields, ends.4, ends.5), encoding: chunk.encoding, scratch: scratch, capacity: capacity)
                chunk.tallies[Int(found.code.rawValue)] += 1
                let prefix = slice(prefixes, record == 0 ? 0 : chunk.prefixEnds[record - 1], chunk.prefixEnds[record])
                chunk.output.append(prefix)
                if found.entry >= 0 {
                    if found.isRange { chunk.ranges += 1 }
                    let entry = entries[found.entry]
                    chunk.output.append(slice(text, Int(entry.textStart), Int(entry.textStart) + Int(entry.textLength)))
                    chunk.output.append(0x2C)
                    chunk.output.appendASCII(Self.labels[Int(found.code.rawValue)])
                    chunk.output.append(0x2C)
                    if found.code == .withoutSuffix || found.code == .nearestNumber {
                        chunk.output.appendASCII("table \(entry.number)\(SuffixKey.text(entry.suffix))")
                        if found.isRange { chunk.output.appendASCII("; range") }
                    } else if found.isRange {
                        chunk.output.appendASCII("range")
                    }
                } else {
                    chunk.output.appendASCII(",,unmatched,")
                    chunk.output.appendASCII(Self.labels[Int(found.code.rawValue)])
                    if keepUnmatched {
                        chunk.unmatched.appendASCII("\(chunk.lines[record]),\(Self.labels[Int(found.code.rawValue)]),")
                        chunk.unmatched.append(slice(prefix, 0, prefix.count - 1))
                        chunk.unmatched.append(0x0A)
                    }
                }
                chunk.output.append(0x0A)
            }
        } }
        // The chunk's inputs are no longer needed: free them before it waits to be written.
        chunk.prefixes.removeAll()
        chunk.fields.removeAll()
    }
}

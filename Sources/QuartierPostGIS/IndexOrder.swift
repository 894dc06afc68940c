import QuartierMonitoring

/// The order in which a table's rows are sent by `COPY` so that the server finds them already sorted
/// when it builds the table's index on `columns` (the `fid` of each row stays its position in the
/// table, so the rows read `ORDER BY fid` are unchanged; only where they lie in the heap differs).
///
/// Why: a B-tree build sorts the index tuples (PostgreSQL 15 `tuplesort.c`, its quicksort
/// `sort_template.h`, which first checks whether the input is already sorted and then returns at
/// once). Comparing multi-column keys that begin with a text column is slow (each later column is
/// found by walking the tuple, `nocache_index_getattr`), so sorting the 207,000 counts by
/// `(level, area_id, year)` took most of their index build; rows sent in that order are checked in one
/// pass. Measured on the benchmark's five large tables (server CPU, `log_statement_stats`): the key
/// indexes 0.88–0.97 s in table order, 0.21–0.27 s in this order.
///
/// Conventions: ascending, as a default B-tree index; NULL last; integers and reals by value (NaN after
/// every number, as PostgreSQL orders it); booleans false first; texts by their UTF-8 bytes — the
/// order of the `C` and `C.UTF-8` collations (codepoint order), and of most collations for ids made of
/// digits and letters of one case. Where the server's collation orders texts otherwise, it sorts them
/// as before; the stored rows are the same either way. Rows with equal keys keep their table order
/// (ties broken by position), so the order is a function of the rows alone.
enum IndexOrder {
    /// The positions of `rows` in the order of their values in `columns` (indexes into each row),
    /// ties in table order. Without key columns: table order.
    static func permutation(of rows: [[StoreValue]], on columns: [Int]) -> [Int] {
        let count = rows.count, width = columns.count
        guard width > 0, count > 1 else { return Array(0..<count) }
        // Each key cell as an integer of the same order: an integer column's values themselves,
        // any other column's values ranked among its distinct values.
        var keys = [Int64](repeating: 0, count: count * width)
        for (k, column) in columns.enumerated() {
            if rows.allSatisfy({ if case .integer = $0[column] { true } else { $0[column] == .null } }) {
                for i in 0..<count {
                    if case .integer(let v) = rows[i][column] { keys[i * width + k] = v } else { keys[i * width + k] = .max }
                }
                continue
            }
            var seen: [StoreValue: Int] = [:]
            var firstSeen: [StoreValue] = []
            for i in 0..<count {
                let value = rows[i][column]
                if let id = seen[value] {
                    keys[i * width + k] = Int64(id)
                } else {
                    seen[value] = firstSeen.count
                    keys[i * width + k] = Int64(firstSeen.count)
                    firstSeen.append(value)
                }
            }
            let ranked = firstSeen.indices.sorted { precedes(firstSeen[$0], firstSeen[$1]) }
            var rank = [Int64](repeating: 0, count: firstSeen.count)
            for (r, id) in ranked.enumerated() { rank[id] = Int64(r) }
            for i in 0..<count { keys[i * width + k] = rank[Int(keys[i * width + k])] }
        }
        return keys.withUnsafeBufferPointer { keys in
            (0..<count).sorted { a, b in
                for k in 0..<width where keys[a * width + k] != keys[b * width + k] {
                    return keys[a * width + k] < keys[b * width + k]
                }
                return a < b
            }
        }
    }

    /// Whether `a` comes before `b` in an ascending B-tree index (see the type's conventions).
    static func precedes(_ a: StoreValue, _ b: StoreValue) -> Bool {
        switch (a, b) {
        case (.null, _): return false
        case (_, .null): return true
        case let (.integer(x), .integer(y)): return x < y
        case let (.real(x), .real(y)): return x.isNaN ? false : (y.isNaN || x < y)
        case let (.integer(x), .real(y)): return y.isNaN || Double(x) < y
        case let (.real(x), .integer(y)): return !x.isNaN && x < Double(y)
        case let (.boolean(x), .boolean(y)): return !x && y
        case let (.text(x), .text(y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        default: return rank(a) < rank(b)
        }
    }

    /// The order of values of different kinds (never in one column of a store table).
    private static func rank(_ value: StoreValue) -> Int {
        switch value {
        case .boolean: 0
        case .integer, .real: 1
        case .text: 2
        case .null: 3
        }
    }
}

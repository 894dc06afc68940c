/// Several compiled filters in one contiguous program, evaluated per record without reference
/// counting: what a counting loop over millions of records wants.
///
/// ```swift
/// let set = CompiledFilterSet([kinder, arm])
/// set.withEvaluator { evaluator in
///     for record in records { for k in 0..<evaluator.count where evaluator.passes(k, values) { tallies[k] += 1 } }
/// }
/// ```
public struct CompiledFilterSet: Sendable, Hashable {
    @usableFromInline let instructions: [CompiledFilter.Instruction]
    @usableFromInline let bounds: [Range<Int>]
    /// The column indexes any filter reads (sorted, unique).
    public let columns: [Int]

    public init(_ filters: [CompiledFilter]) {
        var instructions: [CompiledFilter.Instruction] = []
        var bounds: [Range<Int>] = []
        for filter in filters {
            bounds.append(instructions.count..<instructions.count + filter.program.count)
            instructions += filter.program
        }
        self.instructions = instructions
        self.bounds = bounds
        columns = Array(Set(filters.flatMap(\.columns))).sorted()
    }

    /// Calls `body` with an evaluator valid during the call (it borrows the set's storage).
    @inlinable
    public func withEvaluator<Result>(_ body: (Evaluator) throws -> Result) rethrows -> Result {
        try instructions.withUnsafeBufferPointer { instructions in
            try bounds.withUnsafeBufferPointer { bounds in
                try body(Evaluator(instructions: instructions, bounds: bounds))
            }
        }
    }

    /// Evaluates the set's filters over one record's values (NaN = missing); do not store it.
    public struct Evaluator {
        @usableFromInline let instructions: UnsafeBufferPointer<CompiledFilter.Instruction>
        @usableFromInline let bounds: UnsafeBufferPointer<Range<Int>>

        @usableFromInline
        init(instructions: UnsafeBufferPointer<CompiledFilter.Instruction>, bounds: UnsafeBufferPointer<Range<Int>>) {
            self.instructions = instructions
            self.bounds = bounds
        }

        /// The number of filters.
        public var count: Int { bounds.count }

        /// Whether filter `index` is true for `values` (one per header column).
        @inlinable
        public func passes(_ index: Int, _ values: UnsafeBufferPointer<Double>) -> Bool {
            CompiledFilter.run(UnsafeBufferPointer(rebasing: instructions[bounds[index]]), values)
        }
    }
}

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
    /// The text comparisons of all filters: their values go at `width + index` (see `CompiledFilter.texts`).
    public let texts: [CompiledFilter.TextComparison]
    /// The header's length.
    public let width: Int

    public init(_ filters: [CompiledFilter]) {
        var instructions: [CompiledFilter.Instruction] = []
        var bounds: [Range<Int>] = []
        var texts: [CompiledFilter.TextComparison] = []
        let width = filters.first?.width ?? 0
        for filter in filters {
            precondition(filter.width == width, "filters of one set read one header")
            bounds.append(instructions.count..<instructions.count + filter.program.count)
            // A text comparison's value moves from the filter's own slot to the set's.
            let shift = texts.count
            instructions += filter.program.map { instruction in
                var moved = instruction
                let isComparison = instruction.code.rawValue < CompiledFilter.Code.and.rawValue
                if isComparison && instruction.column >= width { moved.column += shift }
                return moved
            }
            texts += filter.texts
        }
        self.texts = texts
        self.width = width
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

        /// Whether filter `index` is true for `values` (one per header column, then one per text comparison).
        @inlinable
        public func passes(_ index: Int, _ values: UnsafeBufferPointer<Double>) -> Bool {
            CompiledFilter.run(UnsafeBufferPointer(rebasing: instructions[bounds[index]]), values)
        }
    }
}

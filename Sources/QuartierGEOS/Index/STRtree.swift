import CGEOS
import QuartierGeometry

/// A Sort-Tile-Recursive R-tree over bounding boxes (GEOSSTRtree_create_r / insert / query).
///
/// Source: Leutenegger, Edgington & Lopez (1997), "STR: A Simple and Efficient Algorithm for R-Tree
/// Packing", as implemented by GEOS's TemplateSTRtree. Items are the indices of the boxes passed in.
///
/// GEOS 3.11 has no `GEOSSTRtree_build_r`; the tree builds itself on the first query and must not be
/// built by two threads at once, so `init` runs that first query (as shapely's `strtree.c` does).
/// Afterwards the tree is read-only and queries from several threads at once are safe, each with its
/// own thread's context. The tree's own context is private and used only to build and destroy it.
///
/// ```swift
/// let tree = try STRtree(boxes: areas.map { $0.boundingBox! })
/// let candidates = try tree.query(BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
/// ```
public final class STRtree: @unchecked Sendable { // @unchecked: immutable after init (built eagerly); the private context is used only in init/deinit
    private let context: GEOSContext
    private let tree: OpaquePointer
    private let items: [GeometryHandle]
    /// The number of boxes in the tree.
    public let count: Int

    /// Builds a tree of `boxes`; item `i` is `boxes[i]`.
    /// - Parameter nodeCapacity: the maximum number of children per node (GEOS's default is 10).
    /// - Complexity: O(n log n) for n boxes.
    public init(boxes: [BoundingBox], nodeCapacity: Int = 10) throws(GEOSError) {
        let context = GEOSContext()
        self.context = context
        tree = try context.check("GEOSSTRtree_create_r") { GEOSSTRtree_create_r(context.handle, max(2, nodeCapacity)) }
        count = boxes.count
        var items: [GeometryHandle] = []
        items.reserveCapacity(boxes.count)
        do {
            for (index, box) in boxes.enumerated() {
                let rectangle = try GeometryHandle(box, context: context)
                items.append(rectangle)
                // The item is the index + 1, stored in the pointer bits (never dereferenced).
                GEOSSTRtree_insert_r(context.handle, tree, rectangle.pointer, UnsafeMutableRawPointer(bitPattern: index + 1))
            }
        } catch {
            GEOSSTRtree_destroy_r(context.handle, tree)
            throw error
        }
        self.items = items
        // Build now, before the tree is shared (a query builds a TemplateSTRtree).
        if let first = items.first {
            GEOSSTRtree_query_r(context.handle, tree, first.pointer, { _, _ in }, nil)
        }
    }

    deinit {
        GEOSSTRtree_destroy_r(context.handle, tree)
    }

    /// The indices of the boxes that intersect `box`, in ascending order.
    /// - Parameter context: the calling thread's context (the default).
    /// - Complexity: O(log n + k) for k results.
    public func query(_ box: BoundingBox, context: GEOSContext = .current) throws(GEOSError) -> [Int] {
        let rectangle = try GeometryHandle(box, context: context)
        return query(rectangle.pointer, context: context)
    }

    /// The indices of the boxes that intersect the envelope of `geometry`, in ascending order.
    /// - Complexity: O(log n + k) for k results.
    public func query(_ geometry: GeometryHandle) -> [Int] {
        query(geometry.pointer, context: geometry.context)
    }

    private func query(_ pointer: OpaquePointer, context: GEOSContext) -> [Int] {
        var results: [Int] = []
        withUnsafeMutablePointer(to: &results) { resultsPointer in
            // The callback is a C function pointer and cannot capture: the results travel in userdata.
            GEOSSTRtree_query_r(context.handle, tree, pointer, { item, userdata in
                guard let userdata else { return }
                userdata.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
            }, resultsPointer)
        }
        results.sort()
        return results
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Backs large lookup tables with transparent huge pages (2 MiB) where the kernel allows it.
///
/// The record path reads a few large tables at random (the locator's grid and edges, the house
/// numbers' slots, the houses' areas): with 4 KiB pages nearly every such read also misses the TLB
/// and walks the page tables. `MADV_COLLAPSE` (Linux 6.1+, `madvise(2)`) rebuilds the table's
/// whole 2 MiB-aligned stretches as huge pages in place, keeping their contents; on an older kernel,
/// another system, or when the kernel has no huge page free, nothing changes. The table's bytes
/// and every result stay the same: this is only where the memory sits.
public enum HugePages {
    /// False when the environment sets `QUARTIER_HUGE_PAGES=0` (to measure what the huge pages give).
    public static let isEnabled: Bool = {
        guard let value = getenv("QUARTIER_HUGE_PAGES") else { return true }
        return String(cString: value) != "0"
    }()

    /// Tables smaller than this stay as they are (a huge page would not pay for the collapse).
    public static let minimumBytes = 8 << 20

    /// Collapses the 2 MiB-aligned part of `bytes` into huge pages (best effort; errors are ignored).
    public static func collapse(_ bytes: UnsafeRawBufferPointer) {
        #if os(Linux)
        guard isEnabled, let base = bytes.baseAddress, bytes.count >= minimumBytes else { return }
        let huge = 2 << 20
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + bytes.count) & ~(huge - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, 25) // MADV_COLLAPSE
        #endif
    }

    /// Collapses an array's storage (see `collapse(_:)`); the array is not changed.
    public static func collapse<Element>(_ array: [Element]) {
        array.withUnsafeBytes { collapse($0) }
    }
}

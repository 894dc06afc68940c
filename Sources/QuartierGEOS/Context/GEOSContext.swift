import CGEOS
import Foundation

/// Owns one GEOS context handle (`GEOS_init_r` … `GEOS_finish_r`) and collects its error messages.
///
/// GEOS contexts are not thread-safe (geos_c.h: "only one GEOSContextHandle_t per thread"): use one per
/// thread. `GEOSContext.current` gives each thread its own, created on first use and reused.
/// Every C result goes through one of the `check` helpers, which follow the header's conventions
/// (constructors return NULL, predicates 2 and measures 0 on exception) and throw `GEOSError` with
/// the message GEOS passed to the handler installed by `GEOSContext_setErrorMessageHandler_r`.
public final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// The last message GEOS sent to the error handler; cleared before each checked call.
    var lastError: String?

    /// Creates a context for use on the calling thread.
    public init() {
        guard let handle = GEOS_init_r() else { fatalError("GEOS_init_r returned NULL (out of memory)") }
        self.handle = handle
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let userdata, let message else { return }
            let context = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
            context.lastError = String(cString: message)
        }, userdata)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The calling thread's context, created on first use. Use it only in synchronous code (a
    /// suspended task may resume on another thread).
    public static var current: GEOSContext {
        let key = "org.quartier.GEOSContext"
        let dictionary = Thread.current.threadDictionary
        if let context = dictionary[key] as? GEOSContext { return context }
        let context = GEOSContext()
        dictionary[key] = context
        return context
    }

    /// The GEOS library version, e.g. "3.11.1-CAPI-1.17.1".
    public static var libraryVersion: String { String(cString: GEOSversion()) }

    func error(_ function: String) -> GEOSError {
        GEOSError(function: function, message: lastError ?? "GEOS reported no message")
    }

    /// Calls a constructor; NULL means an exception.
    func check<T>(_ function: String, _ body: () -> T?) throws(GEOSError) -> T {
        lastError = nil
        guard let result = body() else { throw error(function) }
        return result
    }

    /// Calls a predicate; 2 means an exception, 1 true, 0 false.
    func checkPredicate(_ function: String, _ body: () -> CChar) throws(GEOSError) -> Bool {
        lastError = nil
        switch body() {
        case 0: return false
        case 1: return true
        default: throw error(function)
        }
    }

    /// Calls a measure or accessor returning an int status; 0 means an exception.
    func checkStatus(_ function: String, _ body: () -> Int32) throws(GEOSError) {
        lastError = nil
        guard body() != 0 else { throw error(function) }
    }

    /// Calls a function that returns a count, -1 on exception.
    func checkCount(_ function: String, _ body: () -> Int32) throws(GEOSError) -> Int {
        lastError = nil
        let n = body()
        guard n >= 0 else { throw error(function) }
        return Int(n)
    }

    /// Takes a C string GEOS allocated, copies it and frees it with `GEOSFree_r` (geos_c.h: buffers GEOS
    /// returns must be freed with GEOSFree_r).
    func takeString(_ function: String, _ body: () -> UnsafeMutablePointer<CChar>?) throws(GEOSError) -> String {
        let pointer = try check(function, body)
        defer { GEOSFree_r(handle, pointer) }
        return String(cString: pointer)
    }
}

// A GEOS context must be used by one thread at a time (geos_c.h); each thread takes its own.
@available(*, unavailable) extension GEOSContext: Sendable {}

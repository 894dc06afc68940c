import CPROJ
import Foundation
import QuartierGeometry

/// Owns one `PJ_CONTEXT*` (proj_context_create … proj_context_destroy) and collects its log messages.
///
/// PROJ contexts are not thread-safe (proj.h, "Contexts and thread safety"): one per thread;
/// `PROJContext.current` gives each thread its own. Network access (CDN grids) stays off, so results
/// depend only on the local proj.db and grids.
public final class PROJContext {
    let handle: OpaquePointer
    /// The last error PROJ logged; cleared before each checked call.
    var lastMessage: String?

    public init() {
        guard let handle = proj_context_create() else { fatalError("proj_context_create returned NULL (out of memory)") }
        self.handle = handle
        _ = proj_context_set_enable_network(handle, 0)
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        proj_log_func(handle, userdata) { userdata, level, message in
            guard let userdata, let message, level <= Int32(PJ_LOG_ERROR.rawValue) else { return }
            Unmanaged<PROJContext>.fromOpaque(userdata).takeUnretainedValue().lastMessage = String(cString: message)
        }
    }

    deinit {
        proj_context_destroy(handle)
    }

    /// The calling thread's context, created on first use (use it in synchronous code only).
    public static var current: PROJContext {
        let key = "org.quartier.PROJContext"
        let dictionary = Thread.current.threadDictionary
        if let context = dictionary[key] as? PROJContext { return context }
        let context = PROJContext()
        dictionary[key] = context
        return context
    }

    /// PROJ's version, e.g. "9.1.1".
    public static var libraryVersion: String { String(cString: proj_info().version) }

    func error(_ function: String) -> PROJError {
        let number = proj_context_errno(handle)
        var parts: [String] = []
        if number != 0, let text = proj_context_errno_string(handle, number) { parts.append(String(cString: text)) }
        if let lastMessage { parts.append(lastMessage) }
        return PROJError(function: function, message: parts.isEmpty ? "PROJ reported no message" : parts.joined(separator: ": "))
    }

    /// Calls a constructor; NULL means failure.
    func check<T>(_ function: String, _ body: () -> T?) throws(PROJError) -> T {
        lastMessage = nil
        guard let result = body() else { throw error(function) }
        return result
    }
}

// A PROJ context must be used by one thread at a time (proj.h); each thread takes its own.
@available(*, unavailable) extension PROJContext: Sendable {}

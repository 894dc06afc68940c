import Foundation
import Synchronization

/// A value computed on a thread of its own from the moment it is made; `value()` waits for it (and
/// rethrows its error). For work a run will need later and that depends on nothing computed since
/// (the house-coordinate index, the locator's grid): it overlaps the run's single-threaded steps.
final class BackgroundValue<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)
    private let done = NSCondition()

    init(name: String, _ compute: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let value = Result { try compute() }
            done.lock()
            result.withLock { $0 = value }
            done.broadcast()
            done.unlock()
        }
        thread.name = name
        thread.start()
    }

    /// The value, once computed.
    func value() throws -> Value {
        done.lock()
        defer { done.unlock() }
        while true {
            if let value = result.withLock({ $0 }) { return try value.get() }
            done.wait()
        }
    }
}

import Foundation

/// Progress on stderr for long work, shown only when stderr is a terminal (quiet in pipes, logs and CI).
public final class Progress: @unchecked Sendable { // @unchecked: all mutable state is guarded by `lock`
    private let label: String
    private let total: Int?
    private let enabled: Bool
    private let lock = NSLock()
    private var lastShown = Date.distantPast

    /// - Parameters:
    ///   - label: what is being done ("reading persons.csv").
    ///   - total: the expected number of units, if known.
    ///   - enabled: defaults to whether stderr is a terminal.
    public init(_ label: String, total: Int? = nil, enabled: Bool = isatty(2) != 0) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    /// Reports `done` units; redraws at most five times a second.
    public func update(_ done: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastShown) >= 0.2 else { return }
        lastShown = now
        let text: String
        if let total, total > 0 {
            text = "\r\(label): \(done)/\(total) (\(Int(100 * Double(done) / Double(total))) %)"
        } else {
            text = "\r\(label): \(done)"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Clears the progress line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

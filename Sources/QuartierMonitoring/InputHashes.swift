import Foundation
import Synchronization

/// The SHA-256 of a run's input files, computed ahead of their use by one background thread in the
/// order the run reads them (`Provenance.Input.read`: a file whose stat data is unchanged since the
/// previous run keeps its hash unread). While the run counts one file, the next is hashed — and so
/// read into the page cache — at the same time, instead of one after the other.
///
/// `input(role:path:)` waits for a scheduled file's hash, and hashes any other file itself. The
/// results are the same as hashing each file when it is reached; an error (an unreadable file) is
/// reported when the run asks for that file, as before.
final class InputHashes: Sendable {
    private let previous: [String: Provenance.Input]
    private let results = Mutex<[String: Result<Provenance.Input, any Error>]>([:])
    private let scheduled: Set<String>
    private let ready = NSCondition()
    private let cancelled = Atomic<Bool>(false)

    /// Starts hashing `paths` (in order, each once) on a background thread.
    init(paths: [String], previous: [String: Provenance.Input]) {
        self.previous = previous
        var seen = Set<String>(), unique: [String] = []
        for path in paths where seen.insert(path).inserted { unique.append(path) }
        scheduled = seen
        guard !unique.isEmpty else { return }
        let order = unique
        let thread = Thread { [self] in
            for path in order {
                if self.cancelled.load(ordering: .relaxed) { return }
                let result = Result { try Provenance.Input.read(role: "", path: path, previous: self.previous[path]) }
                self.ready.lock()
                self.results.withLock { $0[path] = result }
                self.ready.broadcast()
                self.ready.unlock()
            }
        }
        thread.name = "quartier input hashes"
        thread.start()
    }

    /// Hashes no further file (the run ended or failed); a file being hashed is finished.
    func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// `path` as an input with its SHA-256 (see `Provenance.Input.read`), under `role`.
    /// - Throws: `InputError` when the file cannot be read.
    func input(role: String, path: String) throws -> Provenance.Input {
        guard scheduled.contains(path) else { return try Provenance.Input.read(role: role, path: path, previous: previous[path]) }
        ready.lock()
        var result = results.withLock { $0[path] }
        while result == nil {
            ready.wait()
            result = results.withLock { $0[path] }
        }
        ready.unlock()
        var input = try result!.get()
        input.role = role
        return input
    }
}

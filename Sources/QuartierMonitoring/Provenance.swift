import Foundation
import Quartier
import QuartierBase
import QuartierDigest

/// Where a monitoring's results came from: written into the store with every run.
public struct Provenance: Sendable, Hashable, Codable {
    /// One input file as it was read.
    public struct Input: Sendable, Hashable, Codable {
        public var role: String
        public var path: String
        public var bytes: Int64
        public var sha256: String
        /// The file's modification time (nanoseconds since 1970) when it was hashed.
        public var modified: Int64
        /// The file's status-change time (ctime, nanoseconds since 1970) when it was hashed: every
        /// write, `touch -m` and `chmod` moves it, and it cannot be set back by `touch`.
        public var changed: Int64
        /// The file's device and inode number: a file replaced by another (`mv`, an editor's save)
        /// has another inode even with the same size and times.
        public var device: Int64
        public var inode: Int64

        public init(role: String, path: String, bytes: Int64, sha256: String, modified: Int64,
                    changed: Int64 = 0, device: Int64 = 0, inode: Int64 = 0) {
            self.role = role
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
            self.modified = modified
            self.changed = changed
            self.device = device
            self.inode = inode
        }

        /// `path` as an input with its SHA-256. The hash of `previous` is reused only when size,
        /// modification time, status-change time, device and inode are all unchanged — git's
        /// "racy-clean" stat check (`Documentation/technical/racy-git.txt`, `ie_match_stat`): an
        /// in-place edit that keeps size and mtime (`touch -d` back) still moves the ctime.
        /// Without `previous` (a `--full` run or a new file) the file is always hashed.
        /// - Throws: `InputError` when the file cannot be read.
        public static func read(role: String, path: String, previous: Input?) throws -> Input {
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw InputError(InputLocation(file: path), found: String(cString: strerror(errno)), expected: "a readable file")
            }
            var input = Input(
                role: role, path: path, bytes: Int64(info.st_size), sha256: "",
                modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                device: Int64(bitPattern: UInt64(info.st_dev)), inode: Int64(bitPattern: UInt64(info.st_ino)))
            if let previous, previous.bytes == input.bytes, previous.modified == input.modified,
               previous.changed == input.changed, previous.device == input.device, previous.inode == input.inode {
                input.sha256 = previous.sha256
            } else {
                input.sha256 = try ContentHash.sha256(file: path)
            }
            return input
        }
    }

    /// What happened to the records of one source in one year:
    /// records = assigned + unassigned + on_boundary + unmatched + rejected.
    ///
    /// assigned: counted into an area; unassigned: located outside every area; on_boundary: on an
    /// area's boundary (counted nowhere under the `contains` rule); unmatched: an address or area id
    /// that matches nothing (`unmatchedReasons` says why); rejected: a record that cannot be read.
    /// For a table per area, records are its rows of the year, all assigned.
    public struct RecordCounts: Sendable, Hashable, Codable {
        public var year: Int
        /// The source's name (`persons` for the old one-source form).
        public var source: String
        public var records: Int
        public var assigned: Int
        public var unassigned: Int
        public var onBoundary: Int
        public var unmatched: Int
        public var rejected: Int
        /// Reason → count, for the unmatched records.
        public var unmatchedReasons: [String: Int]

        public init(year: Int, records: Int, assigned: Int, unassigned: Int, onBoundary: Int, rejected: Int,
                    source: String = "persons", unmatched: Int = 0, unmatchedReasons: [String: Int] = [:]) {
            self.year = year
            self.source = source
            self.records = records
            self.assigned = assigned
            self.unassigned = unassigned
            self.onBoundary = onBoundary
            self.unmatched = unmatched
            self.rejected = rejected
            self.unmatchedReasons = unmatchedReasons
        }

        /// Whether every record is accounted for.
        public var balances: Bool { records == assigned + unassigned + onBoundary + unmatched + rejected }

        /// One line for stderr: `records 2021 einwohner: 15000 = 14400 assigned + ...`.
        public var line: String {
            var text = "records \(year) \(source): \(records) = \(assigned) assigned + \(unassigned) unassigned + \(onBoundary) on boundary + \(unmatched) unmatched + \(rejected) rejected"
            if !unmatchedReasons.isEmpty {
                text += " (unmatched: " + unmatchedReasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
            }
            return text
        }
    }

    public var specSHA256: String
    public var quartierVersion: String
    /// ISO 8601 time of the run (UTC).
    public var runAt: String
    public var inputs: [Input]
    public var records: [RecordCounts]

    public init(specSHA256: String, quartierVersion: String, runAt: String, inputs: [Input], records: [RecordCounts]) {
        self.specSHA256 = specSHA256
        self.quartierVersion = quartierVersion
        self.runAt = runAt
        self.inputs = inputs
        self.records = records
    }
}

/// One step of a monitoring run with the hash of everything it depends on.
///
/// A step is recomputed when its hash differs from the stored one (or with `--full`); the hash
/// covers the content of its input files, the spec sections it reads and the hashes of the steps
/// it builds on, so a change propagates to exactly what depends on it.
public struct StepRecord: Sendable, Hashable, Codable {
    /// `areas:block`, `counts:2021`, `indicators`, `index` ...
    public var step: String
    public var inputHash: String
    /// Whether this run recomputed the step (false: taken from the store).
    public var recomputed: Bool
    public var seconds: Double

    public init(step: String, inputHash: String, recomputed: Bool, seconds: Double) {
        self.step = step
        self.inputHash = inputHash
        self.recomputed = recomputed
        self.seconds = seconds
    }
}

import Foundation
import Quartier
import QuartierMonitoring

/// libFuzzer entry: the monitoring spec loader (TOML, levels, named sources, indicators, filters,
/// index, disclosure) never traps on any text, and what it refuses it refuses with one line: an error
/// whose message holds no raw control byte (a terminal never receives escape sequences from a spec).
/// The spec is read as if it stood in Data/demo, so the demo's files are there for its paths.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try MonitoringSpec(document: SpecDocument(text: text, path: DemoFolder.spec))
    } catch {
        let message = "\(error)"
        precondition(!message.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" } , "raw control byte in: \(message.debugDescription)")
        precondition(!message.contains("\n"), "a message of several lines: \(message.debugDescription)")
    }
    return 0
}

enum DemoFolder {
    /// Data/demo/monitoring.toml of this checkout (the spec's paths resolve against its folder).
    static let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data/demo/monitoring.toml").path
}

import Foundation

/// TEST ONLY: a deterministic pause at a named point of a write, so that a test can kill the process
/// exactly there (`RunCommandTests.killedRunLeavesThePreviousCompleteStore`). Does nothing unless the
/// environment variable is set; never set it outside tests.
///
/// `QUARTIER_TEST_PAUSE_IN_COMMIT=/path/flag`: the store writer, inside `commit()` with the temporary
/// GeoPackage complete and closed but not yet renamed, creates `/path/flag` and sleeps until that file is
/// removed (the test kills it meanwhile).
public enum TestPause {
    public static func at(_ variable: String) {
        guard let flag = ProcessInfo.processInfo.environment[variable], !flag.isEmpty else { return }
        FileManager.default.createFile(atPath: flag, contents: Data("\(getpid())\n".utf8))
        while FileManager.default.fileExists(atPath: flag) { usleep(10_000) }
    }
}

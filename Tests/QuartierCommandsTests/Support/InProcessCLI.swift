import ArgumentParser
@testable import QuartierCommands

/// Runs `quartier ARGUMENTS` in this process, as `main` would: parse, then run (async where the
/// command is). Errors are thrown, not printed, so tests can read their messages.
enum InProcessCLI {
    static func run(_ arguments: [String]) async throws {
        var command = try QuartierCommand.parseAsRoot(arguments)
        if var asyncCommand = command as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }
}

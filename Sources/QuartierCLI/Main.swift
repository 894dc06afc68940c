import QuartierBase
import QuartierCommands

@main
enum Main {
    static func main() async {
        // A run stopped with Ctrl-C or SIGTERM removes its temporary files; the outputs stay as they were.
        TemporaryFiles.installSignalHandlers()
        await QuartierCommand.main()
    }
}

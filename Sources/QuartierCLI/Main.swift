import QuartierCommands

@main
enum Main {
    static func main() async {
        await QuartierCommand.main()
    }
}

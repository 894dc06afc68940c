import ArgumentParser
import QuartierBase

/// `quartier`: the command-line surface of the engine. Each subcommand lives in its own file
/// and does no more than parse flags, call the library and print.
public struct QuartierCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "quartier",
        abstract: "Small-area social planning: areas, aggregation, indicators, indices, reports.",
        version: QuartierVersion.string,
        subcommands: [
            AreasCommand.self,
            TableCommand.self,
            AggregateCommand.self,
            GeocodeCommand.self,
            SynthCommand.self,
            RunCommand.self,
            ExportCommand.self,
            ReportCommand.self,
            StoreCommand.self,
            ReachCommand.self,
            EvaluateCommand.self,
            AtlasCommand.self,
            IndexCommand.self,
            RankCommand.self,
            ClassifyCommand.self,
            NeighboursCommand.self,
            MoranCommand.self,
            InterpolateCommand.self,
            DisclosureCommand.self,
            AccessCommand.self,
        ]
    )

    public init() {}
}

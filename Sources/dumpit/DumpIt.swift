import ArgumentParser

/// The `dumpit` command: renders clips, skies and posters, and serves the site.
@main
struct DumpIt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dumpit",
        abstract: "Dump It!: worries into glowing dust, and a night sky of everyone's worries.",
        subcommands: []
    )
}

import ArgumentParser
import Foundation

/// The `dumpit` command: renders clips, skies and posters, and serves the site.
@main
struct DumpIt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dumpit",
        abstract: "Dump It!: worries into glowing dust, and a night sky of everyone's worries.",
        subcommands: [
            ServeCommand.self, WorkerCommand.self, RenderCommand.self, SkyCommand.self, PosterCommand.self, ModerateCommand.self,
            BenchDustCommand.self, BenchCommand.self,
        ]
    )

    /// Runs the command; every error, from parsing or from running, is one line on stderr
    /// ("dumpit: error: …") and exit status 2. Help and version still print in full.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let exit = error as? ExitCode {
                Foundation.exit(exit.rawValue)
            }
            let message = (error as? LocalizedError)?.errorDescription ?? Self.message(for: error)
            let oneLine = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data("dumpit: error: \(oneLine)\n".utf8))
            Foundation.exit(2)
        }
    }
}

/// An argument or input the command cannot work with.
struct CLIError: Error, LocalizedError {
    let message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}

extension CLIError {
    /// Fails, before any rendering, unless the folder `url` goes into exists and is writable.
    static func checkFolder(of url: URL) throws {
        try checkFolder(url.deletingLastPathComponent(), for: url)
    }

    /// Fails unless `folder` exists and is writable (`file` names what will be written there).
    static func checkFolder(_ folder: URL, for file: URL? = nil) throws {
        let target = (file ?? folder).path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("cannot write \(target): folder \(folder.path) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw CLIError("cannot write \(target): folder \(folder.path) is not writable")
        }
    }
}

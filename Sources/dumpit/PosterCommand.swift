import ArgumentParser
import DumpClip
import DumpEngine
import DumpRender
import DumpStore
import Foundation
import Logging

/// `dumpit poster --date YYYY-MM-DD` / `dumpit poster --all`: posters of archived nights.
struct PosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poster",
        abstract: "Render the poster of an archived night (or of every one) from the data directory.",
        discussion: "Posters show only the anonymous shape of the night: no worry's words or ids.")

    @Option(help: ArgumentHelp("The night to render.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Flag(help: "Regenerate the poster of every archived night into <data>/posters.")
    var all = false

    @Option(name: [.short, .customLong("output")], help: "Output file (.png, .svg or .pdf); default <data>/posters/<date>.png.")
    var output: String?

    @Option(help: ArgumentHelp("The data directory holding dumpit.sqlite.", valueName: "DIR"))
    var data = "data"

    @OptionGroup var store: StoreOptions

    @Option(
        help:
            "Poster size WxH, landscape or portrait, each side 360…7680, at most 7680x4320 (default 3840x2160 pixels; a PDF defaults to A3 portrait, 842x1191 points)."
    )
    var size: PictureSize?

    /// The printable default of a PDF poster: A3 portrait in PostScript points (297 × 420 mm).
    static let a3Portrait = PictureSize(width: 842, height: 1191)
    /// The default of a PNG or SVG poster: a 4K screen.
    static let screen = PictureSize(width: 3840, height: 2160)

    func validate() throws {
        switch (date, all) {
        case (nil, false): throw ValidationError("give --date YYYY-MM-DD or --all")
        case (.some, true): throw ValidationError("--date and --all cannot be used together")
        case (.some(let date), false):
            guard Self.isCalendarDate(date) else { throw ValidationError("date \"\(date)\" is not a YYYY-MM-DD day") }
        case (nil, true):
            if output != nil { throw ValidationError("--output names one file; --all writes into <data>/posters") }
        }
        if let output, PictureFormat(path: output) == nil {
            throw ValidationError("unknown output type \"\(output)\": use .png, .svg or .pdf")
        }
        if let size, !size.isPosterSize {
            throw ValidationError("size \(size) is outside 360…7680 per side (at most 7680x4320 pixels)")
        }
    }

    /// Whether `text` is a real day written `YYYY-MM-DD`.
    static func isCalendarDate(_ text: String) -> Bool {
        guard text.count == 10, PosterPainter.dottedDate(text) != nil else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = text.split(separator: "-").compactMap { Int($0) }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        return components.isValidDate(in: calendar)
    }

    func run() async throws {
        let directory = DataDirectory(URL(fileURLWithPath: data))
        guard
            self.store.isPostgres || self.store.database != nil
                || FileManager.default.fileExists(atPath: directory.databaseURL.path)
        else {
            throw CLIError("no database at \(directory.databaseURL.path) (use --data DIR or --database)")
        }
        do {
            let store = try await self.store.open(data: directory.url, logger: Logger(label: "dumpit.poster"))
            if let date {
                guard let night = try await store.night(date: date) else {
                    throw CLIError("no archived night on \(date)")
                }
                let url = output.map { URL(fileURLWithPath: $0) } ?? directory.postersURL.appendingPathComponent("\(date).png")
                if output == nil { try directory.create() }
                try CLIError.checkFolder(of: url)
                try render(night, to: url)
                print(url.path)
            } else {
                try await renderAll(from: store, into: directory)
            }
        } catch {
            throw error
        }
    }

    private func render(_ night: Night, to url: URL) throws {
        let sky: ArchivedSky
        do {
            sky = try SkyLayout.jsonDecoder().decode(ArchivedSky.self, from: night.skyJSON)
        } catch {
            throw CLIError("the archived sky of \(night.date) is unreadable: \(error.localizedDescription)")
        }
        let format = PictureFormat(path: url.path) ?? .png
        let size = self.size ?? (format == .pdf ? Self.a3Portrait : Self.screen)
        try renderPoster(sky, date: night.date, format: format, url: url, width: size.width, height: size.height)
    }

    /// Renders every archived night, reading them a page at a time.
    private func renderAll(from store: any WorryStore, into directory: DataDirectory) async throws {
        try directory.create()
        let started = Date()
        var dates: [String] = []
        var page = try await store.nights(before: nil, limit: 100)
        while !page.isEmpty {
            dates += page.map(\.date)
            page = try await store.nights(before: page.last?.date, limit: 100)
        }
        var bar = ProgressBar(label: "rendering posters")
        bar.update(0, of: dates.count)
        for (index, date) in dates.enumerated() {
            guard let night = try await store.night(date: date) else { continue }
            try render(night, to: directory.postersURL.appendingPathComponent("\(night.date).png"))
            bar.update(index + 1, of: dates.count)
        }
        let elapsed = Date().timeIntervalSince(started)
        let noun = dates.count == 1 ? "poster" : "posters"
        print("rendered \(dates.count) \(noun) in \(String(format: "%.1f", elapsed)) s")
    }
}

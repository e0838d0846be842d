import ArgumentParser
import DumpServer
import DumpStore
import Foundation
import Logging

/// `dumpit moderate list | show ID | hide ID | restore ID | delete ID`: what operators do with
/// reported stars, on the same store the service uses.
struct ModerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moderate",
        abstract: "List, show, hide, restore or delete reported stars and worries.",
        discussion: """
            ID is a star's id (n + 16 hex digits, as in the sky JSON and in `moderate list`) or \\
            a worry's id (the 22 characters of its share link /w/ID). Hiding and restoring act \\
            on the whole star; deleting a worry id deletes that worry, a star id every live \\
            worry of the star. Shows the words (already masked) and the reports by reason, \\
            never who wrote or reported them.
            """)

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case list, show, hide, restore, delete
    }

    @Argument(help: "list, show, hide, restore or delete.")
    var action: Action

    @Argument(help: "The star or worry id (all actions but list).")
    var id: String?

    @OptionGroup var store: StoreOptions

    @Option(help: "Folder of the SQLite database and clips.")
    var data = "./data"

    @Flag(help: "Print JSON instead of lines.")
    var json = false

    func validate() throws {
        if action == .list {
            guard id == nil else { throw ValidationError("moderate list takes no id.") }
        } else {
            guard let id, !id.isEmpty else { throw ValidationError("moderate \(action.rawValue) needs a star or worry id.") }
            guard StarID.isValid(id) || WorryID(id) != nil else {
                throw ValidationError("\(id) is neither a star id (n + 16 hex digits) nor a worry id (22 characters).")
            }
        }
    }

    func run() async throws {
        var logger = Logger(label: "dumpit.moderate")
        logger.logLevel = .warning
        let dataDirectory = URL(fileURLWithPath: data, isDirectory: true).standardizedFileURL
        let store = try await self.store.open(data: dataDirectory, logger: logger)
        let moderator = Moderator(store: store, dataDirectory: dataDirectory)
        do {
            switch action {
            case .list:
                let items = try await moderator.list()
                if json { return print(try Self.json(items)) }
                if items.isEmpty { print("no reported stars") }
                for item in items { print(Self.line(item)) }
            case .show:
                let item = try await moderator.show(id!)
                if json { return print(try Self.json(item)) }
                print(Self.line(item))
                for worry in item.worries {
                    print(
                        "  \(worry.id.rawValue)  \(worry.visibility.rawValue)  \(Self.iso(worry.createdAt))  \(Self.oneLine(worry.text))"
                    )
                }
            case .hide:
                try await moderator.setHidden(id!, true)
                print("hidden: \(id!)")
            case .restore:
                try await moderator.setHidden(id!, false)
                print("restored: \(id!)")
            case .delete:
                let count = try await moderator.delete(id!)
                print("deleted \(count) worr\(count == 1 ? "y" : "ies"): \(id!)")
            }
        } catch let failure as Moderator.Failure {
            throw CLIError(failure.errorDescription ?? "cannot \(action.rawValue) \(id ?? "")")
        }
    }

    /// `<star>  <state>  review?  reasons  ×count  <first words>`.
    static func line(_ item: ModerationItem) -> String {
        let reasons = item.reports.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let state = item.state + (item.by.map { " (\($0))" } ?? "")
        let review = item.needsReview ? "  REVIEW" : ""
        return
            "\(item.star)  \(state)\(review)  reports: \(reasons.isEmpty ? "none" : reasons)  ×\(item.worries.count)  \(oneLine(item.worries.first?.text ?? ""))"
    }

    static func oneLine(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 80 ? String(flat.prefix(79)) + "…" : flat
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

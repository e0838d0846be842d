// TEMPORARY stubs so the rest of the product builds against the Door's API while the real
// cleaner, masker and verdict reader are written (Sources/DumpDoor/TextCleaner.swift etc.).
enum TextCleaner {
    static func clean(_ text: String) throws(DoorRefusal) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw DoorRefusal(.emptyText, "Write something before you dump it.") }
        return trimmed
    }
}
enum PersonalDataMasker {
    static func mask(_ text: String) -> (text: String, kinds: [PersonalData]) { (text, []) }
}
enum VerdictReader {
    static func verdict(of text: String) throws(DoorRefusal) -> Verdict { .open }
}
import Foundation

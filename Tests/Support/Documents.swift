import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

extension Probe {
    /// What ffprobe says of a still picture (PNG): codec and size.
    public static func image(_ path: String) throws -> (codec: String, width: Int, height: Int) {
        let output = try runTool(
            "ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "json", path])
        let json = try JSONSerialization.jsonObject(with: output) as? [String: Any]
        guard let stream = (json?["streams"] as? [[String: Any]])?.first else {
            throw NSError(domain: "probe", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(path) has no stream"])
        }
        return (stream["codec_name"] as? String ?? "", stream["width"] as? Int ?? 0, stream["height"] as? Int ?? 0)
    }
}

/// The page size a PDF declares in its first /MediaBox, in points.
public func pdfMediaBox(_ data: Data) -> (width: Double, height: Double)? {
    let text = String(decoding: data, as: UTF8.self)
    guard let range = text.range(of: "/MediaBox") else { return nil }
    let tail = text[range.upperBound...]
    guard let open = tail.firstIndex(of: "["), let close = tail.firstIndex(of: "]") else { return nil }
    let numbers = tail[tail.index(after: open)..<close].split(separator: " ").compactMap { Double($0) }
    guard numbers.count == 4 else { return nil }
    return (numbers[2] - numbers[0], numbers[3] - numbers[1])
}

/// Parses `data` as XML; returns the element names met, or nil when it is not well-formed.
public func xmlElementNames(_ data: Data) -> [String]? {
    final class Collector: NSObject, XMLParserDelegate {
        var names: [String] = []
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            names.append(elementName)
        }
    }
    let parser = XMLParser(data: data)
    let collector = Collector()
    parser.delegate = collector
    return parser.parse() ? collector.names : nil
}

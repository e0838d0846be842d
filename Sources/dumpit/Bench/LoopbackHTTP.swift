import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small blocking HTTP/1.1 client on one keep-alive connection to 127.0.0.1, for the
/// benchmarks: each load thread owns one, so what is measured is the server, not a client
/// library's pool. Reads `Content-Length` and chunked bodies; the body is kept as sent (a
/// gzipped body stays gzipped, so its size is what went over the wire).
final class LoopbackHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let port: Int
    private var socket: Int32 = -1
    private var buffer: [UInt8] = []

    init(port: Int) { self.port = port }

    deinit { close() }

    func close() {
        if socket >= 0 { _ = Glibc.close(socket) }
        socket = -1
        buffer = []
    }

    private func connect() throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let message = String(cString: strerror(errno))
            _ = Glibc.close(fd)
            throw Failure(description: "connect to port \(port): \(message)")
        }
        socket = fd
    }

    /// Sends one request and reads its answer; reconnects once when the kept connection was closed.
    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> Response {
        for attempt in 0..<2 {
            if socket < 0 { try connect() }
            do {
                return try exchange(method, path, headers: headers, body: body)
            } catch {
                close()
                if attempt == 1 { throw error }
            }
        }
        throw Failure(description: "unreachable")
    }

    private func exchange(_ method: String, _ path: String, headers: [String: String], body: [UInt8]) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try write(Array(head.utf8) + body)
        let headerEnd = try readUntil([13, 10, 13, 10])
        let lines = String(decoding: buffer[..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n")
        buffer.removeFirst(headerEnd + 4)
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line: \(lines[0])")
        }
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var content: [UInt8] = []
        if fields["transfer-encoding"]?.lowercased() == "chunked" {
            while true {
                let lineEnd = try readUntil([13, 10])
                let size = Int(String(decoding: buffer[..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
                buffer.removeFirst(lineEnd + 2)
                try fill(size + 2)
                content += buffer[..<size]
                buffer.removeFirst(size + 2)
                if size == 0 { break }
            }
        } else if method != "HEAD", status != 304, status != 204 {
            let length = Int(fields["content-length"] ?? "0") ?? 0
            try fill(length)
            content = Array(buffer[..<length])
            buffer.removeFirst(length)
        }
        if fields["connection"]?.lowercased() == "close" { close() }
        return Response(status: status, headers: fields, body: content)
    }

    private func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    private func readMore() throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw Failure(description: n == 0 ? "connection closed" : String(cString: strerror(errno))) }
        buffer += chunk[..<n]
    }

    private func fill(_ count: Int) throws {
        while buffer.count < count { try readMore() }
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        var from = 0
        while true {
            if buffer.count >= marker.count {
                for i in from...(buffer.count - marker.count) where buffer[i] == marker[0] {
                    if Array(buffer[i..<(i + marker.count)]) == marker { return i }
                }
                from = buffer.count - marker.count + 1
            }
            try readMore()
        }
    }
}

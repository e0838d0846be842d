import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// One per connection, between Hummingbird's HTTP codec and its request handling:
///
/// - after a response that says `Connection: close` (413 `body_too_large`, 408
///   `body_timeout`), it closes the connection once the response is out, so a client that sent
///   too much, or too slowly, cannot keep it (Hummingbird would otherwise go on reading the
///   rest of the body, or wait for it);
/// - it turns the bare, empty 400 Hummingbird writes for a request NIO could not parse (a
///   1 MiB header, 10,000 headers, a 100 KiB URL, garbage) into the API's JSON error: 431
///   `headers_too_large` when the head was over the limits, 400 `malformed_request` otherwise.
///
/// The idle timeout of the HTTP/1 channel (`ServiceConfiguration.idleTimeout`) cuts off
/// connections that are idle or dribble a request head; this handler only acts on responses.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The parse error NIO reported on this connection, if any.
    private var parseError: HTTPParserError?
    /// The JSON body replacing the empty body of Hummingbird's parse-error 400.
    private var replacementBody: ByteBuffer?
    /// Whether the response being written ends the connection.
    private var closeAfterEnd = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError { parseError = error }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            if let parseError, head.status == .badRequest, head.headerFields[.contentLength] == "0" {
                let error = Self.apiError(for: parseError)
                let body = error.jsonBuffer()
                head.status = error.status
                head.headerFields[.contentType] = JSONBody.contentType
                head.headerFields[.contentLength] = String(body.readableBytes)
                head.headerFields[.cacheControl] = "no-store"
                replacementBody = body
            }
            if head.headerFields[.connection]?.lowercased() == "close" { closeAfterEnd = true }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            if let body = replacementBody {
                replacementBody = nil
                context.write(wrapOutboundOut(.body(body)), promise: nil)
            }
            guard closeAfterEnd else {
                context.write(data, promise: promise)
                return
            }
            closeAfterEnd = false
            // A lingering close: FIN now, so the client reads the answer and the end of the
            // stream; whatever it still sends is dropped, and the socket goes for good a little
            // later (a full close with unread input would reset the connection, and the client
            // could lose the answer).
            let channel = context.channel
            let written = context.writeAndFlush(data)
            written.whenComplete { _ in
                channel.close(mode: .output, promise: nil)
                channel.eventLoop.scheduleTask(in: Self.linger) { channel.close(promise: nil) }
            }
            if let promise { written.cascade(to: promise) }
        }
    }

    /// How long a connection that is being closed may still send before it is cut.
    static let linger = TimeAmount.seconds(2)

    /// The answer to a request head NIO could not parse.
    static func apiError(for error: HTTPParserError) -> APIError {
        switch error {
        case .headerOverflow:
            return APIError(
                HTTPResponse.Status(code: 431, reasonPhrase: "Request Header Fields Too Large"),
                code: "headers_too_large",
                message: "The request's address or headers are larger than this server accepts.",
                headers: [.connection: "close"])
        default:
            return APIError(
                .badRequest, code: "malformed_request", message: "The request is not valid HTTP/1.1.",
                headers: [.connection: "close"])
        }
    }
}

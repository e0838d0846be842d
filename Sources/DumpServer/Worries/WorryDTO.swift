import DumpStore
import Foundation
import NIOCore

/// A worry as the API shows it.
struct WorryDTO: Encodable {
    var id: String
    var text: String
    var createdAt: Date
    var expiresAt: Date

    init(_ worry: Worry) {
        id = worry.id.rawValue
        text = worry.text
        createdAt = worry.createdAt
        expiresAt = worry.expiresAt
    }
}

/// A worry's clip as the API shows it: its render status and its three URLs.
struct ClipDTO: Encodable {
    var status: String
    var webm: String
    var mp4: String
    var thumbnail: String

    init(id: WorryID, status: ClipStatus) {
        self.status = status.rawValue
        webm = "/clips/\(id.rawValue).webm"
        mp4 = "/clips/\(id.rawValue).mp4"
        thumbnail = "/clips/\(id.rawValue).png"
    }
}

/// `GET /api/worries/{id}`.
struct WorryEnvelope: Encodable {
    var worry: WorryDTO
    var clip: ClipDTO
}

/// `POST /api/worries` without its `sky`, which is spliced in from the cached JSON.
struct WorryCreated: Encodable {
    var worry: WorryDTO
    var clip: ClipDTO
    var share: String

    /// The full body: this object with `"sky": <skyJSON>` appended.
    func body(sky skyJSON: ByteBuffer) -> ByteBuffer {
        let head = JSONBody.data(self)
        precondition(head.last == UInt8(ascii: "}"), "an encoded object ends with }")
        var body = ByteBuffer()
        body.reserveCapacity(head.count + 8 + skyJSON.readableBytes)
        body.writeBytes(head.dropLast())
        body.writeString(",\"sky\":")
        body.writeImmutableBuffer(skyJSON)
        body.writeString("}")
        return body
    }
}

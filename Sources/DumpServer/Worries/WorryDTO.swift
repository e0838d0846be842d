import DumpDoor
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

/// A worry's clip as the API shows it: where its render stands, honestly — `queued` with an
/// estimated wait, `rendering` with how far it is and the wait left, `ready`, `failed` — and
/// its URLs (the MP4 and the thumbnail are made with the clip; the WebM and the vertical
/// story on first request).
struct ClipDTO: Encodable {
    var status: String
    /// 0…1 while rendering (known to the process rendering it).
    var progress: Double?
    /// Estimated seconds until ready, while queued or rendering.
    var waitSeconds: Int?
    var mp4: String
    var webm: String
    var thumbnail: String
    var story: String

    init(id: WorryID, state: ClipState, queue: RenderQueue) {
        status = state.status.rawValue
        if state.status == .rendering {
            progress = queue.fraction(of: state.key).map { ($0 * 1000).rounded() / 1000 } ?? 0
        }
        waitSeconds = queue.estimatedWait(for: state)
        mp4 = "/clips/\(id.rawValue).mp4"
        webm = "/clips/\(id.rawValue).webm"
        thumbnail = "/clips/\(id.rawValue).png"
        story = "/clips/story/\(id.rawValue).mp4"
    }

    /// The body of a 202 for a clip not ready yet.
    var progressBody: Progress { Progress(status: status, progress: progress, waitSeconds: waitSeconds) }

    struct Progress: Encodable {
        var status: String
        var progress: Double?
        var waitSeconds: Int?
    }
}

/// `GET /api/worries/{id}`.
struct WorryEnvelope: Encodable {
    var worry: WorryDTO
    var clip: ClipDTO
}

/// `GET /api/worries`: the live worries of one owner token, newest first (at most
/// `WorryController.myWorriesLimit`; `total` counts them all).
struct MyWorries: Encodable {
    var worries: [MyWorry]
    var total: Int
}

/// One of my worries: the worry, its clip, its share link and its star's id in the sky.
struct MyWorry: Encodable {
    var worry: WorryDTO
    var clip: ClipDTO
    var share: String
    var star: String
    /// `public`, `private` (the door kept it to its writer) or `hidden` (its star was hidden).
    var visibility: String
}

/// `POST /api/worries` without its `sky`, which is spliced in from the cached JSON.
struct WorryCreated: Encodable {
    var worry: WorryDTO
    var clip: ClipDTO
    var share: String
    /// The kinds of personal data the door masked (`phone`, `email`, …); empty when none.
    var masked: [String]
    /// `public`, or `private` when the door kept the words off the public sky.
    var visibility: String
    /// For words of crisis: a calm sentence and where to call (109 first in Korean).
    var care: CareAnswer?

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

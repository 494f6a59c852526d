import AssayProtocol
import NIOCore
import SwiftProtobuf

/// The synthetic workload of `--event-bytes B --events-per-call N` (transport-only mode): for every
/// workload article, N valid `assay.v1.AnalysisEvent` messages of B serialised bytes each — N − 1
/// entity updates, then one summary, so that `Assay_AnalysisEvent.endsArticle(serialized:)` and the
/// bare loop's end flag both mark the last one. Every server replays these same bytes, as it replays
/// the recorded events otherwise; this is the shape of the reference harness (64-byte
/// messages, 1,000 per call).
extension EventBook {
    /// What `--event-bytes` and `--events-per-call` ask for.
    struct SyntheticShape: Sendable, Equatable {
        /// Serialised bytes of every event (the MESSAGE payload, before any framing).
        var eventBytes: Int
        /// Events per Analyze call, the last of them a summary.
        var eventsPerCall: Int

        /// The most events per call accepted (the clients keep a call's arrival times).
        static let maximumEventsPerCall = 1_000_000
    }

    /// Why a synthetic book cannot be built.
    struct SyntheticFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Filler text: readable in a hex dump, one byte per character.
    private static let filler = Array("synthetic mention of rare earths, gallium and cobalt; ".utf8)

    /// Sets the padding of `event` (an entity update's mention text or a summary's rule) to `length` bytes.
    private static func pad(_ event: inout Assay_AnalysisEvent, length: Int) {
        let text = String(decoding: (0..<max(0, length)).map { Self.filler[$0 % Self.filler.count] }, as: UTF8.self)
        switch event.event {
        case .entityUpdate(var update):
            update.newMentions[0].text = text
            event.entityUpdate = update
        case .summary(var summary):
            summary.overall.rule = text
            event.summary = summary
        default:
            preconditionFailure("only entity updates and summaries are padded")
        }
    }

    /// `event` padded so that it serialises to `bytes` bytes; `nil` when even without padding it is
    /// larger. Exact except within 2 bytes of the unpadded size (the padding field's own key and
    /// length take 2 bytes) or where a length prefix grows (at 128, 16,384, ... bytes), where it
    /// may be a byte or two off.
    private static func padded(_ event: Assay_AnalysisEvent, to bytes: Int) throws -> [UInt8]? {
        var event = event
        Self.pad(&event, length: 0)
        var serialized: [UInt8] = try event.serializedBytes()
        guard serialized.count <= bytes else { return nil }
        var length = bytes - serialized.count
        // Each pass adds the bytes still missing; a length prefix that grows can overshoot by a
        // byte or two, which the next pass takes back.
        for _ in 0..<8 where serialized.count != bytes {
            Self.pad(&event, length: length)
            serialized = try event.serializedBytes()
            length = max(0, length + bytes - serialized.count)
        }
        return serialized
    }

    /// The events of one call about `reference`, unpadded (the smallest each can be).
    private static func skeleton(reference: String, eventsPerCall: Int) -> [Assay_AnalysisEvent] {
        (0..<eventsPerCall).map { index in
            var event = Assay_AnalysisEvent()
            event.reference = reference
            event.sequence = UInt32(index)
            if index == eventsPerCall - 1 {
                var summary = Assay_AnalysisSummary()
                summary.paragraphs = 1
                summary.sentences = 1
                summary.overall.score = 42
                event.summary = summary
            } else {
                var mention = Assay_Mention()
                mention.kind = .name
                var update = Assay_EntityUpdate()
                update.entityID = "country:CN"
                update.mentionCount = UInt32(index + 1)
                update.newMentions = [mention]
                event.entityUpdate = update
            }
            return event
        }
    }

    /// A book with, for every article of `articles`, `shape.eventsPerCall` events of
    /// `shape.eventBytes` serialised bytes each. Throws when an event cannot be that small (its
    /// article reference and its fields already take more) or when a size is out of range.
    static func synthetic(_ articles: [Assay_Article], shape: SyntheticShape) throws -> EventBook {
        guard (1...SyntheticShape.maximumEventsPerCall).contains(shape.eventsPerCall) else {
            throw SyntheticFailure(
                description: "--events-per-call must be 1 to \(SyntheticShape.maximumEventsPerCall), not \(shape.eventsPerCall)"
            )
        }
        guard (1...AssayLimits.defaultMaximumMessageSize).contains(shape.eventBytes) else {
            throw SyntheticFailure(
                description: "--event-bytes must be 1 to \(AssayLimits.defaultMaximumMessageSize) (the largest MESSAGE), "
                    + "not \(shape.eventBytes)"
            )
        }
        var entries: [String: Entry] = [:]
        var smallest = 0
        for article in articles {
            var payloads: [ByteBuffer] = []
            var events: [Assay_AnalysisEvent] = []
            payloads.reserveCapacity(shape.eventsPerCall)
            events.reserveCapacity(shape.eventsPerCall)
            for event in Self.skeleton(reference: article.reference, eventsPerCall: shape.eventsPerCall) {
                guard let bytes = try Self.padded(event, to: shape.eventBytes) else {
                    var unpadded = event
                    Self.pad(&unpadded, length: 0)
                    let unpaddedBytes: [UInt8] = try unpadded.serializedBytes()
                    smallest = max(smallest, unpaddedBytes.count)
                    continue
                }
                payloads.append(ByteBuffer(bytes: bytes))
                events.append(try Assay_AnalysisEvent(serializedBytes: bytes))
            }
            entries[article.reference] = Entry(article: article, events: events, payloads: payloads)
        }
        if smallest > 0 {
            throw SyntheticFailure(
                description: "--event-bytes \(shape.eventBytes) is too small: with these articles' references an event "
                    + "takes at least \(smallest) bytes"
            )
        }
        return EventBook(entries: entries)
    }
}

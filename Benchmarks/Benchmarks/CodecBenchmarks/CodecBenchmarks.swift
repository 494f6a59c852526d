import AssayProtocol
import Benchmark
import NIOCore
import SwiftProtobuf

// One iteration = `framesPerIteration` MESSAGE frames, encoded into one buffer (as the server
// writes a paragraph's events) or decoded from one. Throughput is iterations per second, so
// frames per second = throughput × framesPerIteration.
let framesPerIteration = 1_000

/// An `entity` event as the server sends it: an entity with three mentions (about 330 bytes).
let entityEvent: Assay_AnalysisEvent = {
    var entity = Assay_Entity()
    entity.id = "country:CN"
    entity.name = "China"
    entity.type = .location
    entity.wikidataID = "Q148"
    entity.salience = 0.82
    entity.confidence = 0.97
    entity.description_p = "Country in East Asia"
    entity.mentions = (0..<3).map { index in
        var mention = Assay_Mention()
        mention.span.start = UInt32(120 * index)
        mention.span.end = UInt32(120 * index + 5)
        mention.text = index == 1 ? "Chinese" : "China"
        mention.sentence = UInt32(index)
        mention.paragraph = UInt32(index / 2)
        mention.confidence = 0.95
        return mention
    }
    var found = Assay_EntityFound()
    found.entity = entity
    var event = Assay_AnalysisEvent()
    event.reference = "gallium-export-controls"
    event.sequence = 7
    event.entity = found
    return event
}()

/// A large event (about 4 KB, compressible): the entity above with forty mentions.
let largeEvent: Assay_AnalysisEvent = {
    var event = entityEvent
    var entity = event.entity.entity
    entity.mentions = (0..<40).map { entity.mentions[$0 % 3] }
    event.entity.entity = entity
    return event
}()

func payload(_ event: Assay_AnalysisEvent) -> ByteBuffer {
    var buffer = ByteBuffer()
    try! buffer.writeProtobuf(event)
    return buffer
}

/// `framesPerIteration` encoded frames of `event`, optionally compressed (every frame, whatever its
/// size, as the encode benchmarks do), in one buffer.
func encodedFrames(_ event: Assay_AnalysisEvent, compressed: Bool) -> ByteBuffer {
    let compression = AssayMessageCompression(minimumCompressSize: 0)
    var buffer = ByteBuffer()
    let bytes = payload(event)
    for index in 0..<framesPerIteration {
        var frame = AssayFrame(type: .message, streamID: UInt32(2 * index + 1), payload: bytes)
        if compressed { compression.compressIfWorthwhile(&frame) }
        AssayFrameEncoder.encode(frame, into: &buffer)
    }
    return buffer
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 10_000
    )

    for (name, event) in [("entity event", entityEvent), ("4 KB event", largeEvent)] {
        // The server's hot path: protobuf-serialise each event straight into the output buffer.
        Benchmark("Encode 1000 frames: \(name), serialise + frame") { benchmark in
            var buffer = ByteBuffer()
            for _ in benchmark.scaledIterations {
                buffer.clear()
                for index in 0..<framesPerIteration {
                    try AssayFrameEncoder.encode(type: .message, streamID: UInt32(2 * index + 1), into: &buffer) { out in
                        try out.writeProtobuf(event)
                    }
                }
                blackHole(buffer)
            }
        }
        Benchmark("Encode 1000 frames: \(name), serialise + compress + frame") { benchmark in
            let compression = AssayMessageCompression(minimumCompressSize: 0)
            var buffer = ByteBuffer()
            for _ in benchmark.scaledIterations {
                buffer.clear()
                for index in 0..<framesPerIteration {
                    var frame = try AssayFrame(type: .message, streamID: UInt32(2 * index + 1), message: event)
                    compression.compressIfWorthwhile(&frame)
                    AssayFrameEncoder.encode(frame, into: &buffer)
                }
                blackHole(buffer)
            }
        }
        // The client's hot path: split frames, inflate if compressed, parse the event.
        for compressed in [false, true] {
            let input = encodedFrames(event, compressed: compressed)
            Benchmark("Decode 1000 frames: \(name), frame + \(compressed ? "inflate + " : "")parse") { benchmark in
                let compression = AssayMessageCompression()
                for _ in benchmark.scaledIterations {
                    var buffer = input
                    var decoder = AssayFrameDecoder(maximumFrameLength: 4 << 20)
                    while let frame = try decoder.decode(buffer: &buffer) {
                        let plain = try compression.decompress(frame, limit: 4 << 20)
                        blackHole(try plain.decodePayload(as: Assay_AnalysisEvent.self))
                    }
                }
            }
        }
        Benchmark("Decode 1000 frames: \(name), frame only") { benchmark in
            let input = encodedFrames(event, compressed: false)
            for _ in benchmark.scaledIterations {
                var buffer = input
                var decoder = AssayFrameDecoder(maximumFrameLength: 4 << 20)
                while let frame = try decoder.decode(buffer: &buffer) { blackHole(frame) }
            }
        }
    }
}

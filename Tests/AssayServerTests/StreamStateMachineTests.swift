import AssayProtocol
import Testing

@testable import AssayServer

/// The per-stream state machine alone: every (state, event) pair of docs/PROTOCOL.md §4.
@Suite("Stream state machine")
struct StreamStateMachineTests {
    @Test("request with END_STREAM half-closes; a later MESSAGE fails the stream; then frames drop")
    func requestThenEndStreamHalfCloses() {
        var machine = StreamStateMachine(inboundCredit: 1, streamsRequests: false)
        #expect(machine.state == .idle)
        machine.receiveOpen(endStream: false)
        #expect(machine.state == .open)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: true) == .deliver(endStream: true))
        #expect(machine.state == .halfClosedRemote)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: false) == .fail(.internal, "MESSAGE after END_STREAM"))
        #expect(machine.state == .closed)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: false) == .drop)
    }

    @Test("a MESSAGE beyond the granted credit fails with RESOURCE_EXHAUSTED; a grant allows more")
    func credit() {
        var machine = StreamStateMachine(inboundCredit: 1, streamsRequests: true)
        machine.receiveOpen(endStream: false)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: false) == .deliver(endStream: false))
        machine.grantInbound(1)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: false) == .deliver(endStream: false))
        guard case .fail(let code, _) = machine.receiveMessage(payloadIsEmpty: false, endStream: false) else {
            Issue.record("expected a failure")
            return
        }
        #expect(code == .resourceExhausted)
        #expect(machine.state == .closed)
    }

    @Test("a unary call's second request message is INVALID_ARGUMENT")
    func unarySecondMessage() {
        var machine = StreamStateMachine(inboundCredit: 64, streamsRequests: false)
        machine.receiveOpen(endStream: false)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: false) == .deliver(endStream: false))
        guard case .fail(let code, _) = machine.receiveMessage(payloadIsEmpty: false, endStream: true) else {
            Issue.record("expected a failure")
            return
        }
        #expect(code == .invalidArgument)
    }

    @Test("an empty END_STREAM MESSAGE after the request only half-closes (and uses no credit)")
    func emptyEndStream() {
        var machine = StreamStateMachine(inboundCredit: 1, streamsRequests: false)
        machine.receiveOpen(endStream: false)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: false) == .deliver(endStream: false))
        #expect(machine.receiveMessage(payloadIsEmpty: true, endStream: true) == .halfClose)
        #expect(machine.state == .halfClosedRemote)
    }

    @Test("a batch stream takes many messages up to its credit")
    func batch() {
        var machine = StreamStateMachine(inboundCredit: 3, streamsRequests: true)
        machine.receiveOpen(endStream: false)
        for _ in 0..<2 {
            #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: false) == .deliver(endStream: false))
        }
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: true) == .deliver(endStream: true))
        #expect(machine.inboundCredit == 0)
    }

    @Test("CANCEL closes an open or half-closed stream once; later CANCELs drop")
    func cancelClosesOnce() {
        var open = StreamStateMachine(inboundCredit: 4, streamsRequests: false)
        open.receiveOpen(endStream: false)
        #expect(open.receiveCancel() == .cancelWork)
        #expect(open.receiveCancel() == .drop)
        var halfClosed = StreamStateMachine(inboundCredit: 4, streamsRequests: false)
        halfClosed.receiveOpen(endStream: true)
        #expect(halfClosed.state == .halfClosedRemote)
        #expect(halfClosed.receiveCancel() == .cancelWork)
        #expect(halfClosed.state == .closed)
    }

    @Test("close() from any state ends the stream")
    func close() {
        var machine = StreamStateMachine(inboundCredit: 1, streamsRequests: false)
        machine.receiveOpen(endStream: false)
        machine.close()
        #expect(machine.state == .closed)
        #expect(machine.receiveCancel() == .drop)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: true) == .drop)
    }
}

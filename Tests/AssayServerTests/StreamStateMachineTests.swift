import AssayProtocol
import Testing

@testable import AssayServer

@Suite struct StreamStateMachineTests {
    @Test func requestThenEndStreamHalfCloses() {
        var machine = StreamStateMachine(inboundCredit: 1)
        machine.receiveOpen(endStream: false)
        #expect(machine.state == .open)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: true) == .deliver(endStream: true))
        #expect(machine.state == .halfClosedRemote)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: false) == .fail(.internal, "MESSAGE after END_STREAM"))
        #expect(machine.state == .closed)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: false) == .drop)
    }

    @Test func messageBeyondCreditFails() {
        var machine = StreamStateMachine(inboundCredit: 1)
        machine.receiveOpen(endStream: false)
        #expect(machine.receiveMessage(payloadIsEmpty: false, endStream: false) == .deliver(endStream: false))
        guard case .fail(let code, _) = machine.receiveMessage(payloadIsEmpty: false, endStream: false) else {
            Issue.record("expected a failure")
            return
        }
        #expect(code == .resourceExhausted)
    }

    @Test func cancelClosesOnce() {
        var machine = StreamStateMachine(inboundCredit: 4)
        machine.receiveOpen(endStream: true)
        #expect(machine.receiveCancel() == .cancelWork)
        #expect(machine.receiveCancel() == .drop)
    }
}

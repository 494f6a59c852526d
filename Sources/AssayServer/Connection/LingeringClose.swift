import AssayProtocol
import NIOCore

/// How the server closes a connection after the GOAWAY that ends it (`docs/PROTOCOL.md` §6.6): it
/// processes nothing more, reads and drops what the peer still sends until the peer closes, and
/// closes itself at ``timeout`` at the latest.
struct LingeringClose: Sendable {
    /// How long after its final GOAWAY the server keeps a connection open for the peer to read it.
    ///
    /// Closing a TCP socket while the peer's bytes are unread (a HELLO or request crossing the
    /// GOAWAY) makes the kernel send RST instead of FIN, and a peer that gets the reset may lose
    /// the GOAWAY it has not read yet, or fail its next write and report a bare lost connection
    /// instead of the GOAWAY's reason. Waiting for the peer to close first avoids that, as HTTP/2
    /// servers do; the bound keeps a peer that never closes from holding the connection longer.
    static let timeout: Duration = .seconds(1)

    private let channel: any Channel
    private let deadline: Scheduled<Void>

    /// Starts lingering: `channel` closes ``timeout`` from now unless the peer closes it first.
    init(channel: any Channel) {
        self.channel = channel
        self.deadline = channel.eventLoop.scheduleTask(in: TimeAmount(Self.timeout)) {
            channel.close(promise: nil)
        }
    }

    /// Drops `frames` until the connection has closed (the peer closed it, or the deadline came).
    func drain(_ frames: inout NIOAsyncChannelInboundStream<AssayFrame>.AsyncIterator) async {
        while (try? await frames.next()) != nil {}
        // After a framing error the inbound stream has ended but the socket is open: NIO still
        // reads the peer's close, and the deadline still applies.
        try? await self.channel.closeFuture.get()
        self.deadline.cancel()
    }
}

public import AssayProtocol
public import Logging
import NIOCore
import SwiftProtobuf
import Synchronization

/// Runs `body` with a client of the server at `host:port`, then shuts the client down gracefully.
///
/// The client's connections run in a child task for the duration of `body`; calls still running
/// when `body` returns are allowed to finish.
///
/// ```swift
/// let summary = try await withAssayClient(host: "127.0.0.1", port: 7443) { client in
///     try await client.analyze(article).summary()
/// }
/// ```
public func withAssayClient<Result: Sendable>(
    host: String,
    port: Int,
    configuration: AssayClientConfiguration = AssayClientConfiguration(),
    logger: Logger = Logger(label: "assay.client"),
    _ body: (AssayClient) async throws -> Result
) async throws -> Result {
    try await withAssayClient(
        endpoints: [AssayEndpoint(host: host, port: port)],
        configuration: configuration,
        logger: logger,
        body
    )
}

/// Runs `body` with a client that spreads calls round-robin over `endpoints`, then shuts it down gracefully.
public func withAssayClient<Result: Sendable>(
    endpoints: [AssayEndpoint],
    configuration: AssayClientConfiguration = AssayClientConfiguration(),
    logger: Logger = Logger(label: "assay.client"),
    _ body: (AssayClient) async throws -> Result
) async throws -> Result {
    let client = AssayClient(endpoints: endpoints, configuration: configuration, logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await client.run() }
        do {
            let result = try await body(client)
            client.beginGracefulShutdown()
            try await group.waitForAll()
            return result
        } catch {
            client.beginGracefulShutdown()
            try? await group.waitForAll()
            throw error
        }
    }
}

/// A client of one or more Assay servers.
///
/// Each endpoint gets one TCP connection, made on first use; all calls to that endpoint are
/// multiplexed over it as streams. Calls go round-robin over the endpoints; an endpoint whose
/// connection fails is ejected for an exponentially growing, jittered delay and the call moves on
/// to the next one. A call the server reports it did not process is retried transparently.
///
/// The client does its work inside ``run()``; call it in a task of its own (or use
/// ``withAssayClient(host:port:configuration:logger:_:)``), and stop it with ``beginGracefulShutdown()``:
///
/// ```swift
/// let client = AssayClient(host: "127.0.0.1", port: 7443)
/// async let running: Void = client.run()
/// let health = try await client.health()
/// client.beginGracefulShutdown()
/// try await running
/// ```
public final class AssayClient: Sendable {
    /// The agent string sent in HELLO.
    static let agent = "assay-swift/0.1.0"

    private enum Lifecycle {
        case notStarted, running, shuttingDown, stopped
    }

    private enum Slot {
        case idle
        case connecting([CheckedContinuation<AssayConnection, any Error>])
        case ready(AssayConnection)
    }

    private struct State {
        var lifecycle = Lifecycle.notStarted
        var slots: [Slot]
        var picker: EndpointPicker
    }

    /// The servers this client talks to.
    public let endpoints: [AssayEndpoint]
    /// The client's settings.
    public let configuration: AssayClientConfiguration
    let logger: Logger
    private let state: Mutex<State>
    private let connects: AsyncStream<Int>
    private let connectRequests: AsyncStream<Int>.Continuation
    private let flowControl = FlowControlTally()

    /// How long this client's streams have been held up by flow control since it was created,
    /// summed over streams: see ``AssayFlowControlStatistics``.
    public var flowControlStatistics: AssayFlowControlStatistics { self.flowControl.statistics }

    /// Creates a client of several servers; calls are spread over them round-robin.
    /// - Parameters:
    ///   - endpoints: At least one server.
    ///   - configuration: Compression, API key, deadlines, credit, backoff.
    ///   - logger: Where the client logs (debug and trace only).
    public init(
        endpoints: [AssayEndpoint],
        configuration: AssayClientConfiguration = AssayClientConfiguration(),
        logger: Logger = Logger(label: "assay.client")
    ) {
        precondition(!endpoints.isEmpty, "an AssayClient needs at least one endpoint")
        self.endpoints = endpoints
        self.configuration = configuration
        self.logger = logger
        self.state = Mutex(
            State(slots: Array(repeating: .idle, count: endpoints.count), picker: EndpointPicker(count: endpoints.count))
        )
        (self.connects, self.connectRequests) = AsyncStream.makeStream(of: Int.self)
    }

    /// Creates a client of the server at `host:port`.
    public convenience init(
        host: String,
        port: Int,
        configuration: AssayClientConfiguration = AssayClientConfiguration(),
        logger: Logger = Logger(label: "assay.client")
    ) {
        self.init(endpoints: [AssayEndpoint(host: host, port: port)], configuration: configuration, logger: logger)
    }

    // MARK: - Lifecycle

    /// Runs the client's connections. Returns once ``beginGracefulShutdown()`` has been called and
    /// every call has finished; cancelling the task running it closes every connection at once.
    ///
    /// Calls made before `run()` starts wait for it.
    /// - Throws: ``AssayClientError`` if the client is already running or has stopped.
    public func run() async throws {
        try self.state.withLock { state throws(AssayClientError) in
            switch state.lifecycle {
            case .notStarted: state.lifecycle = .running
            case .shuttingDown: break
            case .running, .stopped:
                throw AssayClientError(code: .failedPrecondition, message: "the client can only be run once")
            }
        }
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                for await index in self.connects {
                    group.addTask { await self.runConnection(index) }
                }
            }
        } onCancel: {
            self.shutDown(immediately: true)
        }
        let waiters = self.state.withLock { state -> [CheckedContinuation<AssayConnection, any Error>] in
            state.lifecycle = .stopped
            var waiters: [CheckedContinuation<AssayConnection, any Error>] = []
            for index in state.slots.indices {
                if case .connecting(let list) = state.slots[index] { waiters += list }
                state.slots[index] = .idle
            }
            return waiters
        }
        for waiter in waiters { waiter.resume(throwing: Self.shutDownError) }
    }

    /// Starts graceful shutdown: new calls fail with UNAVAILABLE, calls in flight finish, then every
    /// connection closes and ``run()`` returns.
    public func beginGracefulShutdown() {
        self.shutDown(immediately: false)
    }

    private func shutDown(immediately: Bool) {
        let (connections, waiters) = self.state.withLock { state in
            if state.lifecycle != .stopped { state.lifecycle = .shuttingDown }
            var connections: [AssayConnection] = []
            var waiters: [CheckedContinuation<AssayConnection, any Error>] = []
            for index in state.slots.indices {
                switch state.slots[index] {
                case .ready(let connection): connections.append(connection)
                case .connecting(let list): waiters += list
                case .idle: break
                }
                state.slots[index] = .idle
            }
            return (connections, waiters)
        }
        self.connectRequests.finish()
        for waiter in waiters { waiter.resume(throwing: Self.shutDownError) }
        for connection in connections {
            if immediately { connection.channel.close(promise: nil) } else { connection.drain() }
        }
    }

    private static let shutDownError = AssayClientError(code: .unavailable, message: "the client is shutting down")

    // MARK: - Connections

    /// A connection for a new call: round-robin over endpoints that are not ejected, connecting when
    /// needed; waits out the backoff when every endpoint is ejected; fails after
    /// ``AssayClientConfiguration/connectionAttempts`` failed attempts.
    func connection(deadline: ContinuousClock.Instant?) async throws(AssayClientError) -> AssayConnection {
        var attempts = 0
        var lastError: AssayClientError?
        while true {
            enum Step {
                case use(AssayConnection)
                case connect(Int)
                case wait(ContinuousClock.Instant)
                case fail(AssayClientError)
            }
            let step = self.state.withLock { state -> Step in
                guard state.lifecycle == .notStarted || state.lifecycle == .running else { return .fail(Self.shutDownError) }
                switch state.picker.next(now: .now) {
                case .use(let index):
                    if case .ready(let connection) = state.slots[index], connection.isAcceptingStreams {
                        return .use(connection)
                    }
                    return .connect(index)
                case .waitUntil(let instant, let index):
                    if case .ready(let connection) = state.slots[index], connection.isAcceptingStreams {
                        return .use(connection)
                    }
                    return .wait(instant)
                }
            }
            switch step {
            case .use(let connection):
                return connection
            case .fail(let error):
                throw error
            case .wait(let instant):
                if attempts >= self.configuration.connectionAttempts { throw lastError ?? self.unreachableError() }
                if let deadline, instant >= deadline {
                    throw AssayClientError(code: .deadlineExceeded, message: "deadline exceeded while waiting to reconnect")
                }
                do {
                    try await Task.sleep(until: instant, clock: .continuous)
                } catch {
                    throw AssayClientError(code: .cancelled, message: "cancelled")
                }
            case .connect(let index):
                if attempts >= self.configuration.connectionAttempts { throw lastError ?? self.unreachableError() }
                attempts += 1
                do {
                    return try await self.connect(index)
                } catch let error as AssayClientError {
                    if error.code == .unauthenticated || error.code == .failedPrecondition || error.message == Self.shutDownError.message {
                        throw error
                    }
                    lastError = error
                } catch {
                    lastError = AssayClientError(code: .unavailable, message: "\(error)", isServerUnreachable: true)
                }
            }
        }
    }

    private func unreachableError() -> AssayClientError {
        AssayClientError(
            code: .unavailable,
            message: "server unreachable at \(self.endpoints.map(\.description).joined(separator: ", "))",
            isServerUnreachable: true
        )
    }

    /// Joins or starts the connection attempt of endpoint `index`.
    private func connect(_ index: Int) async throws -> AssayConnection {
        try await withCheckedThrowingContinuation { continuation in
            enum Action { case none, resume(AssayConnection), start, fail }
            let action = self.state.withLock { state -> Action in
                guard state.lifecycle == .notStarted || state.lifecycle == .running else { return .fail }
                switch state.slots[index] {
                case .ready(let connection) where connection.isAcceptingStreams:
                    return .resume(connection)
                case .connecting(let waiters):
                    state.slots[index] = .connecting(waiters + [continuation])
                    return .none
                case .idle, .ready:
                    state.slots[index] = .connecting([continuation])
                    return .start
                }
            }
            switch action {
            case .none: break
            case .resume(let connection): continuation.resume(returning: connection)
            case .fail: continuation.resume(throwing: Self.shutDownError)
            case .start:
                if case .terminated = self.connectRequests.yield(index) {
                    let waiters = self.state.withLock { state -> [CheckedContinuation<AssayConnection, any Error>] in
                        guard case .connecting(let waiters) = state.slots[index] else { return [] }
                        state.slots[index] = .idle
                        return waiters
                    }
                    for waiter in waiters { waiter.resume(throwing: Self.shutDownError) }
                }
            }
        }
    }

    /// One connection's life, as a child task of ``run()``.
    private func runConnection(_ index: Int) async {
        let endpoint = self.endpoints[index]
        let outcome = await AssayConnection.run(
            endpoint: endpoint,
            configuration: self.configuration,
            flowControl: self.flowControl,
            logger: self.logger
        ) { result in
            let (waiters, drainNow) = self.state.withLock { state -> ([CheckedContinuation<AssayConnection, any Error>], Bool) in
                guard case .connecting(let waiters) = state.slots[index] else { return ([], true) }
                switch result {
                case .success(let connection):
                    state.picker.recordSuccess(index)
                    state.slots[index] = .ready(connection)
                case .failure:
                    state.picker.recordFailure(index, now: .now, backoff: self.configuration.backoff)
                    state.slots[index] = .idle
                }
                return (waiters, false)
            }
            switch result {
            case .success(let connection):
                if drainNow { connection.drain() }
                for waiter in waiters { waiter.resume(returning: connection) }
            case .failure(let error):
                for waiter in waiters { waiter.resume(throwing: error) }
            }
        }
        self.state.withLock { state in
            if case .closed(let healthy) = outcome {
                if case .ready(let connection) = state.slots[index], connection.channel.isActive == false {
                    state.slots[index] = .idle
                }
                if !healthy { state.picker.recordFailure(index, now: .now, backoff: self.configuration.backoff) }
            }
        }
    }

    // MARK: - Calls

    /// Analyses one article. Events arrive as the server produces them: `accepted` first, then
    /// entities, updates, repetitions and risk per paragraph, and `summary` last.
    ///
    /// Cancelling the task that iterates the events (or dropping the sequence before its end)
    /// sends CANCEL, and the server stops the analysis.
    /// - Parameters:
    ///   - article: The article; `body` is required, `title` optional.
    ///   - deadline: The whole call's deadline, enforced locally and sent to the server; `nil` uses the
    ///     configuration's `defaultDeadline`.
    /// - Throws: ``AssayClientError`` when no server can be reached; errors of the call itself are
    ///   thrown by the returned sequence.
    public func analyze(_ article: Assay_Article, deadline: Duration? = nil) async throws -> AssayEventStream {
        let call = try self.makeCall(AssayLimits.Method.analyze, requests: [article], deadline: deadline)
        let frames = try await call.open()
        return AssayEventStream(call: call, first: frames)
    }

    /// Analyses several articles on one stream. Articles are analysed concurrently; their events
    /// interleave (each carries its article's `reference`) and every article ends with `summary` or `failed`.
    ///
    /// Give each article a distinct `reference`. Articles are sent as the server grants credit.
    public func analyzeBatch(_ articles: some Sequence<Assay_Article>, deadline: Duration? = nil) async throws -> AssayEventStream {
        let call = try self.makeCall(AssayLimits.Method.analyzeBatch, requests: Array(articles), deadline: deadline)
        let frames = try await call.open()
        return AssayEventStream(call: call, first: frames)
    }

    /// Asks whether the server is serving (`SERVING`, or `DRAINING` during its shutdown).
    public func health(service: String = "", deadline: Duration? = nil) async throws -> Assay_HealthResponse {
        var request = Assay_HealthRequest()
        request.service = service
        return try await self.unary(AssayLimits.Method.health, request: request, deadline: deadline)
    }

    /// Asks for the server's versions, limits and settings.
    public func serverInfo(deadline: Duration? = nil) async throws -> Assay_ServerInfoResponse {
        try await self.unary(AssayLimits.Method.serverInfo, request: Assay_ServerInfoRequest(), deadline: deadline)
    }

    private func unary<Response: SwiftProtobuf.Message>(
        _ method: String,
        request: some SwiftProtobuf.Message,
        deadline: Duration?
    ) async throws -> Response {
        let call = try self.makeCall(method, requests: [request], deadline: deadline)
        var reader = CallReader(call: call, first: try await call.open())
        var response: Response?
        while let payload = try await reader.next() {
            guard response == nil else { continue }
            do {
                response = try Response(serializedBuffer: payload)
            } catch {
                call.cancel(AssayClientError(code: .internal, message: "\(method) response does not parse: \(error)"))
                throw AssayClientError(code: .internal, message: "\(method) response does not parse", cause: error)
            }
        }
        guard let response else { throw AssayClientError(code: .internal, message: "\(method) returned no response") }
        return response
    }

    private func makeCall(_ method: String, requests: [some SwiftProtobuf.Message], deadline: Duration?) throws -> ClientCall {
        let payloads = try requests.map { request -> ByteBuffer in
            var buffer = ByteBuffer()
            do {
                try buffer.writeProtobuf(request)
            } catch {
                throw AssayClientError(code: .invalidArgument, message: "request cannot be encoded: \(error)", cause: error)
            }
            return buffer
        }
        let timeout = deadline ?? self.configuration.defaultDeadline
        return ClientCall(client: self, method: method, requests: payloads, deadline: timeout.map { .now + $0 })
    }
}

/// How a ``PostgresStore`` retries a call that lost its connection or lost a serialization race.
///
/// The delay doubles from `initialDelay` up to `maximumDelay`, with up to 20 % random jitter, for at most
/// `maximumAttempts` tries in all; a call therefore gives up after a bounded time and throws `StoreError`.
/// The pool itself also waits for a connection while the server is down, for up to a minute.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included (1 disables retrying).
    public var maximumAttempts: Int
    /// The delay before the second try.
    public var initialDelay: Duration
    /// The longest delay between two tries.
    public var maximumDelay: Duration

    /// Creates a policy; the defaults retry for about six seconds.
    public init(maximumAttempts: Int = 7, initialDelay: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(2)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// The delay after the failed try number `attempt` (1-based), jitter included.
    public func delay(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        var delay = initialDelay * (1 << exponent)
        if delay > maximumDelay { delay = maximumDelay }
        return delay * Double.random(in: 0.8...1.0)
    }
}

import Foundation

/// How a queue worker runs.
public struct WorkerConfiguration: Sendable, Equatable {
    /// This worker's id in leases and audit events (host and process by default).
    public var workerID: String
    /// Comments claimed at once.
    public var batch: Int
    /// Claim loops in this process.
    public var concurrency: Int
    /// How long a claim lasts.
    public var leaseSeconds: Double
    /// How long an idle loop waits for new work before looking again.
    public var pollSeconds: Double
    /// Claims after which a comment is held for a person instead of evaluated again.
    public var maxAttempts: Int
    /// Drain the queue and return instead of waiting for more.
    public var once: Bool

    /// Creates a configuration.
    public init(
        workerID: String = WorkerConfiguration.defaultID(), batch: Int = 500, concurrency: Int = 1,
        leaseSeconds: Double = 60, pollSeconds: Double = 1, maxAttempts: Int = 5, once: Bool = false
    ) {
        self.workerID = workerID
        self.batch = batch
        self.concurrency = concurrency
        self.leaseSeconds = leaseSeconds
        self.pollSeconds = pollSeconds
        self.maxAttempts = maxAttempts
        self.once = once
    }

    /// `worker@HOST:PID`.
    public static func defaultID() -> String {
        "worker@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }
}

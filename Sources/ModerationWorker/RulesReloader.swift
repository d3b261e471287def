import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the rules when their files change (checked every few seconds) and on SIGHUP.
public struct RulesReloader: Service {
    private let provider: RulesProvider
    private let interval: Double
    private let logger: Logger

    /// Creates a reloader that checks every `interval` seconds.
    public init(provider: RulesProvider, interval: Double, logger: Logger) {
        self.provider = provider
        self.interval = interval
        self.logger = logger
    }

    /// Runs until graceful shutdown or cancellation.
    public func run() async throws {
        let provider = provider
        let interval = interval
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
                    await provider.reloadIfChanged(force: true)
                }
            }
            group.addTask {
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
                    await provider.reloadIfChanged()
                }
            }
            await group.waitForAll()
        }
    }
}

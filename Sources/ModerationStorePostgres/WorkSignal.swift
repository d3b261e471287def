import Foundation

/// Wakes the tasks waiting in `waitForWork` when the listener hears of new work.
///
/// A wake-up that arrives while nobody waits is kept, so the next wait returns at once: a submission made
/// between a worker's empty claim and its wait is never slept through. A spurious wake-up only costs a claim.
actor WorkSignal {
    private var pendingWake = false
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    private var listening = false
    private var readyWaiters: [CheckedContinuation<Void, Never>] = []

    /// Records that new work may be there and wakes every waiter.
    func notify() {
        if waiters.isEmpty {
            pendingWake = true
            return
        }
        let woken = waiters
        waiters.removeAll()
        for continuation in woken.values { continuation.resume() }
    }

    /// Called by the listener once LISTEN is in place; after a reconnection it also wakes waiters, since
    /// notifications sent while the connection was down are lost.
    func listenerReady(afterReconnect: Bool) {
        listening = true
        let ready = readyWaiters
        readyWaiters.removeAll()
        for continuation in ready { continuation.resume() }
        if afterReconnect { notify() }
    }

    /// Called by the listener when its connection is lost.
    func listenerLost() {
        listening = false
    }

    /// Waits until the listener first listens, or `timeout` passes.
    func waitUntilListening(timeout: Duration) async {
        if listening { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForReady() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            // Unblock the ready waiter if the timeout won; it resumes harmlessly later otherwise.
            self.releaseReadyWaiters()
        }
    }

    /// Waits for a wake-up, or until `timeout` passes, or the task is cancelled.
    func wait(timeout: Duration) async {
        if pendingWake {
            pendingWake = false
            return
        }
        let id = UUID()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForWake(id) }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForWake(_ id: UUID) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    waiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume()
    }

    private func waitForReady() async {
        if listening { return }
        await withCheckedContinuation { readyWaiters.append($0) }
    }

    private func releaseReadyWaiters() {
        guard !listening else { return }
        let ready = readyWaiters
        readyWaiters.removeAll()
        for continuation in ready { continuation.resume() }
    }
}

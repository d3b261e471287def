import Foundation

extension InMemoryStore {
    /// A task suspended in `waitForWork`, and the timer that resumes it when nothing comes.
    struct Waiter {
        /// Resumes the waiting task.
        var continuation: CheckedContinuation<Void, Never>
        /// Wakes the waiter when its timeout passes; cancelled when something else wakes it first.
        var timer: Task<Void, Never>
    }

    /// Returns at once when a comment can be claimed now; otherwise waits until a submission or a
    /// release, `timeout`, or cancellation of the calling task, whichever comes first.
    public func waitForWork(timeout: TimeInterval) async {
        let now = Date()
        guard timeout > 0, !rows.contains(where: { isClaimable($0, now: now) }) else { return }
        let seconds = min(timeout, 86_400)
        let id = nextWaiterID
        nextWaiterID += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                guard !Task.isCancelled else { return continuation.resume() }
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: .seconds(seconds))
                    await self?.wake(id)
                }
                waiters[id] = Waiter(continuation: continuation, timer: timer)
            }
        } onCancel: {
            Task { await self.wake(id) }
        }
    }

    /// Resumes one waiter, if it still waits.
    func wake(_ id: Int) {
        guard let waiter = waiters.removeValue(forKey: id) else { return }
        waiter.timer.cancel()
        waiter.continuation.resume()
    }

    /// Resumes every waiter: work may be there.
    func wakeAll() {
        for id in Array(waiters.keys) { wake(id) }
    }
}

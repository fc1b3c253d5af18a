import Foundation
import MLDebt

/// The hand-over of an analysis computed on a background thread to the run loop, which polls
/// it between keys (the loop wakes at least every 100 ms).
final class PendingAnalysis: @unchecked Sendable {
  private let lock = NSLock()
  private var value: ProjectAnalysis?
  private var generation = 0
  private var flag: CancellationFlag?

  /// Computes an analysis on a new background thread. Only the latest one started is delivered,
  /// so a slow, older analysis never replaces a newer one (after an attestation is saved). The
  /// work runs with ``CancellationFlag/current`` bound, so ``cancel()`` stops the drift in it.
  func start(_ work: @escaping @Sendable () -> ProjectAnalysis) {
    let flag = CancellationFlag()
    let mine = lock.withLock {
      self.flag?.cancel()
      self.flag = flag
      generation += 1
      return generation
    }
    Thread.detachNewThread { [self] in
      let analysis = CancellationFlag.$current.withValue(flag) { work() }
      lock.withLock { if generation == mine, !flag.isCancelled { value = analysis } }
    }
  }

  /// Stops the analysis under way; it is never delivered.
  func cancel() {
    lock.withLock {
      flag?.cancel()
      flag = nil
      generation += 1
      value = nil
    }
  }

  /// The finished analysis, once; `nil` until it is delivered and after it has been taken.
  func take() -> ProjectAnalysis? {
    lock.withLock {
      defer { value = nil }
      return value
    }
  }
}

import Foundation
import MLDebt

/// The hand-over of an analysis computed on a background thread to the run loop, which polls
/// it between keys (the loop wakes at least every 100 ms).
final class PendingAnalysis: @unchecked Sendable {
  private let lock = NSLock()
  private var value: ProjectAnalysis?

  /// Stores a finished analysis (called from the background thread).
  func deliver(_ analysis: ProjectAnalysis) {
    lock.withLock { value = analysis }
  }

  /// The finished analysis, once; `nil` until it is delivered and after it has been taken.
  func take() -> ProjectAnalysis? {
    lock.withLock {
      defer { value = nil }
      return value
    }
  }
}

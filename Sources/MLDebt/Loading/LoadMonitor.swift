import Foundation

/// Watches a load source by source (``LoadOptions/monitor``): the loader lists every source it
/// discovered, then moves each from waiting to reading to done or failed. A face polls
/// ``sources`` (from any thread) and redraws when ``version`` changes.
public final class LoadMonitor: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [SourceProgress] = []
  private var changes = 0

  /// Creates a monitor with no sources yet.
  public init() {}

  /// Every source discovered so far, in merge order, with its state.
  public var sources: [SourceProgress] { lock.withLock { entries } }

  /// A number that grows at every change, to tell whether a redraw is due.
  public var version: Int { lock.withLock { changes } }

  /// Adds discovered sources (the loader calls it; a face may too, to show a load it runs
  /// itself); returns the index of the first.
  @discardableResult
  public func add(_ sources: [SourceProgress]) -> Int {
    lock.withLock {
      let first = entries.count
      entries += sources
      changes += 1
      return first
    }
  }

  /// Changes one source's state.
  public func update(_ index: Int, _ change: (inout SourceProgress.State) -> Void) {
    lock.withLock {
      guard entries.indices.contains(index) else { return }
      change(&entries[index].state)
      changes += 1
    }
  }

  /// Marks every source that is not over as cancelled.
  func cancelUnfinished() {
    lock.withLock {
      for index in entries.indices where !entries[index].isFinished {
        entries[index].state = .cancelled
      }
      changes += 1
    }
  }

  /// The state a contribution ends in.
  static func finalState(of contribution: SourceContribution) -> SourceProgress.State {
    guard contribution.failed else { return .done(contribution.summary) }
    let first =
      contribution.diagnostics.first { $0.severity == .error } ?? contribution.diagnostics.first
    return .failed(first?.description ?? "could not be read")
  }
}

/// Passes one reader's progress to the monitor's entry for it (and to the load's own observer).
struct MonitoredProgress: ProgressObserver {
  let monitor: LoadMonitor
  let index: Int
  let inner: (any ProgressObserver)?

  func started(_ step: String, total: Int) {
    monitor.update(index) { $0 = .reading(step: step, done: 0, total: total) }
    inner?.started(step, total: total)
  }

  func advanced(_ step: String, by count: Int) {
    monitor.update(index) { state in
      if case .reading(let current, let done, let total) = state {
        state = .reading(step: current ?? step, done: done + count, total: total)
      }
    }
    inner?.advanced(step, by: count)
  }

  func finished(_ step: String) { inner?.finished(step) }
}

import Foundation
import MLDebt

/// Loads the project on a background thread so the first frame is drawn at once; the run loop
/// polls it between keys for each source's progress and for the end of the load. Only the latest
/// load started is delivered, and a cancelled one ends as ``ProjectLoadError/cancelled`` with
/// nothing partial kept.
final class BackgroundLoad: @unchecked Sendable {
  /// What a poll found.
  struct Poll {
    /// The sources' states, when they changed since the last poll.
    var sources: [SourceProgress]?
    /// The end of the load, once.
    var result: Result<Project, ProjectLoadError>?
  }

  private let lock = NSLock()
  private let load: @Sendable (LoadMonitor, CancellationFlag) throws(ProjectLoadError) -> Project
  private var monitor: LoadMonitor?
  private var flag: CancellationFlag?
  private var seenVersion = -1
  private var result: Result<Project, ProjectLoadError>?
  private var generation = 0

  /// Creates a loader with how to load (given the monitor and the cancellation flag to use).
  init(
    load: @escaping @Sendable (LoadMonitor, CancellationFlag) throws(ProjectLoadError) -> Project
  ) {
    self.load = load
  }

  /// A loader of `path` with `options` (their monitor and cancellation are replaced).
  convenience init(path: String, options: LoadOptions) {
    self.init { (monitor, flag) throws(ProjectLoadError) in
      var options = options
      options.monitor = monitor
      options.cancellation = flag
      return try Project.load(at: path, options: options)
    }
  }

  /// Starts a load on a new thread, cancelling the one under way.
  func start() {
    let monitor = LoadMonitor()
    let flag = CancellationFlag()
    let mine = lock.withLock {
      self.flag?.cancel()
      generation += 1
      self.monitor = monitor
      self.flag = flag
      seenVersion = -1
      result = nil
      return generation
    }
    let load = self.load
    Thread.detachNewThread { [self] in
      let outcome: Result<Project, ProjectLoadError>
      do throws(ProjectLoadError) {
        outcome = .success(try load(monitor, flag))
      } catch {
        outcome = .failure(error)
      }
      lock.withLock { if generation == mine { result = outcome } }
    }
  }

  /// Cancels the load under way (its end is delivered as cancelled).
  func cancel() { lock.withLock { flag?.cancel() } }

  /// The sources' states if they changed, and the end of the load once.
  func poll() -> Poll {
    lock.withLock {
      var found = Poll()
      if let monitor, monitor.version != seenVersion {
        seenVersion = monitor.version
        found.sources = monitor.sources
      }
      if let result {
        found.result = result
        self.result = nil
        monitor = nil
        flag = nil
      }
      return found
    }
  }
}

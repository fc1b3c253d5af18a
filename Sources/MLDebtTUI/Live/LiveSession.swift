import Foundation
import MLDebt

/// Live mode: watches the project's files (or polls its tracking server), reloads the project
/// and its analysis in the background, and applies each reload to the app state, keeping the
/// user's place. A reload that breaks a source that loaded cleanly is not shown: the status bar
/// names the problem and the last good data stays on screen.
final class LiveSession: @unchecked Sendable {
  private let watcher: FileWatcher
  private let reloader: LiveReloader
  private var lastProblem: String?
  /// The generation of the reloaded project on screen.
  private var shownGeneration = -1

  /// Whether a reload has been applied (the first analysis, computed for the project as first
  /// loaded, is then stale and must be dropped).
  private(set) var hasReloaded = false

  /// Creates a session for `project`, polling every `interval` seconds where it must.
  init(
    project: Project, interval: TimeInterval,
    load: @escaping @Sendable () throws -> Project,
    analyse: @escaping @Sendable (Project) -> ProjectAnalysis
  ) {
    let reloader = LiveReloader(load: load, analyse: analyse)
    self.reloader = reloader
    watcher = FileWatcher(
      targets: WatchTargets.of(project), interval: interval,
      pollAlways: WatchTargets.needsPolling(project)
    ) { reloader.request() }
  }

  /// A load started with `r` was shown: its analysis (computed by the run loop) is the one to
  /// show next, until live mode reloads again.
  func manualLoadShown() { hasReloaded = false }

  /// Starts the watcher and the reloader.
  func start(forcePolling: Bool = false) {
    reloader.start()
    watcher.start(forcePolling: forcePolling)
  }

  /// Stops both threads.
  func stop() {
    watcher.stop()
    reloader.stop()
  }

  /// Applies what the reloader delivered since the last call; returns whether the state
  /// changed. A reloaded project is shown at once (with the previous analysis until its own is
  /// computed); a project whose sources broke is not shown, and neither is its analysis.
  func apply(to state: inout AppState) -> Bool {
    let results = reloader.take()
    var changed = false
    if let failure = results.failure {
      report("showing the last good data: the reload failed: \(failure)", in: &state)
      changed = true
    }
    if let (generation, project) = results.project {
      changed = true
      let broken = LiveUpdate.broken(from: state.project, to: project)
      if let first = broken.first {
        report(
          "showing the last good data: \(first)"
            + (broken.count > 1 ? " (and \(broken.count - 1) more)" : ""), in: &state)
      } else {
        state.replace(project, analysis: state.analysis)
        shownGeneration = generation
        hasReloaded = true
        watcher.retarget(WatchTargets.of(project), pollAlways: WatchTargets.needsPolling(project))
        if lastProblem != nil {
          lastProblem = nil
          state.report("the project loads cleanly again")
        }
      }
    }
    if let (generation, analysis) = results.analysis, generation == shownGeneration {
      state.apply(analysis)
      changed = true
    }
    return changed
  }

  private func report(_ problem: String, in state: inout AppState) {
    guard problem != lastProblem else { return }
    lastProblem = problem
    state.report(problem, error: true)
  }
}

import Foundation
import MLDebt

/// Reloads the project on a background thread whenever asked, then recomputes its analysis,
/// coalescing requests that come while it works, and hands the results to the run loop (which
/// polls between keys). The project is handed over as soon as it loads, so new runs and metric
/// points show at once; its analysis follows, tagged with the same generation.
final class LiveReloader: @unchecked Sendable {
  /// What a poll of the reloader found.
  struct Results {
    /// A reload that failed outright, with why.
    var failure: String?
    /// The newest loaded project and its generation.
    var project: (generation: Int, value: Project)?
    /// The newest analysis and the generation of the project it analyses.
    var analysis: (generation: Int, value: ProjectAnalysis)?
  }

  private let condition = NSCondition()
  private var requested = false
  private var stopped = false
  private var results = Results()
  private var generation = 0
  private let load: @Sendable () throws -> Project
  private let analyse: @Sendable (Project) -> ProjectAnalysis

  /// Creates a reloader with how to load and how to analyse.
  init(
    load: @escaping @Sendable () throws -> Project,
    analyse: @escaping @Sendable (Project) -> ProjectAnalysis
  ) {
    self.load = load
    self.analyse = analyse
  }

  /// Starts the worker thread.
  func start() {
    Thread.detachNewThread { [self] in work() }
  }

  /// Asks for a reload (from any thread).
  func request() {
    condition.lock()
    requested = true
    condition.signal()
    condition.unlock()
  }

  /// Stops the worker after the step under way.
  func stop() {
    condition.lock()
    stopped = true
    condition.signal()
    condition.unlock()
  }

  /// Everything delivered since the last call.
  func take() -> Results {
    condition.lock()
    defer {
      results = Results()
      condition.unlock()
    }
    return results
  }

  private func work() {
    while true {
      condition.lock()
      while !requested && !stopped { condition.wait() }
      if stopped {
        condition.unlock()
        return
      }
      requested = false
      generation += 1
      let current = generation
      condition.unlock()
      let project: Project
      do {
        project = try load()
      } catch {
        condition.lock()
        results.failure = "\(error)"
        condition.unlock()
        continue
      }
      condition.lock()
      results.project = (current, project)
      // A newer change is waiting: its load will need analysing, not this one.
      let superseded = requested
      condition.unlock()
      if superseded { continue }
      let analysis = analyse(project)
      condition.lock()
      results.analysis = (current, analysis)
      condition.unlock()
    }
  }
}

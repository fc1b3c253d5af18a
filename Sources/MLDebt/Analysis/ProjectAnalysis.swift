import Foundation

/// The drift of one monitoring source: its report, or why none could be computed.
public struct MonitoringDrift: Sendable {
  /// The monitoring source.
  public let source: MonitoringSource
  /// The report, when the source's files could be compared.
  public let report: DriftReport?
  /// Why there is no report (a missing file, a column mismatch…), or `nil`.
  public let error: String?

  /// Creates the drift of a source.
  public init(source: MonitoringSource, report: DriftReport?, error: String?) {
    self.source = source
    self.report = report
    self.error = error
  }
}

/// Everything mldebt derives from a loaded project, computed once and shared by the TUI, the CLI
/// and reviews: the lineage graph, the drift of every monitoring source, and the checklist.
///
/// Computing it is the slow step after loading (drift reads the monitoring files), which is why
/// the TUI computes it in the background and the views show "analysing…" until it arrives.
public struct ProjectAnalysis: Sendable {
  /// Runs the checklist over a project, the graph and the drift already computed; returns the
  /// checklist and any diagnostics (a team check that failed, say). The default runs the
  /// built-in detectors only; the CLI and the TUI pass one that adds the project's Lua checks.
  public typealias ChecklistEvaluator =
    @Sendable (_ project: Project, _ now: Date, _ precomputed: DetectorContext.Precomputed) ->
    (checklist: Checklist, diagnostics: [Diagnostic])

  /// The project analysed.
  public let project: Project
  /// The time findings were judged at.
  public let now: Date
  /// The lineage graph.
  public let graph: LineageGraph
  /// The drift of each monitoring source, in the project's order.
  public let drift: [MonitoringDrift]
  /// The checklist: findings, area scores, the ML Test Score.
  public let checklist: Checklist
  /// Problems met while analysing (drift that could not be computed, checks that failed).
  public let diagnostics: [Diagnostic]

  /// Creates an analysis from parts computed elsewhere.
  public init(
    project: Project, now: Date, graph: LineageGraph, drift: [MonitoringDrift],
    checklist: Checklist, diagnostics: [Diagnostic]
  ) {
    self.project = project
    self.now = now
    self.graph = graph
    self.drift = drift
    self.checklist = checklist
    self.diagnostics = diagnostics
  }

  /// Analyses a project: the graph, then the drift of every monitoring source, then the
  /// checklist (which reuses both instead of computing them again).
  ///
  /// When `cancellation` (or the thread's ``CancellationFlag/current``) is raised, drift stops
  /// between sources and columns; the analysis returned is then incomplete and the caller must
  /// drop it (the flag tells).
  public static func compute(
    _ project: Project, now: Date = Date(), evaluator: ChecklistEvaluator? = nil,
    cancellation: CancellationFlag? = nil
  ) -> ProjectAnalysis {
    let flag = cancellation ?? CancellationFlag.current
    let graph = LineageGraph(project)
    var drift: [MonitoringDrift] = []
    var reports: [String: DriftReport] = [:]
    var diagnostics: [Diagnostic] = []
    var driftOptions = DriftOptions()
    driftOptions.cancellation = flag
    for source in project.monitoring {
      if flag?.isCancelled == true { break }
      do {
        let report = try DriftEngine.analyse(source, in: project, options: driftOptions)
        reports[source.name] = report
        drift.append(MonitoringDrift(source: source, report: report, error: nil))
      } catch {
        drift.append(MonitoringDrift(source: source, report: nil, error: error.description))
        diagnostics.append(
          Diagnostic(
            .warning, source: .monitoring, at: SourceLocation(file: project.manifestPath ?? "."),
            "monitoring source `\(source.name)`: no drift report: \(error.description)",
            hint: "check the files it names with `mldebt drift --format json`"))
      }
    }
    let precomputed = DetectorContext.Precomputed(graph: graph, drift: reports)
    // Cancelled: the detectors must not compute the drift that was skipped.
    var judged = project
    if flag?.isCancelled == true { judged.monitoring = [] }
    let (checklist, checkDiagnostics) =
      evaluator?(judged, now, precomputed)
      ?? (Checklist.evaluate(judged, now: now, precomputed: precomputed), [])
    return ProjectAnalysis(
      project: project, now: now, graph: graph, drift: drift, checklist: checklist,
      diagnostics: diagnostics + checkDiagnostics)
  }

  /// The drift report of the monitoring source named `name`, or of the first one with a report.
  public func driftReport(named name: String? = nil) -> DriftReport? {
    if let name { return drift.first { $0.source.name == name }?.report }
    return drift.lazy.compactMap(\.report).first
  }
}

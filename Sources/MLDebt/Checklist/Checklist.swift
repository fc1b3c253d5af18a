import Foundation

/// The debt checklist of a project: every finding, the nine area scores, the overall score and
/// the ML Test Score, computed from one project at one time.
public struct Checklist: Sendable, Codable {
  /// When it was computed (ISO 8601).
  public var computedAt: String
  /// Every finding, most severe first.
  public var findings: [Finding]
  /// One score per area, in the checklist's order.
  public var areas: [AreaScore]
  /// The mean of the area scores, 0–100.
  public var overall: Double
  /// The ML Test Score view of the same evidence.
  public var mlTestScore: MLTestScore
  /// Every rule that ran (built-in and team checks), one per rule id, in run order.
  public var rules: [ChecklistRule] = []

  /// Runs every detector (built-in ones, plus `extraDetectors` and `extraFindings` from other
  /// analyses and team checks) and scores the result. `precomputed` holds the graph and drift
  /// reports when they were already computed (``ProjectAnalysis``).
  public static func evaluate(
    _ project: Project, now: Date = Date(), extraDetectors: [any Detector] = [],
    extraFindings: [Finding] = [], precomputed: DetectorContext.Precomputed = .init()
  ) -> Checklist {
    let context = DetectorContext(project: project, now: now, precomputed: precomputed)
    let detectors = DetectorCatalog.all + extraDetectors
    let results = ResultSlots<[Finding]>(count: detectors.count)
    DispatchQueue.concurrentPerform(iterations: detectors.count) { index in
      results[index] = detectors[index].findings(in: context)
    }
    var findings = results.values.flatMap { $0 } + extraFindings
    // One finding per fingerprint; most severe first, then by area and title for stable output.
    var seen: Set<String> = []
    findings = findings.filter { seen.insert($0.fingerprint).inserted }
    findings.sort {
      ($1.severity, $0.area.rawValue, $0.title) < ($0.severity, $1.area.rawValue, $1.title)
    }
    let stale = project.thresholds.attestationDays
    let areas = Scorer.score(
      findings: findings, attestations: project.attestations, staleAfterDays: stale, now: now)
    return Checklist(
      computedAt: ISO8601DateFormatter().string(from: now), findings: findings, areas: areas,
      overall: Scorer.overall(areas),
      mlTestScore: MLTestScore.evaluate(
        project: project, findings: findings, staleAfterDays: stale, now: now),
      rules: rules(of: detectors))
  }

  /// One description per rule id (the first detector's), in run order.
  static func rules(of detectors: [any Detector]) -> [ChecklistRule] {
    var seen: Set<String> = []
    return detectors.flatMap(\.emittedRules).filter { seen.insert($0.rule).inserted }
  }
}

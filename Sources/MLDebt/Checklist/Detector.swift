import Foundation

/// What detectors look at: the project, the time "now", and shared, lazily read extras.
public struct DetectorContext: Sendable {
  /// The loaded project.
  public let project: Project
  /// The time findings are judged at (injectable, so tests and reviews are deterministic).
  public let now: Date
  /// Configuration files found in the project (read once, shared by detectors).
  public let configFiles: [ConfigFile]
  /// The lineage graph of the project.
  public let graph: LineageGraph
  /// Drift reports already computed, by monitoring source name; detectors compute the others.
  public let drift: [String: DriftReport]

  /// Analyses computed before the checklist runs, so that detectors do not repeat them.
  public struct Precomputed: Sendable {
    /// The lineage graph, if built.
    public var graph: LineageGraph?
    /// Drift reports by monitoring source name.
    public var drift: [String: DriftReport]

    /// Creates a set of precomputed analyses.
    public init(graph: LineageGraph? = nil, drift: [String: DriftReport] = [:]) {
      self.graph = graph
      self.drift = drift
    }
  }

  /// Creates a context, reading the project's configuration files and building what
  /// `precomputed` does not hold.
  public init(project: Project, now: Date = Date(), precomputed: Precomputed = Precomputed()) {
    self.project = project
    self.now = now
    self.configFiles = ConfigFile.discover(in: project)
    self.graph = precomputed.graph ?? LineageGraph(project)
    self.drift = precomputed.drift
  }

  /// The drift report of a monitoring source: the precomputed one, else computed now (`nil`
  /// when its files cannot be compared).
  public func driftReport(for source: MonitoringSource) -> DriftReport? {
    if let report = drift[source.name] { return report }
    return try? DriftEngine.analyse(source, in: project)
  }

  /// Days between an ISO date (`YYYY-MM-DD…`) and now, or `nil` if it is not a date.
  public func daysSince(_ isoDate: String) -> Int? {
    guard let seconds = ISODates.day(isoDate) else { return nil }
    return Int((now.timeIntervalSince1970 - seconds) / 86_400)
  }
}

/// A rule that finds one kind of debt.
///
/// Built-in detectors are listed in ``DetectorCatalog``; team-specific ones come from Lua
/// (docs/scripting.md). docs/scoring.md lists every rule.
public protocol Detector: Sendable {
  /// The rule id, such as `features.undocumented`.
  var rule: String { get }
  /// The area its findings count in.
  var area: DebtArea { get }
  /// One line: what it looks for.
  var summary: String { get }
  /// Runs the rule.
  func findings(in context: DetectorContext) -> [Finding]
  /// Where the rule is declared when it comes from a project file (a team's Lua check), else
  /// `nil`.
  var definedAt: SourceLocation? { get }
  /// The rules its findings carry: the detector's own rule, or, for a detector that runs a
  /// whole analysis (the lineage signals, the drift engine), each rule that analysis reports.
  var emittedRules: [ChecklistRule] { get }
}

extension Detector {
  /// Built-in rules are declared in mldebt itself, not in a project file.
  public var definedAt: SourceLocation? { nil }
  /// The detector's own rule.
  public var emittedRules: [ChecklistRule] { [ChecklistRule(self)] }
}

/// A detector made of a closure, for rules that need no state of their own.
public struct RuleDetector: Detector {
  /// The rule id.
  public let rule: String
  /// The area.
  public let area: DebtArea
  /// What it looks for.
  public let summary: String
  /// The rules its findings carry, when they are not just ``rule``.
  private let emits: [ChecklistRule]?
  private let body: @Sendable (DetectorContext) -> [Finding]

  /// Creates a detector from its rule, area, summary and body; `emits` lists the rules its
  /// findings carry when the body reports several (`nil`: just `rule`).
  public init(
    _ rule: String, _ area: DebtArea, _ summary: String, emits: [ChecklistRule]? = nil,
    _ body: @escaping @Sendable (DetectorContext) -> [Finding]
  ) {
    self.rule = rule
    self.area = area
    self.summary = summary
    self.emits = emits
    self.body = body
  }

  /// The rules its findings carry.
  public var emittedRules: [ChecklistRule] { emits ?? [ChecklistRule(self)] }

  /// Runs the body.
  public func findings(in context: DetectorContext) -> [Finding] { body(context) }
}

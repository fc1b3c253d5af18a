import Foundation

/// What detectors look at: the project, the time "now", and shared, lazily read extras.
public struct DetectorContext: Sendable {
  /// The loaded project.
  public let project: Project
  /// The time findings are judged at (injectable, so tests and reviews are deterministic).
  public let now: Date
  /// Configuration files found in the project (read once, shared by detectors).
  public let configFiles: [ConfigFile]

  /// Creates a context, reading the project's configuration files.
  public init(project: Project, now: Date = Date()) {
    self.project = project
    self.now = now
    self.configFiles = ConfigFile.discover(in: project)
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
}

/// A detector made of a closure, for rules that need no state of their own.
public struct RuleDetector: Detector {
  /// The rule id.
  public let rule: String
  /// The area.
  public let area: DebtArea
  /// What it looks for.
  public let summary: String
  private let body: @Sendable (DetectorContext) -> [Finding]

  /// Creates a detector from its rule, area, summary and body.
  public init(
    _ rule: String, _ area: DebtArea, _ summary: String,
    _ body: @escaping @Sendable (DetectorContext) -> [Finding]
  ) {
    self.rule = rule
    self.area = area
    self.summary = summary
    self.body = body
  }

  /// Runs the body.
  public func findings(in context: DetectorContext) -> [Finding] { body(context) }
}

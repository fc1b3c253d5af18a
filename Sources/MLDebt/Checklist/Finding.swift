/// One piece of debt that a detector found, with the evidence behind it.
///
/// Every detector (lineage, runs, drift, checklist, and team-specific Lua checks) reports
/// findings of this one shape, so the checklist, the CLI and reviews treat them alike.
public struct Finding: Sendable, Hashable, Codable {
  /// How much a finding matters.
  public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Worth knowing.
    case info
    /// Minor debt.
    case low
    /// Debt that will cost time.
    case medium
    /// Debt that can break production or mislead decisions.
    case high
    /// Debt that is hurting now.
    case critical

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// Orders from `info` to `critical`.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  /// What a finding points at.
  public enum Evidence: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A node of the lineage graph.
    case node(NodeID)
    /// A tracked run, by id.
    case run(String)
    /// A place in a file.
    case file(SourceLocation)
    /// A monitored feature in a window (the window's label, or `nil` for all windows).
    case drift(feature: String, window: String?)

    /// A short text form: `feature:age`, `run 0a1b…`, `dvc.yaml:12`, `drift age (2024-W05)`.
    public var description: String {
      switch self {
      case .node(let id): id.description
      case .run(let id): "run \(id)"
      case .file(let location): location.description
      case .drift(let feature, let window): "drift \(feature)" + (window.map { " (\($0))" } ?? "")
      }
    }
  }

  /// The detector's id, such as `lineage.feedback-loop`.
  public var rule: String
  /// The area it counts in.
  public var area: DebtArea
  /// How much it matters.
  public var severity: Severity
  /// One line: what is wrong.
  public var title: String
  /// Why it is debt.
  public var why: String
  /// What to do about it.
  public var fix: String
  /// What it points at; the first item is the main subject.
  public var evidence: [Evidence]

  /// Creates a finding.
  public init(
    rule: String, area: DebtArea, severity: Severity, title: String, why: String, fix: String,
    evidence: [Evidence]
  ) {
    self.rule = rule
    self.area = area
    self.severity = severity
    self.title = title
    self.why = why
    self.fix = fix
    self.evidence = evidence
  }

  /// A stable identity across runs: the rule and the sorted evidence, not the wording.
  ///
  /// Reviews use it to say what is new, fixed and unchanged since a snapshot.
  public var fingerprint: String {
    let subject = evidence.map(\.description).sorted().joined(separator: "|")
    return StableHash.hex(rule + "\u{1f}" + subject)
  }
}
